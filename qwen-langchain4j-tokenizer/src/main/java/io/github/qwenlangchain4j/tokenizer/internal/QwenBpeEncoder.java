package io.github.qwenlangchain4j.tokenizer.internal;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Map;

/**
 * Qwen2's tokenizer, as its tokenizer.json describes it: NFC normalization, then the pre-tokenization regex
 * <pre>{@code (?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+}</pre>
 * (the same as Qwen's tokenization_qwen2.py PRETOKENIZE_REGEX and the dashscope SDK's QwenTokenizer), then
 * byte-level BPE on each piece's UTF-8 bytes, the lowest-ranked adjacent pair merged first.
 *
 * <p>The regex is matched by hand, alternative by alternative in the regex's order, so that nothing backtracks and
 * no word allocates. {@code \s} is Unicode White_Space, as in the Oniguruma and Rust regex engines of
 * the reference tokenizers (Java's own {@code \s} is ASCII only). Thread-safe: the scratch buffers are per call.
 */
public final class QwenBpeEncoder {

    private static final int NO_RANK = Integer.MAX_VALUE;

    private final QwenVocabulary vocabulary;

    /** An encoder on the given vocabulary. */
    public QwenBpeEncoder(QwenVocabulary vocabulary) {
        this.vocabulary = vocabulary;
    }

    /** The vocabulary this encoder uses. */
    public QwenVocabulary vocabulary() {
        return vocabulary;
    }

    /**
     * Encodes {@code text} as plain text (an added token's text such as {@code <|im_end|>} is encoded as the characters
     * it is made of). Appends the ids to {@code out} unless it is null; returns how many tokens the text has.
     */
    public int encodeOrdinary(String text, IntList out) {
        String normalized = nfc(text);
        Scratch scratch = new Scratch();
        int count = 0;
        int length = normalized.length();
        int position = 0;
        while (position < length) {
            int end = pieceEnd(normalized, position, length);
            count += encodePiece(normalized, position, end, scratch, out);
            position = end;
        }
        return count;
    }

    /**
     * Encodes {@code text} with the added tokens ({@code <|im_start|>}, {@code <tool_call>}, ...) recognised as single
     * tokens, as Hugging Face's Qwen2 tokenizer does by default. Appends the ids to {@code out} unless it is null;
     * returns how many tokens the text has.
     */
    public int encodeWithAddedTokens(String text, IntList out) {
        int count = 0;
        int from = 0;
        int search = text.indexOf('<');
        while (search >= 0) {
            Map.Entry<String, Integer> added = addedTokenAt(text, search);
            if (added != null) {
                count += encodeOrdinary(text.substring(from, search), out);
                if (out != null) {
                    out.add(added.getValue());
                }
                count++;
                from = search + added.getKey().length();
                search = text.indexOf('<', from);
            } else {
                search = text.indexOf('<', search + 1);
            }
        }
        return count + encodeOrdinary(text.substring(from), out);
    }

    private Map.Entry<String, Integer> addedTokenAt(String text, int position) {
        for (Map.Entry<String, Integer> added : vocabulary.addedTokens().entrySet()) {
            if (text.startsWith(added.getKey(), position)) {
                return added;
            }
        }
        return null;
    }

    private static String nfc(String text) {
        // Nothing below U+0300 (where the combining marks begin) is changed by NFC or composes with its neighbour:
        // ASCII and Latin-1 text skips the normalizer.
        for (int i = 0, n = text.length(); i < n; i++) {
            if (text.charAt(i) >= 0x300) {
                return Normalizer.normalize(text, Normalizer.Form.NFC);
            }
        }
        return text;
    }

    // ---- pre-tokenization: where the regex's match starting at position ends

    static int pieceEnd(String text, int i, int n) {
        int cp = text.codePointAt(i);
        int width = Character.charCount(cp);
        // 1. (?i:'s|'t|'re|'ve|'m|'ll|'d)
        if (cp == '\'' && i + 1 < n) {
            char d = foldCase(text.charAt(i + 1));
            if (d == 's' || d == 't' || d == 'm' || d == 'd') {
                return i + 2;
            }
            if (i + 2 < n) {
                char e = foldCase(text.charAt(i + 2));
                if ((d == 'r' && e == 'e') || (d == 'v' && e == 'e') || (d == 'l' && e == 'l')) {
                    return i + 3;
                }
            }
        }
        // 2. [^\r\n\p{L}\p{N}]?\p{L}+
        if (isLetter(cp)) {
            return letters(text, i + width, n);
        }
        boolean number = isNumber(cp);
        boolean space = isWhiteSpace(cp);
        if (!number && cp != '\r' && cp != '\n' && i + width < n && isLetter(text.codePointAt(i + width))) {
            return letters(text, i + width, n);
        }
        // 3. \p{N}
        if (number) {
            return i + width;
        }
        // 4. " ?[^\s\p{L}\p{N}]+[\r\n]*"
        int j = cp == ' ' ? i + 1 : i;
        if (j < n && (j > i || !space)) {
            int c = text.codePointAt(j);
            if (isOther(c)) {
                j += Character.charCount(c);
                while (j < n && isOther(c = text.codePointAt(j))) {
                    j += Character.charCount(c);
                }
                while (j < n && (text.charAt(j) == '\r' || text.charAt(j) == '\n')) {
                    j++;
                }
                return j;
            }
        }
        // 5. \s*[\r\n]+ (ends after the run's last line break), 6. \s+(?!\S), 7. \s+
        // White space is all in the BMP, so the run is scanned by char.
        j = i;
        int lastLineBreak = -1;
        char c;
        while (j < n && isWhiteSpace(c = text.charAt(j))) {
            if (c == '\r' || c == '\n') {
                lastLineBreak = j;
            }
            j++;
        }
        if (lastLineBreak >= 0) {
            return lastLineBreak + 1;
        }
        if (j == n) {
            return j;
        }
        return j - 1 > i ? j - 1 : j; // leave the last space to prefix the word that follows
    }

    private static int letters(String text, int j, int n) {
        while (j < n) {
            char c = text.charAt(j);
            if (c < 0x80) {
                int lower = c | 0x20;
                if (lower < 'a' || lower > 'z') {
                    return j;
                }
                j++;
            } else {
                int cp = text.codePointAt(j);
                if (!Character.isLetter(cp)) {
                    return j;
                }
                j += Character.charCount(cp);
            }
        }
        return j;
    }

    /** ASCII and the long s fold to lower case as Unicode case folding does; nothing else matters to rule 1. */
    private static char foldCase(char c) {
        if (c >= 'A' && c <= 'Z') {
            return (char) (c | 0x20);
        }
        return c == '\u017f' ? 's' : c;
    }

    /** {@code \p{L}}. */
    static boolean isLetter(int cp) {
        if (cp < 0x80) {
            int lower = cp | 0x20;
            return lower >= 'a' && lower <= 'z';
        }
        return Character.isLetter(cp);
    }

    /** {@code \p{N}}: decimal digits, letter numbers (Ⅻ) and other numbers (½, ²). */
    static boolean isNumber(int cp) {
        if (cp < 0x80) {
            return cp >= '0' && cp <= '9';
        }
        int type = Character.getType(cp);
        return type == Character.DECIMAL_DIGIT_NUMBER
                || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }

    /** Unicode White_Space, which is what {@code \s} means to the reference tokenizers' regex engines. */
    static boolean isWhiteSpace(int cp) {
        if (cp < 0x80) {
            return cp == ' ' || (cp >= '\t' && cp <= '\r');
        }
        return cp == 0x85
                || cp == 0xa0
                || cp == 0x1680
                || (cp >= 0x2000 && cp <= 0x200a)
                || cp == 0x2028
                || cp == 0x2029
                || cp == 0x202f
                || cp == 0x205f
                || cp == 0x3000;
    }

    /** {@code [^\s\p{L}\p{N}]}. */
    private static boolean isOther(int cp) {
        return !isLetter(cp) && !isNumber(cp) && !isWhiteSpace(cp);
    }

    // ---- byte-level BPE

    private int encodePiece(String text, int from, int to, Scratch scratch, IntList out) {
        int length = scratch.utf8(text, from, to);
        byte[] bytes = scratch.bytes;
        int whole = vocabulary.rank(bytes, 0, length);
        if (whole >= 0) {
            if (out != null) {
                out.add(whole);
            }
            return 1;
        }
        return merge(bytes, length, scratch, out);
    }

    /** Pieces longer than this (in bytes) are merged with a heap instead of by scanning all pairs per merge. */
    private static final int LONG_PIECE = 256;

    /**
     * Merges the bytes of one piece: every part starts as one byte, and the adjacent pair whose concatenation has the
     * lowest rank (the leftmost of equals) is merged until no pair is a token. Scanning all pairs per merge is
     * quadratic in the piece's length, as tiktoken's is, and fastest for words; a long piece (a run of letters with
     * no space, such as unpunctuated Chinese or a pasted blob) goes to {@link #mergeLong}, which makes the same
     * merges in n log n.
     */
    private int merge(byte[] bytes, int length, Scratch scratch, IntList out) {
        if (length > LONG_PIECE) {
            return mergeLong(bytes, length, out);
        }
        int[] starts = scratch.starts(length + 1);
        int[] ranks = scratch.ranks(length);
        int parts = length;
        for (int k = 0; k <= length; k++) {
            starts[k] = k;
        }
        for (int k = 0; k < parts - 1; k++) {
            ranks[k] = rankOrNone(bytes, k, k + 2);
        }
        while (parts > 1) {
            int best = NO_RANK;
            int at = -1;
            for (int k = 0; k < parts - 1; k++) {
                if (ranks[k] < best) {
                    best = ranks[k];
                    at = k;
                }
            }
            if (at < 0) {
                break;
            }
            // Part at+1 joins part at: its start goes, and so does the rank of the pair (at+1, at+2).
            System.arraycopy(starts, at + 2, starts, at + 1, parts - at - 1);
            if (parts - at - 3 > 0) {
                System.arraycopy(ranks, at + 2, ranks, at + 1, parts - at - 3);
            }
            parts--;
            ranks[at] = at < parts - 1 ? rankOrNone(bytes, starts[at], starts[at + 2]) : NO_RANK;
            if (at > 0) {
                ranks[at - 1] = rankOrNone(bytes, starts[at - 1], starts[at + 1]);
            }
        }
        if (out != null) {
            for (int k = 0; k < parts; k++) {
                out.add(vocabulary.rank(bytes, starts[k], starts[k + 1]));
            }
        }
        return parts;
    }

    /**
     * The same merges as {@link #merge}, with the parts in a linked list (by start byte) and the candidate pairs in a
     * min-heap of (rank, start): the heap's head is the lowest rank, leftmost first, as the scan picks it. An entry
     * made stale by a merge next to it is recognised on the way out: its pair now spans other bytes, and so has
     * another rank (a byte sequence has one rank).
     */
    private int mergeLong(byte[] bytes, int length, IntList out) {
        int[] next = new int[length + 1]; // start of the following part; length ends the list
        int[] previous = new int[length + 1];
        boolean[] merged = new boolean[length]; // true once a part has joined the part before it
        for (int k = 0; k < length; k++) {
            next[k] = k + 1;
            previous[k] = k - 1;
        }
        LongHeap heap = new LongHeap(length);
        for (int k = 0; k + 1 < length; k++) {
            int rank = vocabulary.rank(bytes, k, k + 2);
            if (rank >= 0) {
                heap.push(((long) rank << 32) | k);
            }
        }
        int parts = length;
        while (!heap.isEmpty()) {
            long entry = heap.pop();
            int rank = (int) (entry >>> 32);
            int start = (int) entry;
            int second = next[start];
            if (merged[start] || second >= length || vocabulary.rank(bytes, start, next[second]) != rank) {
                continue; // stale
            }
            merged[second] = true;
            next[start] = next[second];
            if (next[start] < length) {
                previous[next[start]] = start;
                int right = vocabulary.rank(bytes, start, next[next[start]]);
                if (right >= 0) {
                    heap.push(((long) right << 32) | start);
                }
            }
            int before = previous[start];
            if (before >= 0) {
                int left = vocabulary.rank(bytes, before, next[start]);
                if (left >= 0) {
                    heap.push(((long) left << 32) | before);
                }
            }
            parts--;
        }
        if (out != null) {
            for (int k = 0; k < length; k = next[k]) {
                out.add(vocabulary.rank(bytes, k, next[k]));
            }
        }
        return parts;
    }

    /** A binary min-heap of longs. */
    private static final class LongHeap {
        private long[] values;
        private int size;

        LongHeap(int capacity) {
            values = new long[Math.max(16, capacity)];
        }

        boolean isEmpty() {
            return size == 0;
        }

        void push(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            int i = size++;
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (values[parent] <= value) {
                    break;
                }
                values[i] = values[parent];
                i = parent;
            }
            values[i] = value;
        }

        long pop() {
            long top = values[0];
            long last = values[--size];
            int i = 0;
            int half = size >>> 1;
            while (i < half) {
                int child = 2 * i + 1;
                if (child + 1 < size && values[child + 1] < values[child]) {
                    child++;
                }
                if (last <= values[child]) {
                    break;
                }
                values[i] = values[child];
                i = child;
            }
            values[i] = last;
            return top;
        }
    }

    private int rankOrNone(byte[] bytes, int from, int to) {
        int rank = vocabulary.rank(bytes, from, to);
        return rank < 0 ? NO_RANK : rank;
    }

    /** Buffers reused across the pieces of one call. */
    private static final class Scratch {
        byte[] bytes = new byte[256];
        int[] starts = new int[257];
        int[] ranks = new int[256];

        /** Writes text[from, to) as UTF-8 into {@link #bytes}; returns the byte length. */
        int utf8(String text, int from, int to) {
            if (bytes.length < (to - from) * 3) {
                bytes = new byte[(to - from) * 3];
            }
            byte[] b = bytes;
            int p = 0;
            for (int i = from; i < to; i++) {
                char c = text.charAt(i);
                if (c < 0x80) {
                    b[p++] = (byte) c;
                } else if (c < 0x800) {
                    b[p++] = (byte) (0xc0 | (c >> 6));
                    b[p++] = (byte) (0x80 | (c & 0x3f));
                } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(text.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, text.charAt(++i));
                    b[p++] = (byte) (0xf0 | (cp >> 18));
                    b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
                    b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
                    b[p++] = (byte) (0x80 | (cp & 0x3f));
                } else if (Character.isSurrogate(c)) {
                    // A lone surrogate is not text: it counts as U+FFFD, the replacement character.
                    b[p++] = (byte) 0xef;
                    b[p++] = (byte) 0xbf;
                    b[p++] = (byte) 0xbd;
                } else {
                    b[p++] = (byte) (0xe0 | (c >> 12));
                    b[p++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                    b[p++] = (byte) (0x80 | (c & 0x3f));
                }
            }
            return p;
        }

        int[] starts(int size) {
            if (starts.length < size) {
                starts = new int[size];
            }
            return starts;
        }

        int[] ranks(int size) {
            if (ranks.length < size) {
                ranks = new int[size];
            }
            return ranks;
        }
    }

    /** A growable list of ints, so that encoding boxes nothing. */
    public static final class IntList {
        private int[] values = new int[64];
        private int size;

        /** Appends one value. */
        public void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        /** The values, in order, as a new array. */
        public int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
