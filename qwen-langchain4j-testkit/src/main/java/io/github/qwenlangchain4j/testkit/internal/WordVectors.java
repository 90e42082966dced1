package io.github.qwenlangchain4j.testkit.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Deterministic embeddings for offline use: each word (lower-cased letters and digits; each CJK character counts
 * as a word) is hashed to a position and a sign, and the vector is normalised. Texts that share words get a
 * higher cosine similarity than texts that do not, which is enough for RAG demos and retrieval tests.
 */
public final class WordVectors {

    private WordVectors() {}

    public static float[] embed(String text, int dimension) {
        float[] vector = new float[dimension];
        for (String word : words(text)) {
            add(vector, word);
        }
        double norm = 0;
        for (float v : vector) {
            norm += v * v;
        }
        if (norm == 0) {
            vector[0] = 1; // a text without words still gets a valid unit vector
            return vector;
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < vector.length; i++) {
            vector[i] *= scale;
        }
        return vector;
    }

    /** The words of a text, in order and with repeats: lower-cased letters and digits, each ideograph on its own. */
    public static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        String lower = text.toLowerCase(Locale.ROOT);
        for (int i = 0; i < lower.length(); ) {
            int cp = lower.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isIdeographic(cp)) {
                flush(words, word);
                word.appendCodePoint(cp);
                flush(words, word);
            } else if (Character.isLetterOrDigit(cp)) {
                word.appendCodePoint(cp);
            } else {
                flush(words, word);
            }
        }
        flush(words, word);
        return words;
    }

    private static void flush(List<String> words, StringBuilder word) {
        if (word.length() > 0) {
            words.add(word.toString());
            word.setLength(0);
        }
    }

    private static void add(float[] vector, String word) {
        int hash = murmurMix(word.hashCode());
        vector[Math.floorMod(hash, vector.length)] += (hash & 0x4000_0000) == 0 ? 1f : -1f;
    }

    private static int murmurMix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
