package io.github.qwenlangchain4j.testkit.internal;

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
        StringBuilder word = new StringBuilder();
        String lower = text.toLowerCase(Locale.ROOT);
        for (int i = 0; i < lower.length(); ) {
            int cp = lower.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isIdeographic(cp)) {
                add(vector, word);
                word.appendCodePoint(cp);
                add(vector, word);
            } else if (Character.isLetterOrDigit(cp)) {
                word.appendCodePoint(cp);
            } else {
                add(vector, word);
            }
        }
        add(vector, word);
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

    private static void add(float[] vector, StringBuilder word) {
        if (word.length() == 0) {
            return;
        }
        int hash = murmurMix(word.toString().hashCode());
        vector[Math.floorMod(hash, vector.length)] += (hash & 0x4000_0000) == 0 ? 1f : -1f;
        word.setLength(0);
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
