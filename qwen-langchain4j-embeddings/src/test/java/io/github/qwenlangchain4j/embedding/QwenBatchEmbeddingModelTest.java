package io.github.qwenlangchain4j.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.batch.BatchItemResult;
import dev.langchain4j.model.batch.BatchPage;
import dev.langchain4j.model.batch.BatchPagination;
import dev.langchain4j.model.batch.BatchRequest;
import dev.langchain4j.model.batch.BatchResponse;
import dev.langchain4j.model.batch.BatchState;
import dev.langchain4j.model.chat.BatchChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.embedding.BatchEmbeddingModel;
import dev.langchain4j.model.output.Response;
import io.github.qwenlangchain4j.batch.QwenBatchChatModel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link QwenBatchEmbeddingModel} driven only through LangChain4j's {@link BatchEmbeddingModel}, as portable code
 * would, against QwenMockServer (batches advance one step per retrieve; statuses as in
 * https://www.alibabacloud.com/help/en/model-studio/batch-interfaces-compatible-with-openai).
 */
class QwenBatchEmbeddingModelTest extends MockServerSupport {

    private BatchEmbeddingModel model() {
        return QwenBatchEmbeddingModel.builder()
                .apiKey(server.apiKey())
                .baseUrl(server.baseUrl())
                .dimensions(512)
                .build();
    }

    private static BatchRequest<TextSegment> segments(int count) {
        List<TextSegment> segments = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            segments.add(TextSegment.from("Document " + i + " about topic " + (i % 3)));
        }
        return new BatchRequest<>(segments);
    }

    private static BatchResponse<Response<Embedding>> poll(BatchEmbeddingModel model, String batchId) {
        for (int poll = 0; poll < 20; poll++) {
            BatchResponse<Response<Embedding>> response = model.retrieve(batchId);
            if (response.state().isTerminal()) {
                return response;
            }
            assertThat(response.results()).isEmpty();
        }
        throw new AssertionError("batch " + batchId + " still not terminal after 20 polls");
    }

    @Test
    void should_submit_pending_and_retrieve_one_embedding_per_segment_in_input_order() {
        BatchEmbeddingModel model = model();

        BatchResponse<Response<Embedding>> submitted = model.submit(segments(12));

        assertThat(submitted.state()).isEqualTo(BatchState.PENDING);
        assertThat(submitted.results()).isEmpty();
        BatchResponse<Response<Embedding>> done = poll(model, submitted.batchId());
        assertThat(done.state()).isEqualTo(BatchState.SUCCEEDED);
        assertThat(done.responses()).hasSize(12).allSatisfy(response -> {
            assertThat(response.content().dimension()).isEqualTo(512);
            assertThat(response.tokenUsage()).isNull();
        });
        // the same text embeds to the same vector: segments 0 and 3 differ, 12 vectors come back in input order
        BatchResponse<Response<Embedding>> again =
                poll(model, model.submit(segments(12)).batchId());
        for (int i = 0; i < 12; i++) {
            assertThat(again.responses().get(i).content())
                    .isEqualTo(done.responses().get(i).content());
        }
        assertThat(done.responses().get(0).content())
                .isNotEqualTo(done.responses().get(1).content());
    }

    @Test
    void should_report_every_segment_of_a_failed_request_as_a_failure_in_its_place() {
        // the second request line carries segments 10 and 11 (ten segments per text-embedding-v4 request)
        server.failBatchLine("10-11", 400, "InvalidParameter", "Input data may contain inappropriate content.");
        BatchEmbeddingModel model = model();

        BatchResponse<Response<Embedding>> done =
                poll(model, model.submit(segments(12)).batchId());

        assertThat(done.state()).isEqualTo(BatchState.SUCCEEDED);
        assertThat(done.results().subList(0, 10)).allMatch(BatchItemResult::isSuccess);
        assertThat(done.results().subList(10, 12)).noneMatch(BatchItemResult::isSuccess);
        assertThat(done.errors()).hasSize(2).allSatisfy(error -> {
            assertThat(error.code()).isEqualTo(400);
            assertThat(error.message()).contains("inappropriate");
            assertThat(error.details())
                    .singleElement()
                    .satisfies(d -> assertThat(d).containsEntry("code", "InvalidParameter"));
        });
    }

    @Test
    void should_cancel_a_batch_that_then_ends_cancelled() {
        BatchEmbeddingModel model = model();
        String batchId = model.submit(segments(3)).batchId();

        model.cancel(batchId);

        BatchResponse<Response<Embedding>> done = poll(model, batchId);
        assertThat(done.state()).isEqualTo(BatchState.CANCELLED);
        assertThat(done.results()).hasSize(3).noneMatch(BatchItemResult::isSuccess);
    }

    @Test
    void should_refuse_an_empty_request_before_anything_is_sent() {
        BatchEmbeddingModel model = model();

        assertThatThrownBy(() -> model.submit(new BatchRequest<>(List.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void should_list_only_embedding_batches_and_leave_chat_batches_to_the_chat_model() {
        BatchEmbeddingModel embeddings = model();
        BatchChatModel chat = QwenBatchChatModel.builder()
                .apiKey(server.apiKey())
                .baseUrl(server.baseUrl())
                .build();
        String embeddingBatch = embeddings.submit(segments(2)).batchId();
        chat.submit(new BatchRequest<>(List.of(
                ChatRequest.builder().messages(UserMessage.from("Hello")).build())));
        List<String> created = server.batchIds();

        BatchPage<Response<Embedding>> embeddingPage = embeddings.list(new BatchPagination(10, null));
        BatchPage<?> chatPage = chat.list(new BatchPagination(10, null));

        assertThat(embeddingBatch).endsWith(created.get(0));
        assertThat(embeddingPage.batches()).extracting(BatchResponse::batchId).containsExactly(created.get(0));
        assertThat(chatPage.batches()).extracting(BatchResponse::batchId).containsExactly(created.get(1));
        assertThat(embeddingPage.nextPageToken()).isNull();
    }
}
