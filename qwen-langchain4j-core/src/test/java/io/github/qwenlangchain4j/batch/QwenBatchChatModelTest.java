package io.github.qwenlangchain4j.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.model.batch.BatchError;
import dev.langchain4j.model.batch.BatchItemResult;
import dev.langchain4j.model.batch.BatchPage;
import dev.langchain4j.model.batch.BatchPagination;
import dev.langchain4j.model.batch.BatchRequest;
import dev.langchain4j.model.batch.BatchResponse;
import dev.langchain4j.model.batch.BatchState;
import dev.langchain4j.model.chat.BatchChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.github.qwenlangchain4j.QwenMockServerSupport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * {@link QwenBatchChatModel} driven only through LangChain4j's {@link BatchChatModel}, as portable code would, against
 * QwenMockServer (whose batches advance one step per retrieve). Qwen's batch statuses and their order follow
 * https://www.alibabacloud.com/help/en/model-studio/batch-interfaces-compatible-with-openai (validating, in_progress,
 * finalizing, completed; failed, expired, cancelling, cancelled).
 */
class QwenBatchChatModelTest extends QwenMockServerSupport {

    private BatchChatModel model() {
        return QwenBatchChatModel.builder()
                .apiKey(server.apiKey())
                .baseUrl(server.baseUrl())
                .build();
    }

    private static BatchRequest<ChatRequest> questions(int count) {
        List<ChatRequest> requests = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            requests.add(ChatRequest.builder()
                    .messages(UserMessage.from("Question number " + i))
                    .build());
        }
        return new BatchRequest<>(requests);
    }

    /** Polls as portable code would, until the batch is terminal; the states seen go to {@code states}. */
    private static BatchResponse<ChatResponse> poll(BatchChatModel model, String batchId, List<BatchState> states) {
        for (int poll = 0; poll < 20; poll++) {
            BatchResponse<ChatResponse> response = model.retrieve(batchId);
            states.add(response.state());
            if (response.state().isTerminal()) {
                return response;
            }
            assertThat(response.results()).isEmpty();
        }
        throw new AssertionError("batch " + batchId + " still not terminal after 20 polls: " + states);
    }

    private static BatchResponse<ChatResponse> poll(BatchChatModel model, String batchId) {
        return poll(model, batchId, new ArrayList<>());
    }

    @Nested
    class Lifecycle {

        @Test
        void should_submit_pending_and_retrieve_one_response_per_request_in_input_order() {
            BatchChatModel model = model();

            BatchResponse<ChatResponse> submitted = model.submit(questions(3));

            assertThat(submitted.state()).isEqualTo(BatchState.PENDING);
            assertThat(submitted.batchId()).isNotBlank();
            assertThat(submitted.results()).isEmpty();
            List<BatchState> states = new ArrayList<>();
            BatchResponse<ChatResponse> done = poll(model, submitted.batchId(), states);
            assertThat(states)
                    .containsExactly(BatchState.RUNNING, BatchState.RUNNING, BatchState.RUNNING, BatchState.SUCCEEDED);
            assertThat(done.batchId()).isEqualTo(submitted.batchId());
            assertThat(done.errors()).isEmpty();
            assertThat(done.responses()).hasSize(3);
            for (int i = 0; i < 3; i++) {
                assertThat(done.results().get(i).isSuccess()).isTrue();
                assertThat(done.results().get(i).response().aiMessage().text()).contains("Question number " + i);
            }
            assertThat(done.responses().get(0).metadata().tokenUsage().inputTokenCount())
                    .isPositive();
        }

        @Test
        void should_retrieve_a_batch_from_another_model_instance_by_its_id() {
            String batchId = model().submit(questions(2)).batchId();

            BatchResponse<ChatResponse> done = poll(model(), batchId);

            assertThat(done.state()).isEqualTo(BatchState.SUCCEEDED);
            assertThat(done.responses()).hasSize(2);
        }

        @Test
        void should_name_every_qwen_batch_in_one_id_when_requests_are_split_and_join_their_results() {
            BatchChatModel model = QwenBatchChatModel.builder()
                    .apiKey(server.apiKey())
                    .baseUrl(server.baseUrl())
                    .maxRequestsPerFile(2)
                    .build();

            BatchResponse<ChatResponse> submitted = model.submit(questions(5));

            assertThat(server.batchIds()).hasSize(3);
            assertThat(submitted.batchId()).startsWith("5:").contains(server.batchIds());
            BatchResponse<ChatResponse> done = poll(model, submitted.batchId());
            assertThat(done.responses()).hasSize(5);
            assertThat(done.results().get(4).response().aiMessage().text()).contains("Question number 4");
        }
    }

    @Nested
    class Failures {

        @Test
        void should_report_a_request_that_failed_inside_the_batch_as_a_failure_in_its_place() {
            server.failBatchLine("1", 400, "data_inspection_failed", "Input data may contain inappropriate content.");
            BatchChatModel model = model();

            BatchResponse<ChatResponse> done =
                    poll(model, model.submit(questions(3)).batchId());

            assertThat(done.state()).isEqualTo(BatchState.SUCCEEDED);
            assertThat(done.results()).hasSize(3);
            assertThat(done.results().get(0).isSuccess()).isTrue();
            assertThat(done.results().get(2).isSuccess()).isTrue();
            BatchItemResult<ChatResponse> failed = done.results().get(1);
            assertThat(failed).isInstanceOf(BatchItemResult.Failure.class);
            assertThat(failed.response()).isNull();
            assertThat(failed.error().code()).isEqualTo(400);
            assertThat(failed.error().message()).contains("inappropriate");
            assertThat(failed.error().details()).singleElement().satisfies(details -> {
                assertThat(details).containsEntry("code", "data_inspection_failed");
                assertThat(details.get("request_id")).asString().isNotBlank();
            });
            assertThat(done.errors()).containsExactly(failed.error());
        }

        @Test
        void should_report_a_batch_refused_as_a_whole_as_one_failure_with_the_batch_errors() {
            BatchChatModel model = model();
            String batchId = model.submit(questions(2)).batchId();
            String qwenBatchId = server.batchIds().get(0);
            server.failBatch(qwenBatchId, "mismatched_model", "Each batch must contain requests for a single model.");

            BatchResponse<ChatResponse> done = poll(model, batchId);

            assertThat(done.state()).isEqualTo(BatchState.FAILED);
            assertThat(done.responses()).isEmpty();
            BatchError error = done.results().stream()
                    .map(BatchItemResult::error)
                    .reduce((a, b) -> {
                        throw new AssertionError("expected a single failure, got " + done.results());
                    })
                    .orElseThrow();
            assertThat(error.code()).isZero();
            assertThat(error.message()).contains(qwenBatchId).contains("failed");
            assertThat(error.details()).singleElement().satisfies(details -> {
                assertThat(details).containsEntry("batch_id", qwenBatchId);
                assertThat(details).containsEntry("code", "mismatched_model");
                assertThat(details).containsEntry("message", "Each batch must contain requests for a single model.");
            });
        }

        @Test
        void should_report_each_request_an_expired_batch_never_ran_as_a_failure() {
            BatchChatModel model = model();
            String batchId = model.submit(questions(2)).batchId();
            server.expireBatch(server.batchIds().get(0));

            BatchResponse<ChatResponse> done = poll(model, batchId);

            assertThat(done.state()).isEqualTo(BatchState.EXPIRED);
            assertThat(done.results()).hasSize(2).noneMatch(BatchItemResult::isSuccess);
            assertThat(done.errors()).allSatisfy(error -> {
                assertThat(error.code()).isZero();
                assertThat(error.message()).contains("expired");
                assertThat(error.details())
                        .singleElement()
                        .satisfies(d -> assertThat(d).containsEntry("code", QwenBatchItemError.NOT_DONE));
            });
        }

        @Test
        void should_refuse_an_empty_request_before_anything_is_sent() {
            BatchChatModel model = model();

            assertThatThrownBy(() -> model.submit(new BatchRequest<>(List.of())))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("empty");
            assertThat(server.requests()).isEmpty();
        }

        @Test
        void should_refuse_a_blank_or_malformed_batch_id_before_anything_is_sent() {
            BatchChatModel model = model();

            assertThatThrownBy(() -> model.retrieve(" ")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> model.retrieve("x:batch_1"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("x:batch_1");
            assertThat(server.requests()).isEmpty();
        }

        @Test
        void should_fail_with_qwens_error_for_an_unknown_batch() {
            BatchChatModel model = model();

            assertThatThrownBy(() -> model.retrieve("batch_does_not_exist"))
                    .isInstanceOf(LangChain4jException.class)
                    .hasMessageContaining("404");
        }
    }

    @Nested
    class Cancel {

        @Test
        void should_cancel_a_batch_that_then_ends_cancelled_with_its_requests_not_done() {
            BatchChatModel model = model();
            String batchId = model.submit(questions(3)).batchId();

            model.cancel(batchId);

            BatchResponse<ChatResponse> done = poll(model, batchId);
            assertThat(done.state()).isEqualTo(BatchState.CANCELLED);
            assertThat(done.results()).hasSize(3).noneMatch(BatchItemResult::isSuccess);
            assertThat(done.errors().get(0).message()).contains("cancelled");
            assertThat(server.requests())
                    .anyMatch(r -> r.method().equals("POST") && r.path().endsWith("/cancel"));
        }
    }

    @Nested
    class List_ {

        @Test
        void should_list_batches_newest_first_page_by_page_and_retrieve_them_by_their_listed_id() {
            BatchChatModel model = model();
            for (int i = 0; i < 3; i++) {
                model.submit(questions(1));
            }
            List<String> created = server.batchIds();

            BatchPage<ChatResponse> first = model.list(new BatchPagination(2, null));
            BatchPage<ChatResponse> second = model.list(new BatchPagination(2, first.nextPageToken()));

            assertThat(first.batches())
                    .extracting(BatchResponse::batchId)
                    .containsExactly(created.get(2), created.get(1));
            assertThat(first.batches()).allSatisfy(batch -> {
                assertThat(batch.state()).isEqualTo(BatchState.PENDING);
                assertThat(batch.results()).isEmpty();
            });
            assertThat(first.nextPageToken()).isNotNull();
            assertThat(second.batches()).extracting(BatchResponse::batchId).containsExactly(created.get(0));
            assertThat(second.nextPageToken()).isNull();
            BatchResponse<ChatResponse> oldest =
                    poll(model, second.batches().get(0).batchId());
            assertThat(oldest.responses())
                    .singleElement()
                    .satisfies(
                            response -> assertThat(response.aiMessage().text()).contains("Question number 0"));
        }

        @Test
        void should_list_the_first_page_of_the_server_default_size_without_pagination() {
            BatchChatModel model = model();
            model.submit(questions(1));

            BatchPage<ChatResponse> page = model.list(null);

            assertThat(page.batches()).hasSize(1);
            assertThat(page.nextPageToken()).isNull();
        }

        @Test
        void should_refuse_a_page_size_below_one_before_anything_is_sent() {
            BatchChatModel model = model();

            assertThatThrownBy(() -> model.list(new BatchPagination(0, null)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("limit");
            assertThat(server.requests()).isEmpty();
        }
    }
}
