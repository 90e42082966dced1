package io.github.qwenlangchain4j.internal.rerank;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.qwenlangchain4j.internal.rerank.RerankBatches.Batch;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The split of a document list over requests, by Model Studio's limits: documents per request, and per request
 * {@code query tokens x documents + document tokens} with items read up to the per-item limit (text-rerank-api).
 */
class RerankBatchesTest {

    @Test
    void a_list_within_the_limits_is_one_batch() {
        assertThat(RerankBatches.plan(10, filled(500, 40), 500, 30_000, 4_000)).containsExactly(new Batch(0, 500));
    }

    @Test
    void the_document_count_splits_at_the_model_s_maximum() {
        assertThat(RerankBatches.plan(1, filled(1_001, 1), 500, 30_000, 4_000))
                .containsExactly(new Batch(0, 500), new Batch(500, 1_000), new Batch(1_000, 1_001));
    }

    @Test
    void the_query_counts_once_per_document() {
        // 20 query tokens + 40 per document = 60 per document: 500 documents would be 30,000; 501 would not fit
        assertThat(RerankBatches.plan(20, filled(600, 40), 1_000, 30_000, 4_000))
                .containsExactly(new Batch(0, 500), new Batch(500, 600));
    }

    @Test
    void items_count_at_most_the_tokens_qwen_reads_so_one_document_always_fits() {
        // a 100,000-token query and document are read as 4,000 each: 8,000 per document, three per 30,000
        assertThat(RerankBatches.plan(100_000, filled(7, 100_000), 500, 30_000, 4_000))
                .containsExactly(new Batch(0, 3), new Batch(3, 6), new Batch(6, 7));
        assertThat(RerankBatches.plan(10, filled(2, 50), 500, 1, 4_000))
                .as("a limit below one document still sends each document on its own")
                .containsExactly(new Batch(0, 1), new Batch(1, 2));
    }

    @Test
    void batches_are_consecutive_and_cover_every_document_once() {
        int[] tokens = {5, 3_000, 12_000, 7, 7, 29_000, 1, 15_000, 15_000, 2};
        List<Batch> batches = RerankBatches.plan(100, tokens, 4, 30_000, 4_000);

        assertThat(batches.get(0).from()).isZero();
        assertThat(batches.get(batches.size() - 1).to()).isEqualTo(tokens.length);
        for (int i = 1; i < batches.size(); i++) {
            assertThat(batches.get(i).from()).isEqualTo(batches.get(i - 1).to());
        }
        for (Batch batch : batches) {
            assertThat(batch.size()).isBetween(1, 4);
            long cost = 0;
            for (int i = batch.from(); i < batch.to(); i++) {
                cost += 100 + Math.min(tokens[i], 4_000);
            }
            assertThat(cost).isLessThanOrEqualTo(30_000);
        }
    }

    @Test
    void no_documents_no_batches() {
        assertThat(RerankBatches.plan(3, new int[0], 500, 30_000, 4_000)).isEmpty();
    }

    private static int[] filled(int count, int tokens) {
        int[] array = new int[count];
        Arrays.fill(array, tokens);
        return array;
    }
}
