package io.github.qwenlangchain4j.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.batch.BatchPage;
import dev.langchain4j.model.batch.BatchPagination;
import dev.langchain4j.model.batch.BatchRequest;
import dev.langchain4j.model.batch.BatchResponse;
import dev.langchain4j.model.batch.BatchState;
import dev.langchain4j.model.chat.BatchChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.github.qwenlangchain4j.QwenRegion;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * {@link QwenBatchChatModel} against the live Batch API, through LangChain4j's {@link BatchChatModel} only. Needs
 * {@code DASHSCOPE_API_KEY}; {@code QWEN_REGION} (a {@link QwenRegion} name) selects the key's region, default
 * Singapore. The batch is cancelled rather than awaited (a batch may take hours), so the test takes a few minutes at
 * most and costs at most two tiny qwen-flash requests at the batch price.
 */
@EnabledIfEnvironmentVariable(named = "DASHSCOPE_API_KEY", matches = ".+")
class QwenBatchChatModelIT {

    private static BatchChatModel model() {
        String region = System.getenv("QWEN_REGION");
        return QwenBatchChatModel.builder()
                .apiKey(System.getenv("DASHSCOPE_API_KEY"))
                .region(region == null || region.isBlank() ? QwenRegion.SINGAPORE : QwenRegion.valueOf(region))
                .modelName("qwen-flash")
                .name("qwen-langchain4j QwenBatchChatModelIT")
                .logRequests(true)
                .logResponses(true)
                .build();
    }

    @Test
    void should_submit_list_retrieve_and_cancel_a_batch_through_the_interface() throws InterruptedException {
        BatchChatModel model = model();

        BatchResponse<ChatResponse> submitted = model.submit(new BatchRequest<>(List.of(
                ChatRequest.builder().messages(UserMessage.from("Say hi")).build(),
                ChatRequest.builder().messages(UserMessage.from("Say bye")).build())));

        assertThat(submitted.batchId()).startsWith("2:batch_");
        assertThat(submitted.state()).isIn(BatchState.PENDING, BatchState.RUNNING);
        String qwenBatchId = submitted.batchId().substring(2);
        BatchPage<ChatResponse> page = model.list(new BatchPagination(20, null));
        assertThat(page.batches()).extracting(BatchResponse::batchId).contains(qwenBatchId);

        model.cancel(submitted.batchId());
        BatchResponse<ChatResponse> done = model.retrieve(submitted.batchId());
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (!done.state().isTerminal() && System.nanoTime() < deadline) {
            Thread.sleep(15_000);
            done = model.retrieve(submitted.batchId());
        }

        // cancelled, or completed when Qwen ran both requests before the cancel reached it
        assertThat(done.state()).isIn(BatchState.CANCELLED, BatchState.SUCCEEDED);
        assertThat(done.results()).hasSize(2);
    }
}
