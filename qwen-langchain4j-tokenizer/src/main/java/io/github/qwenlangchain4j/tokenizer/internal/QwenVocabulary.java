package io.github.qwenlangchain4j.tokenizer.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Qwen's byte-level BPE vocabulary: the 151,643 regular tokens of {@code qwen.tiktoken} (one base64 byte sequence
 * and its rank per line; the rank is the token id and the merge priority) and the added tokens from 151,643 on.
 *
 * <p>The byte sequences are looked up by an open-addressing table keyed on byte ranges, so that the encoder never
 * allocates a key: BPE asks "is bytes[from, to) a token, and which rank?" millions of times.
 */
public final class QwenVocabulary {

    /** Number of regular (byte-level BPE) tokens; also the id of the first added token. */
    public static final int REGULAR_TOKENS = 151_643;

    /**
     * The added tokens of Qwen2, Qwen2.5 and Qwen3, by id (Qwen3's tokenizer_config.json {@code added_tokens_decoder},
     * e.g. huggingface.co/Qwen/Qwen3-8B; Qwen2.5 has the same up to 151664, Qwen3 adds the tool_response and think
     * tokens).
     */
    private static final String[] ADDED_TOKENS = {
        "<|endoftext|>",
        "<|im_start|>",
        "<|im_end|>",
        "<|object_ref_start|>",
        "<|object_ref_end|>",
        "<|box_start|>",
        "<|box_end|>",
        "<|quad_start|>",
        "<|quad_end|>",
        "<|vision_start|>",
        "<|vision_end|>",
        "<|vision_pad|>",
        "<|image_pad|>",
        "<|video_pad|>",
        "<tool_call>",
        "</tool_call>",
        "<|fim_prefix|>",
        "<|fim_middle|>",
        "<|fim_suffix|>",
        "<|fim_pad|>",
        "<|repo_name|>",
        "<|file_sep|>",
        "<tool_response>",
        "</tool_response>",
        "<think>",
        "</think>"
    };

    /** Tokens up to this many bytes are found by {@link #shortKey}. */
    private static final int SHORT = 7;

    private static final String RESOURCE = "/io/github/qwenlangchain4j/tokenizer/qwen.tiktoken";

    private static volatile QwenVocabulary instance;

    private final byte[] bytes; // every token's bytes, back to back, by rank
    private final int[] offsets; // rank -> start in bytes; offsets[rank + 1] is its end
    private final int[] table; // tokens of more than SHORT bytes; open addressing: rank + 1, 0 = empty
    private final int[] hashes; // rank -> hash of its bytes, so that a probe compares bytes only on a likely hit
    // Tokens of at most SHORT bytes (most of them) are keyed by their bytes packed into a long, key and rank side by
    // side in one array: a lookup reads one cache line instead of a table slot, an offset and the bytes (profiled: the
    // cache misses of those three were most of the encoder's time).
    private final long[] shortTable; // [2 * slot] = key (0 = empty), [2 * slot + 1] = rank
    private final int shortMask;
    private final int shortShift;
    private final int mask;
    private final Map<String, Integer> addedTokens;
    private final int[] singleByteRanks = new int[256];
    private final int maxTokenBytes;

    private QwenVocabulary(byte[][] tokens) {
        int total = 0;
        for (byte[] token : tokens) {
            total += token.length;
        }
        bytes = new byte[total];
        offsets = new int[tokens.length + 1];
        int position = 0;
        for (int rank = 0; rank < tokens.length; rank++) {
            offsets[rank] = position;
            System.arraycopy(tokens[rank], 0, bytes, position, tokens[rank].length);
            position += tokens[rank].length;
        }
        offsets[tokens.length] = position;
        int longest = 32; // the longest added token is shorter
        for (byte[] token : tokens) {
            longest = Math.max(longest, token.length);
        }
        maxTokenBytes = longest;
        hashes = new int[tokens.length];
        int shortTokens = 0;
        for (byte[] token : tokens) {
            shortTokens += token.length <= SHORT ? 1 : 0;
        }
        // A load factor below 0.3 keeps probe sequences short: most lookups are misses during BPE.
        table = new int[Integer.highestOneBit(Math.max(1, tokens.length - shortTokens) * 4 - 1) << 1];
        mask = table.length - 1;
        int shortSlots = Integer.highestOneBit(shortTokens * 2 - 1) << 1; // load factor below a half
        shortTable = new long[shortSlots * 2];
        shortMask = shortSlots - 1;
        shortShift = 64 - Integer.numberOfTrailingZeros(shortSlots);
        for (int rank = 0; rank < tokens.length; rank++) {
            int from = offsets[rank];
            int to = offsets[rank + 1];
            if (to - from <= SHORT) {
                long key = shortKey(bytes, from, to);
                int slot = shortSlot(key);
                while (shortTable[2 * slot] != 0) {
                    slot = (slot + 1) & shortMask;
                }
                shortTable[2 * slot] = key;
                shortTable[2 * slot + 1] = rank;
                continue;
            }
            hashes[rank] = hash(bytes, from, to);
            int slot = hashes[rank] & mask;
            while (table[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            table[slot] = rank + 1;
        }
        Arrays.fill(singleByteRanks, -1);
        for (int b = 0; b < 256; b++) {
            byte[] one = {(byte) b};
            singleByteRanks[b] = lookup(one, 0, 1);
            if (singleByteRanks[b] < 0) {
                throw new IllegalStateException("qwen.tiktoken has no token for the byte " + b);
            }
        }
        Map<String, Integer> added = new LinkedHashMap<>();
        for (int i = 0; i < ADDED_TOKENS.length; i++) {
            added.put(ADDED_TOKENS[i], REGULAR_TOKENS + i);
        }
        addedTokens = Collections.unmodifiableMap(added);
    }

    /** The vocabulary in this jar, loaded once (about 100 ms) and shared: it is immutable. */
    public static QwenVocabulary get() {
        QwenVocabulary loaded = instance;
        if (loaded == null) {
            synchronized (QwenVocabulary.class) {
                loaded = instance;
                if (loaded == null) {
                    loaded = load();
                    instance = loaded;
                }
            }
        }
        return loaded;
    }

    private static QwenVocabulary load() {
        byte[][] tokens = new byte[REGULAR_TOKENS][];
        int count = 0;
        try (InputStream in = QwenVocabulary.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Qwen's vocabulary " + RESOURCE + " is missing from the class path;"
                        + " it is packed into qwen-langchain4j-tokenizer.jar at build time");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII), 1 << 16);
            Base64.Decoder decoder = Base64.getDecoder();
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isEmpty()) {
                    continue;
                }
                int space = line.indexOf(' ');
                int rank = space < 0 ? -1 : Integer.parseInt(line, space + 1, line.length(), 10);
                if (rank < 0 || rank >= REGULAR_TOKENS || tokens[rank] != null) {
                    throw new IllegalStateException("Unexpected line in qwen.tiktoken: " + line);
                }
                tokens[rank] = decoder.decode(line.substring(0, space));
                count++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read Qwen's vocabulary " + RESOURCE, e);
        }
        if (count != REGULAR_TOKENS) {
            throw new IllegalStateException("qwen.tiktoken has " + count + " tokens, expected " + REGULAR_TOKENS);
        }
        return new QwenVocabulary(tokens);
    }

    private static int hash(byte[] data, int from, int to) {
        int h = 0x811c9dc5;
        for (int i = from; i < to; i++) {
            h = (h ^ (data[i] & 0xff)) * 0x01000193;
        }
        return h ^ (h >>> 15);
    }

    /** The rank (token id) of the byte sequence {@code data[from, to)}, or -1 when it is not a token. */
    public int rank(byte[] data, int from, int to) {
        int length = to - from;
        if (length == 1) {
            return singleByteRanks[data[from] & 0xff];
        }
        return lookup(data, from, to);
    }

    /** Up to {@link #SHORT} bytes and their count in one long: never 0, and different for different sequences. */
    private static long shortKey(byte[] data, int from, int to) {
        long key = to - from;
        for (int i = from; i < to; i++) {
            key = (key << 8) | (data[i] & 0xff);
        }
        return key;
    }

    private int shortSlot(long key) {
        // Fibonacci hashing: the high bits of the product depend on every byte.
        return (int) ((key * 0x9e3779b97f4a7c15L) >>> shortShift);
    }

    private int lookup(byte[] data, int from, int to) {
        int length = to - from;
        if (length <= SHORT) {
            long key = shortKey(data, from, to);
            int slot = shortSlot(key);
            long found;
            while ((found = shortTable[2 * slot]) != 0) {
                if (found == key) {
                    return (int) shortTable[2 * slot + 1];
                }
                slot = (slot + 1) & shortMask;
            }
            return -1;
        }
        int hash = hash(data, from, to);
        int slot = hash & mask;
        int entry;
        while ((entry = table[slot]) != 0) {
            int rank = entry - 1;
            int start = offsets[rank];
            if (hashes[rank] == hash && offsets[rank + 1] - start == length && sameBytes(start, data, from, length)) {
                return rank;
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    /** A plain loop: tokens are short, and Arrays.equals' range checks cost more than the compare (profiled). */
    private boolean sameBytes(int start, byte[] data, int from, int length) {
        for (int i = 0; i < length; i++) {
            if (bytes[start + i] != data[from + i]) {
                return false;
            }
        }
        return true;
    }

    /** The added tokens ({@code <|im_start|>}, {@code <tool_call>}, ...) by text, in id order. */
    public Map<String, Integer> addedTokens() {
        return addedTokens;
    }

    /** Number of ids: the regular tokens and the added ones. */
    public int size() {
        return REGULAR_TOKENS + ADDED_TOKENS.length;
    }

    /**
     * Appends the bytes of token {@code id} to {@code out} from {@code position}; returns the new position.
     * {@code out} must have room: see {@link #maxTokenBytes()}.
     */
    public int appendBytes(int id, byte[] out, int position) {
        if (id < 0 || id >= size()) {
            throw new IllegalArgumentException(
                    "Token id " + id + " is not in Qwen's vocabulary (0 to " + (size() - 1) + ")");
        }
        if (id >= REGULAR_TOKENS) {
            byte[] text = ADDED_TOKENS[id - REGULAR_TOKENS].getBytes(StandardCharsets.UTF_8);
            System.arraycopy(text, 0, out, position, text.length);
            return position + text.length;
        }
        int start = offsets[id];
        int length = offsets[id + 1] - start;
        System.arraycopy(bytes, start, out, position, length);
        return position + length;
    }

    /** The longest token, in bytes: the room {@link #appendBytes} may need. */
    public int maxTokenBytes() {
        return maxTokenBytes;
    }
}
