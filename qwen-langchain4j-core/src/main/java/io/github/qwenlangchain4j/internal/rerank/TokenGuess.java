package io.github.qwenlangchain4j.internal.rerank;

/**
 * A local token count that errs on the high side for Qwen's byte-level BPE, used to keep a rerank request within its
 * token limit when the exact tokenizer ({@code qwen-langchain4j-tokenizer}) is not on the class path. It follows the
 * pieces Qwen's pre-tokenizer cuts text into before BPE merges them, and counts each at least as Qwen does:
 *
 * <ul>
 *   <li>every digit one token (Qwen never merges digits: {@code 1,234.56} is seven tokens);
 *   <li>a run of ASCII letters, cut where a lower-case letter meets an upper-case one, one token per four letters
 *       when a third of it or more are vowels (a word: Qwen keeps most words whole), else three per four letters
 *       (identifiers, base64, hashes, which BPE cuts into short pieces);
 *   <li>whitespace: one space before a letter or a symbol merges into it and is free, any other run of whitespace
 *       (indentation, line breaks, a space before a digit) one token per four characters;
 *   <li>an ASCII symbol one token, a symbol of two UTF-8 bytes ({@code ©}, {@code °}, {@code ×}) one, of three
 *       ({@code €}, {@code —}, {@code ∑}, CJK punctuation) two;
 *   <li>a CJK, kana or Hangul character, or a letter of another alphabet (Cyrillic, Greek, Arabic, accented Latin,
 *       Thai) one token, a character of an Indic script two;
 *   <li>a character outside the Basic Multilingual Plane (emoji, rare ideographs) four, its UTF-8 byte count, which
 *       no BPE exceeds.
 * </ul>
 *
 * <p>Measured against Qwen's tokenizer, natural text of every script counts 1.0 to 2.6 times its real tokens
 * (English prose about 1.8, Chinese 2.0, number-heavy tables 1.0 to 1.2). Strings of rare ideographs or random
 * Hangul syllables, which Qwen spends up to two tokens per character on, can still count low; a request Qwen
 * refuses for its size is split and sent again ({@link Reranker}).
 */
public final class TokenGuess {

    private TokenGuess() {}

    /**
     * @param text the text; not null
     * @return its tokens, counted on the high side
     */
    public static int count(String text) {
        int tokens = 0;
        int n = text.length();
        int i = 0;
        while (i < n) {
            int cp = text.codePointAt(i);
            if (Character.isDigit(cp) || isOtherNumber(cp)) {
                tokens++;
                i += Character.charCount(cp);
            } else if (Character.isLetter(cp)) {
                int[] end = {i};
                tokens += letters(text, end);
                i = end[0];
            } else if (Character.isWhitespace(cp)) {
                int start = i;
                while (i < n && Character.isWhitespace(text.charAt(i))) {
                    i++;
                }
                int run = i - start;
                boolean mergesIntoNext = text.charAt(i - 1) == ' ' && i < n && !Character.isDigit(text.codePointAt(i));
                tokens += (run - (mergesIntoNext ? 1 : 0) + 3) / 4;
            } else {
                tokens += symbol(cp);
                i += Character.charCount(cp);
            }
        }
        return tokens;
    }

    /** The tokens of the run of letters at {@code at[0]}, which is moved past it. */
    private static int letters(String text, int[] at) {
        int tokens = 0;
        int segment = 0;
        int vowels = 0;
        boolean previousLower = false;
        int i = at[0];
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            if (!Character.isLetter(cp)) {
                break;
            }
            i += Character.charCount(cp);
            if (cp < 128) {
                boolean upper = Character.isUpperCase(cp);
                if (upper && previousLower) { // camelCase and random mixed case: a new piece
                    tokens += asciiLetters(segment, vowels);
                    segment = 0;
                    vowels = 0;
                }
                segment++;
                vowels += "aeiouyAEIOUY".indexOf(cp) >= 0 ? 1 : 0;
                previousLower = !upper;
            } else {
                tokens += asciiLetters(segment, vowels);
                segment = 0;
                vowels = 0;
                previousLower = false;
                tokens += Character.isSupplementaryCodePoint(cp) ? 4 : isIndic(cp) ? 2 : 1;
            }
        }
        at[0] = i;
        return tokens + asciiLetters(segment, vowels);
    }

    private static int asciiLetters(int letters, int vowels) {
        if (letters == 0) {
            return 0;
        }
        return 3 * vowels >= letters ? (letters + 3) / 4 : (3 * letters + 3) / 4;
    }

    private static int symbol(int cp) {
        if (cp < 0x80) {
            return 1;
        }
        if (Character.isSupplementaryCodePoint(cp)) {
            return 4;
        }
        // combining marks of Indic scripts (vowel signs) are not letters; they cost as their script's letters
        return cp < 0x800 ? 1 : 2;
    }

    /** Superscripts, subscripts, circled and fraction digits: Qwen's pre-tokenizer cuts every number on its own. */
    private static boolean isOtherNumber(int cp) {
        int type = Character.getType(cp);
        return type == Character.OTHER_NUMBER || type == Character.LETTER_NUMBER;
    }

    private static boolean isIndic(int cp) {
        return cp >= 0x0900 && cp <= 0x0DFF;
    }
}
