package io.github.qwenlangchain4j.internal.rerank;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a document list into consecutive batches that each fit one rerank request: at most
 * {@code maxDocuments} documents, and {@code query tokens x documents + document tokens <= maxTokens}, the formula
 * Model Studio states for the request limit. Items count at most {@code maxTokensPerItem} (Qwen truncates longer
 * ones), so a batch of one document always fits the documented limits and the split never fails.
 */
public final class RerankBatches {

    private RerankBatches() {}

    /**
     * A batch: documents {@code from} (inclusive) to {@code to} (exclusive) of the call's list.
     *
     * @param from first document
     * @param to   one past the last document
     */
    public record Batch(int from, int to) {

        public int size() {
            return to - from;
        }
    }

    /**
     * @param queryTokens      the query's tokens
     * @param documentTokens   each document's tokens, in order
     * @param maxDocuments     documents per request, at least 1
     * @param maxTokens        tokens per request
     * @param maxTokensPerItem the tokens of one item Qwen reads
     * @return the batches, in order, covering every document once
     */
    public static List<Batch> plan(
            int queryTokens, int[] documentTokens, int maxDocuments, int maxTokens, int maxTokensPerItem) {
        int query = Math.min(queryTokens, maxTokensPerItem);
        List<Batch> batches = new ArrayList<>();
        int from = 0;
        long used = 0;
        for (int i = 0; i < documentTokens.length; i++) {
            long cost = query + (long) Math.min(documentTokens[i], maxTokensPerItem);
            boolean full = i - from == maxDocuments || used + cost > maxTokens;
            if (i > from && full) {
                batches.add(new Batch(from, i));
                from = i;
                used = 0;
            }
            used += cost;
        }
        if (documentTokens.length > from) {
            batches.add(new Batch(from, documentTokens.length));
        }
        return batches;
    }
}
