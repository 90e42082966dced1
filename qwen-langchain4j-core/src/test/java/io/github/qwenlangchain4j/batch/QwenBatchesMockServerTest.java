package io.github.qwenlangchain4j.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.exception.InvalidRequestException;
import io.github.qwenlangchain4j.Fixtures;
import io.github.qwenlangchain4j.QwenPage;
import io.github.qwenlangchain4j.files.QwenFile;
import io.github.qwenlangchain4j.testkit.QwenMockServer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The low-level QwenFiles and QwenBatches against QwenMockServer: Qwen's dry run with the recorded test input. */
class QwenBatchesMockServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private QwenMockServer server;
    private QwenBatches batches;

    @BeforeEach
    void start() {
        server = QwenMockServer.start();
        batches = QwenBatches.builder()
                .apiKey(server.apiKey())
                .baseUrl(server.baseUrl())
                .build();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void should_run_the_recorded_test_model_input_and_produce_lines_shaped_like_the_recorded_output() throws Exception {
        byte[] input = Fixtures.read("batch/input_test_model.jsonl").getBytes(StandardCharsets.UTF_8);
        QwenFile file = batches.files().upload("test_model.jsonl", input);
        assertThat(file.bytes()).isEqualTo(input.length);
        assertThat(file.purpose()).isEqualTo("batch");

        QwenBatch batch = batches.create(QwenBatchCreateRequest.builder()
                .inputFileId(file.id())
                .endpoint(QwenBatchEndpoint.TEST)
                .completionWindow(QwenCompletionWindow.ofDays(1))
                .name("dry run")
                .build());
        assertThat(batch.status()).isEqualTo(QwenBatchStatus.VALIDATING);
        while (!batch.isTerminal()) {
            batch = batches.retrieve(batch.id());
        }

        assertThat(batch.status()).isEqualTo(QwenBatchStatus.COMPLETED);
        assertThat(batch.completedAt()).isNotNull();
        assertThat(batch.requestCounts()).isEqualTo(new QwenBatchRequestCounts(2, 2, 0));
        List<String> output = batches.files().contentLines(batch.outputFileId());
        List<String> recorded =
                Fixtures.read("batch/output_test_model.jsonl").lines().toList();
        assertThat(output).hasSameSizeAs(recorded);
        for (int i = 0; i < recorded.size(); i++) {
            JsonNode actual = JSON.readTree(output.get(i));
            JsonNode expected = JSON.readTree(recorded.get(i));
            assertThat(fieldNames(actual)).containsAll(fieldNames(expected));
            assertThat(actual.path("custom_id")).isEqualTo(expected.path("custom_id"));
            assertThat(actual.path("response").path("status_code"))
                    .isEqualTo(expected.path("response").path("status_code"));
            JsonNode body = actual.path("response").path("body");
            assertThat(body.path("model"))
                    .isEqualTo(expected.path("response").path("body").path("model"));
            assertThat(body.path("choices")
                            .get(0)
                            .path("message")
                            .path("content")
                            .asText())
                    .isEqualTo("This is a test result.");
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void should_list_filter_and_cancel_batches() {
        QwenFile file = batches.files()
                .upload("in.jsonl", Fixtures.read("batch/input_chat.jsonl").getBytes(StandardCharsets.UTF_8));
        QwenBatch nightly = batches.create(QwenBatchCreateRequest.builder()
                .inputFileId(file.id())
                .name("Nightly eval")
                .build());
        QwenBatch other = batches.create(QwenBatchCreateRequest.builder()
                .inputFileId(file.id())
                .name("other")
                .build());

        QwenBatch cancelling = batches.cancel(other.id());

        assertThat(cancelling.status()).isEqualTo(QwenBatchStatus.CANCELLING);
        assertThat(batches.retrieve(other.id()).status()).isEqualTo(QwenBatchStatus.CANCELLED);
        assertThat(batches.list(QwenBatchListRequest.builder().name("nightly").build())
                        .data())
                .extracting(QwenBatch::id)
                .containsExactly(nightly.id());
        assertThat(batches.list(QwenBatchListRequest.builder()
                                .statuses(QwenBatchStatus.CANCELLED)
                                .build())
                        .data())
                .extracting(QwenBatch::id)
                .containsExactly(other.id());
        QwenPage<QwenBatch> first =
                batches.list(QwenBatchListRequest.builder().limit(1).build());
        assertThat(first.hasMore()).isTrue();
        assertThat(batches.list(QwenBatchListRequest.builder()
                                .limit(1)
                                .after(first.lastId())
                                .build())
                        .data())
                .extracting(QwenBatch::id)
                .containsExactly(nightly.id());
        assertThatThrownBy(() -> batches.cancel(other.id()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("cancelled");
    }

    @Test
    void should_refuse_content_of_uploaded_files_as_qwen_does() {
        QwenFile file = batches.files().upload("in.jsonl", "{}".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> batches.files().contentLines(file.id())).isInstanceOf(InvalidRequestException.class);
        assertThat(batches.files().retrieve(file.id()).filename()).isEqualTo("in.jsonl");
        assertThat(batches.files().delete(file.id())).isTrue();
    }
}
