package io.github.qwenlangchain4j.internal.rerank;

/**
 * A quick token count that errs on the high side for Qwen's byte-level BPE, used to keep a rerank request within
 * its token limit when no exact estimator is configured: a run of ASCII letters and digits counts one token per
 * four characters (rounded up; Qwen's vocabulary holds most English words whole), other ASCII symbols one each,
 * whitespace nothing (it merges into the next token), a character of the Basic Multilingual Plane (CJK and the like)
 * one, and a supplementary one (emoji, rare ideographs) two.
 */
public final class TokenGuess {

    private TokenGuess() {}

    public static int count(String text) {
        int tokens = 0;
        int run = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp < 128 && Character.isLetterOrDigit(cp)) {
                run++;
                continue;
            }
            tokens += (run + 3) / 4;
            run = 0;
            if (cp < 128) {
                tokens += Character.isWhitespace(cp) ? 0 : 1;
            } else {
                tokens += Character.isSupplementaryCodePoint(cp) ? 2 : 1;
            }
        }
        return tokens + (run + 3) / 4;
    }
}
