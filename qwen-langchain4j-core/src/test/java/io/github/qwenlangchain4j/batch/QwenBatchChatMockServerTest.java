package io.github.qwenlangchain4j.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.github.qwenlangchain4j.Fixtures;
import io.github.qwenlangchain4j.QwenChatRequestParameters;
import io.github.qwenlangchain4j.QwenMockServerSupport;
import io.github.qwenlangchain4j.files.QwenFiles;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** QwenBatchChat end to end against QwenMockServer, whose batches advance one step per poll. */
class QwenBatchChatMockServerTest extends QwenMockServerSupport {

    private QwenBatchChat.Builder batch() {
        return QwenBatchChat.builder()
                .apiKey(server.apiKey())
                .baseUrl(server.baseUrl())
                .pollInterval(Duration.ZERO)
                .maxPollInterval(Duration.ZERO);
    }

    private static List<ChatRequest> questions(int count) {
        List<ChatRequest> requests = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            requests.add(ChatRequest.builder()
                    .messages(UserMessage.from("Question number " + i))
                    .build());
        }
        return requests;
    }

    private static String text(QwenBatchItemResult<ChatResponse> item) {
        return item.value().aiMessage().text();
    }

    @Test
    void should_return_one_response_per_request_in_input_order() {
        QwenBatchJob<ChatResponse> job = batch().name("order").build().submit(questions(5));

        assertThat(job.status()).isEqualTo(QwenBatchStatus.VALIDATING);
        assertThat(job.batchIds()).hasSize(1);
        QwenBatchResults<ChatResponse> results = job.await();

        assertThat(results.status()).isEqualTo(QwenBatchStatus.COMPLETED);
        assertThat(results.allSucceeded()).isTrue();
        assertThat(results.failureReason()).isNull();
        assertThat(results.items()).hasSize(5);
        for (int i = 0; i < 5; i++) {
            assertThat(results.items().get(i).index()).isEqualTo(i);
            assertThat(text(results.items().get(i))).contains("Question number " + i);
        }
        assertThat(results.items().get(0).value().metadata().tokenUsage().inputTokenCount())
                .isPositive();
        assertThat(job.requestCounts()).isEqualTo(new QwenBatchRequestCounts(5, 5, 0));
        assertThat(job.batches().get(0).name()).isEqualTo("order");
    }

    @Test
    void should_split_over_several_files_by_model_and_request_limit_and_join_the_results() {
        List<ChatRequest> requests = new ArrayList<>(questions(5));
        requests.add(
                2,
                ChatRequest.builder()
                        .messages(UserMessage.from("For qwen-max"))
                        .parameters(QwenChatRequestParameters.builder()
                                .modelName("qwen-max")
                                .build())
                        .build());

        QwenBatchJob<ChatResponse> job =
                batch().modelName("qwen-flash").maxRequestsPerFile(2).build().submit(requests);

        // qwen-flash: 5 requests in files of 2, 2 and 1; qwen-max: 1 request in its own file
        assertThat(job.batchIds()).hasSize(4);
        assertThat(job.id()).startsWith("6:");
        QwenBatchResults<ChatResponse> results = job.await();
        assertThat(results.allSucceeded()).isTrue();
        assertThat(text(results.items().get(2))).contains("For qwen-max");
        assertThat(results.items().get(2).value().metadata().modelName()).isEqualTo("qwen-max");
        assertThat(text(results.items().get(5))).contains("Question number 4");
        assertThat(results.items().get(5).value().metadata().modelName()).isEqualTo("qwen-flash");
        long uploads = server.requests().stream()
                .filter(r -> r.method().equals("POST") && r.path().endsWith("/files"))
                .count();
        assertThat(uploads).isEqualTo(4);
    }

    @Test
    void should_split_when_a_file_would_exceed_the_byte_limit() {
        QwenBatchJob<ChatResponse> job = batch().maxBytesPerFile(400L).build().submit(questions(4));

        assertThat(job.batchIds()).hasSizeGreaterThan(1);
        QwenBatchResults<ChatResponse> results = job.await();
        assertThat(results.values()).hasSize(4).doesNotContainNull();
        assertThat(text(results.items().get(3))).contains("Question number 3");
    }

    @Test
    void should_report_the_error_of_each_failed_item_next_to_the_successes() {
        server.failBatchLine("1", 400, "data_inspection_failed", "Input data may contain inappropriate content.");
        server.failBatchLine("3", 429, "limit_requests", "Too many requests.");

        QwenBatchResults<ChatResponse> results =
                batch().build().submit(questions(4)).await();

        assertThat(results.status()).isEqualTo(QwenBatchStatus.COMPLETED);
        assertThat(results.allSucceeded()).isFalse();
        assertThat(results.items().get(0).isSuccess()).isTrue();
        assertThat(results.items().get(2).isSuccess()).isTrue();
        QwenBatchItemError error = results.items().get(1).error();
        assertThat(error.code()).isEqualTo("data_inspection_failed");
        assertThat(error.statusCode()).isEqualTo(400);
        assertThat(error.message()).contains("inappropriate");
        assertThat(error.requestId()).isNotBlank();
        assertThat(error.isNotDone()).isFalse();
        assertThat(results.items().get(3).error().code()).isEqualTo("limit_requests");
        assertThat(results.failures()).extracting(QwenBatchItemResult::index).containsExactly(1, 3);
        assertThat(results.values()).containsNull();
    }

    @Test
    void should_resume_a_job_from_its_id_in_a_new_client() {
        QwenBatchJob<ChatResponse> submitted =
                batch().maxRequestsPerFile(2).build().submit(questions(3));
        String id = submitted.id();

        QwenBatchJob<ChatResponse> resumed = batch().build().resume(id);

        assertThat(resumed.id()).isEqualTo(id);
        assertThat(resumed.size()).isEqualTo(3);
        assertThat(resumed.batchIds()).isEqualTo(submitted.batchIds());
        QwenBatchResults<ChatResponse> results = resumed.await();
        assertThat(results.allSucceeded()).isTrue();
        assertThat(text(results.items().get(2))).contains("Question number 2");
    }

    @Test
    void should_resume_from_bare_batch_ids() {
        QwenBatchJob<ChatResponse> submitted = batch().build().submit(questions(2));

        QwenBatchJob<ChatResponse> resumed = batch().build().resume(String.join(",", submitted.batchIds()));

        assertThat(resumed.size()).isEqualTo(-1);
        assertThat(resumed.await().values()).hasSize(2).doesNotContainNull();
    }

    @Test
    void should_call_the_progress_callback_after_every_poll() {
        List<QwenBatchProgress> progress = new ArrayList<>();

        batch().build().submit(questions(4)).await(Duration.ofMinutes(1), progress::add);

        assertThat(progress)
                .extracting(QwenBatchProgress::status)
                .containsExactly(
                        QwenBatchStatus.IN_PROGRESS,
                        QwenBatchStatus.IN_PROGRESS,
                        QwenBatchStatus.FINALIZING,
                        QwenBatchStatus.COMPLETED);
        assertThat(progress).extracting(QwenBatchProgress::poll).containsExactly(1, 2, 3, 4);
        assertThat(progress.get(1).requestCounts()).isEqualTo(new QwenBatchRequestCounts(4, 2, 0));
        assertThat(progress.get(3).requestCounts()).isEqualTo(new QwenBatchRequestCounts(4, 4, 0));
    }

    @Test
    void should_cancel_a_job_and_report_the_items_that_were_not_done() {
        QwenBatchJob<ChatResponse> job = batch().build().submit(questions(3));

        job.cancel();

        assertThat(job.status()).isEqualTo(QwenBatchStatus.CANCELLING);
        QwenBatchResults<ChatResponse> results = job.await();
        assertThat(results.status()).isEqualTo(QwenBatchStatus.CANCELLED);
        assertThat(results.failureReason()).contains("was cancelled");
        assertThat(results.notDone()).containsExactly(0, 1, 2);
        assertThat(results.items().get(0).error().message()).contains("cancelled");
    }

    @Test
    void should_report_why_a_failed_job_failed_and_that_no_item_was_done() {
        QwenBatchJob<ChatResponse> job = batch().build().submit(questions(2));
        server.failBatch(
                job.batchIds().get(0), "mismatched_model", "Each batch must contain requests for a single model.");

        QwenBatchResults<ChatResponse> results = job.await();

        assertThat(results.status()).isEqualTo(QwenBatchStatus.FAILED);
        assertThat(results.failureReason())
                .contains(job.batchIds().get(0))
                .contains("mismatched_model")
                .contains("single model");
        assertThat(job.batches().get(0).errors())
                .singleElement()
                .satisfies(error -> assertThat(error.code()).isEqualTo("mismatched_model"));
        assertThat(results.notDone()).containsExactly(0, 1);
    }

    @Test
    void should_keep_the_results_of_an_expired_job_and_list_the_items_not_done() {
        QwenBatchJob<ChatResponse> job = batch().build().submit(questions(4));

        QwenBatchResults<ChatResponse> results = job.await(null, progress -> {
            if (progress.requestCounts().completed() == 2) {
                server.expireBatch(job.batchIds().get(0));
            }
        });

        assertThat(results.status()).isEqualTo(QwenBatchStatus.EXPIRED);
        assertThat(results.failureReason()).contains("expired").contains("24h");
        assertThat(results.items().get(0).isSuccess()).isTrue();
        assertThat(results.items().get(1).isSuccess()).isTrue();
        assertThat(results.notDone()).containsExactly(2, 3);
    }

    @Test
    void should_time_out_while_the_job_is_still_running_and_finish_later() {
        QwenBatchJob<ChatResponse> job = batch().build().submit(questions(2));

        assertThatThrownBy(() -> job.await(Duration.ZERO))
                .isInstanceOf(TimeoutException.class)
                .hasMessageContaining(job.id())
                .hasMessageContaining("resume");
        assertThatThrownBy(job::results).isInstanceOf(IllegalStateException.class);
        assertThat(job.await().allSucceeded()).isTrue();
    }

    @Test
    void should_refuse_invalid_requests_before_uploading_anything() {
        QwenBatchChat batch = batch().build();
        List<ChatRequest> requests = new ArrayList<>(questions(2));
        requests.add(ChatRequest.builder()
                .messages(UserMessage.from("x"))
                .parameters(QwenChatRequestParameters.builder()
                        .frequencyPenalty(0.5)
                        .build())
                .build());

        assertThatThrownBy(() -> batch.submit(requests)).hasMessageContaining("frequencyPenalty");
        assertThatThrownBy(() -> batch.submit(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void should_map_each_request_once_as_it_is_written_without_copying_the_list() {
        int[] reads = new int[7];
        List<ChatRequest> onDemand = new java.util.AbstractList<>() {
            @Override
            public ChatRequest get(int index) {
                reads[index]++;
                return ChatRequest.builder()
                        .messages(UserMessage.from("Question number " + index))
                        .build();
            }

            @Override
            public int size() {
                return reads.length;
            }
        };

        QwenBatchResults<ChatResponse> results =
                batch().maxRequestsPerFile(3).build().submit(onDemand).await();

        assertThat(results.items()).hasSize(7);
        assertThat(text(results.items().get(6))).contains("Question number 6");
        assertThat(reads).containsOnly(1);
    }

    @Test
    void should_send_the_mapped_request_with_qwen_options_in_each_line() {
        QwenBatchChat batch = batch().defaultRequestParameters(QwenChatRequestParameters.builder()
                        .topK(5)
                        .enableThinking(false)
                        .build())
                .completionWindow("3d")
                .build();

        QwenBatchJob<ChatResponse> job = batch.submit(questions(1));

        String upload = server.requests().get(0).body();
        assertThat(upload)
                .contains("\"custom_id\":\"0\"")
                .contains("\"url\":\"/v1/chat/completions\"")
                .contains("\"top_k\":5")
                .contains("\"enable_thinking\":false")
                .contains("\"model\":\"qwen-plus\"");
        assertThat(job.batches().get(0).completionWindow()).isEqualTo("3d");
        assertThat(job.await().allSucceeded()).isTrue();
    }

    @Test
    void should_write_request_lines_in_the_format_of_the_fixture() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<ChatRequest> requests = List.of(
                ChatRequest.builder()
                        .messages(SystemMessage.from("You are a helpful assistant."), UserMessage.from("Hello!"))
                        .build(),
                ChatRequest.builder()
                        .messages(SystemMessage.from("You are a helpful assistant."), UserMessage.from("What is 2+2?"))
                        .build());

        batch().build().submit(requests);

        String upload = server.requests().get(0).body();
        List<String> fixture = Fixtures.read("batch/input_chat.jsonl").lines().toList();
        List<JsonNode> written = upload.lines()
                .filter(line -> line.startsWith("{"))
                .map(line -> {
                    try {
                        return json.readTree(line);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
        assertThat(written).hasSize(2);
        for (int i = 0; i < 2; i++) {
            JsonNode expected = json.readTree(fixture.get(i));
            // the fixture numbers its lines from 1; this library uses the index of the request in the list
            ((com.fasterxml.jackson.databind.node.ObjectNode) expected).put("custom_id", Integer.toString(i));
            assertThat(written.get(i)).isEqualTo(expected);
        }
    }

    @Test
    void should_delete_the_input_output_and_error_files_of_a_finished_job() {
        server.failBatchLine("1", 400, "invalid_parameter_error", "bad");
        QwenBatchJob<ChatResponse> job = batch().build().submit(questions(2));
        assertThatThrownBy(job::deleteFiles).isInstanceOf(IllegalStateException.class);
        job.await();

        job.deleteFiles();

        QwenFiles files = QwenFiles.builder()
                .apiKey(server.apiKey())
                .baseUrl(server.baseUrl())
                .build();
        assertThat(files.list().data()).isEmpty();
        assertThat(server.requests().stream()
                        .filter(r -> r.method().equals("DELETE"))
                        .count())
                .isEqualTo(3);
    }
}
