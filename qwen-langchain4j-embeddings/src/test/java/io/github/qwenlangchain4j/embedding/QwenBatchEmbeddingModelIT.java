package io.github.qwenlangchain4j.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.batch.BatchPage;
import dev.langchain4j.model.batch.BatchPagination;
import dev.langchain4j.model.batch.BatchRequest;
import dev.langchain4j.model.batch.BatchResponse;
import dev.langchain4j.model.batch.BatchState;
import dev.langchain4j.model.embedding.BatchEmbeddingModel;
import dev.langchain4j.model.output.Response;
import io.github.qwenlangchain4j.QwenRegion;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * {@link QwenBatchEmbeddingModel} against the live Batch API, through LangChain4j's {@link BatchEmbeddingModel} only.
 * Needs {@code DASHSCOPE_API_KEY}; {@code QWEN_REGION} (a {@link QwenRegion} name) selects the key's region, default
 * Beijing, where the Batch API serves text-embedding-v4. The batch is cancelled rather than awaited.
 */
@EnabledIfEnvironmentVariable(named = "DASHSCOPE_API_KEY", matches = ".+")
class QwenBatchEmbeddingModelIT {

    private static BatchEmbeddingModel model() {
        String region = System.getenv("QWEN_REGION");
        return QwenBatchEmbeddingModel.builder()
                .apiKey(System.getenv("DASHSCOPE_API_KEY"))
                .region(region == null || region.isBlank() ? QwenRegion.CHINA_BEIJING : QwenRegion.valueOf(region))
                .name("qwen-langchain4j QwenBatchEmbeddingModelIT")
                .logRequests(true)
                .logResponses(true)
                .build();
    }

    @Test
    void should_submit_list_retrieve_and_cancel_a_batch_through_the_interface() throws InterruptedException {
        BatchEmbeddingModel model = model();

        BatchResponse<Response<Embedding>> submitted = model.submit(
                new BatchRequest<>(List.of(TextSegment.from("Qwen batch embeddings"), TextSegment.from("Second"))));

        assertThat(submitted.batchId()).startsWith("2:batch_");
        String qwenBatchId = submitted.batchId().substring(2);
        BatchPage<Response<Embedding>> page = model.list(new BatchPagination(20, null));
        assertThat(page.batches()).extracting(BatchResponse::batchId).contains(qwenBatchId);

        model.cancel(submitted.batchId());
        BatchResponse<Response<Embedding>> done = model.retrieve(submitted.batchId());
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (!done.state().isTerminal() && System.nanoTime() < deadline) {
            Thread.sleep(15_000);
            done = model.retrieve(submitted.batchId());
        }

        assertThat(done.state()).isIn(BatchState.CANCELLED, BatchState.SUCCEEDED);
        assertThat(done.results()).hasSize(2);
    }
}
