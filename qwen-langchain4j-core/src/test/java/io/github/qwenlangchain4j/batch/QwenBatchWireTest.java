package io.github.qwenlangchain4j.batch;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.github.qwenlangchain4j.Fixtures;
import io.github.qwenlangchain4j.QwenPage;
import io.github.qwenlangchain4j.files.QwenFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Files and Batch APIs on the wire, against WireMock serving the recorded fixtures. */
class QwenBatchWireTest {

    private static final String KEY = "sk-test-batch-123";
    private static final String BASE = "/compatible-mode/v1";

    private WireMockServer server;
    private QwenBatches batches;

    @BeforeEach
    void start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        batches = QwenBatches.builder()
                .apiKey(KEY)
                .baseUrl(server.baseUrl() + BASE)
                .maxRetries(0)
                .build();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void should_upload_a_jsonl_file_as_multipart_with_purpose_batch_and_parse_the_fixture() {
        server.stubFor(
                post(urlEqualTo(BASE + "/files")).willReturn(okJson(Fixtures.read("batch/upload_file_response.json"))));
        byte[] content = Fixtures.read("batch/input_chat.jsonl").getBytes(StandardCharsets.UTF_8);

        QwenFile file = batches.files().upload("test.jsonl", content);

        assertThat(file)
                .isEqualTo(new QwenFile(
                        "file-batch-xxx",
                        437,
                        Instant.ofEpochSecond(1742304153),
                        "test.jsonl",
                        "batch",
                        "processed",
                        null));
        server.verify(postRequestedFor(urlEqualTo(BASE + "/files"))
                .withHeader("Authorization", equalTo("Bearer " + KEY))
                .withHeader("Content-Type", containing("multipart/form-data; boundary="))
                .withRequestBodyPart(
                        aMultipart("purpose").withBody(equalTo("batch")).build())
                .withRequestBodyPart(aMultipart("file")
                        .withHeader("Content-Disposition", containing("filename=\"test.jsonl\""))
                        .withBody(equalTo(new String(content, StandardCharsets.UTF_8)))
                        .build()));
    }

    @Test
    void should_stream_a_file_from_disk_under_its_own_name_or_the_given_one(@TempDir Path dir) throws Exception {
        server.stubFor(
                post(urlEqualTo(BASE + "/files")).willReturn(okJson(Fixtures.read("batch/upload_file_response.json"))));
        String content = Fixtures.read("batch/input_chat.jsonl");
        Path file = Files.writeString(dir.resolve("requests.jsonl"), content);

        assertThat(batches.files().upload(file).id()).isEqualTo("file-batch-xxx");
        assertThat(batches.files().upload("renamed.jsonl", file).id()).isEqualTo("file-batch-xxx");

        for (String name : new String[] {"requests.jsonl", "renamed.jsonl"}) {
            server.verify(postRequestedFor(urlEqualTo(BASE + "/files"))
                    .withRequestBodyPart(
                            aMultipart("purpose").withBody(equalTo("batch")).build())
                    .withRequestBodyPart(aMultipart("file")
                            .withHeader("Content-Disposition", containing("filename=\"" + name + "\""))
                            .withHeader("Content-Type", containing("application/jsonl"))
                            .withBody(equalTo(content))
                            .build()));
        }
    }

    @Test
    void should_refuse_a_file_it_cannot_read_without_sending_anything(@TempDir Path dir) {
        assertThatThrownBy(() -> batches.files().upload(dir.resolve("missing.jsonl")))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("missing.jsonl");
        assertThatThrownBy(() -> batches.files().upload("dir.jsonl", dir)).isInstanceOf(UncheckedIOException.class);
        assertThat(server.getAllServeEvents()).isEmpty();
    }

    @Test
    void should_parse_the_file_fixtures_exactly() {
        server.stubFor(get(urlEqualTo(BASE + "/files/file-batch-xxx"))
                .willReturn(okJson(Fixtures.read("files/retrieve_file_http_response.json"))));
        server.stubFor(get(urlEqualTo(BASE + "/files/file-sdk"))
                .willReturn(okJson(Fixtures.read("files/retrieve_file_sdk_response.json"))));
        server.stubFor(get(urlEqualTo(BASE + "/files/file-fe-xxx"))
                .willReturn(okJson(Fixtures.read("files/upload_file_extract_response.json"))));
        server.stubFor(delete(urlEqualTo(BASE + "/files/file-batch-oLIon7bzfxELqJBTS5okwC4E"))
                .willReturn(okJson(Fixtures.read("files/delete_file_response.json"))));
        server.stubFor(post(urlEqualTo(BASE + "/files"))
                .willReturn(okJson(Fixtures.read("files/upload_batch_response.json"))));

        assertThat(batches.files().retrieve("file-batch-xxx"))
                .isEqualTo(new QwenFile(
                        "file-batch-xxx",
                        499719,
                        Instant.ofEpochSecond(1715935833),
                        "test.txt",
                        "batch",
                        "processed",
                        null));
        assertThat(batches.files().retrieve("file-sdk"))
                .isEqualTo(new QwenFile(
                        "file-batch-xxx",
                        27,
                        Instant.ofEpochSecond(1722480306),
                        "test.txt",
                        "batch",
                        "processed",
                        null));
        assertThat(batches.files().retrieve("file-fe-xxx").purpose()).isEqualTo("file-extract");
        assertThat(batches.files().upload("test.jsonl", new byte[] {'{', '}'}).bytes())
                .isEqualTo(231);
        assertThat(batches.files().delete("file-batch-oLIon7bzfxELqJBTS5okwC4E"))
                .isTrue();
        server.verify(deleteRequestedFor(urlEqualTo(BASE + "/files/file-batch-oLIon7bzfxELqJBTS5okwC4E")));
    }

    @Test
    void should_list_files_with_the_cursor_and_derive_the_last_id_qwen_leaves_out() {
        server.stubFor(get(urlPathEqualTo(BASE + "/files"))
                .willReturn(okJson(Fixtures.read("files/list_files_http_response.json"))));

        QwenPage<QwenFile> page = batches.files().list("file-batch-www", 2);

        assertThat(page.data()).extracting(QwenFile::id).containsExactly("file-batch-xxx", "file-batch-yyy");
        assertThat(page.data().get(1).filename()).isEqualTo("Agent_survey.pdf");
        assertThat(page.data().get(1).bytes()).isEqualTo(722355);
        assertThat(page.hasMore()).isTrue();
        assertThat(page.firstId()).isEqualTo("file-batch-xxx");
        assertThat(page.lastId()).isEqualTo("file-batch-yyy");
        server.verify(getRequestedFor(urlEqualTo(BASE + "/files?after=file-batch-www&limit=2")));
    }

    @Test
    void should_create_a_batch_with_the_fixture_body_and_parse_the_response() {
        server.stubFor(post(urlEqualTo(BASE + "/batches"))
                .withRequestBody(equalToJson(Fixtures.read("batch/create_batch_request.json")))
                .willReturn(okJson(Fixtures.read("batch/create_batch_response.json"))));

        QwenBatch batch = batches.create(QwenBatchCreateRequest.builder()
                .inputFileId("file-batch-xxx")
                .endpoint(QwenBatchEndpoint.CHAT_COMPLETIONS)
                .completionWindow("24h")
                .name("Task name")
                .description("Task description")
                .build());

        assertThat(batch.id()).isEqualTo("batch_xxx");
        assertThat(batch.status()).isEqualTo(QwenBatchStatus.VALIDATING);
        assertThat(batch.rawStatus()).isEqualTo("validating");
        assertThat(batch.endpoint()).isEqualTo("/v1/chat/completions");
        assertThat(batch.inputFileId()).isEqualTo("file-batch-xxx");
        assertThat(batch.completionWindow()).isEqualTo("24h");
        assertThat(batch.errors()).isEmpty();
        assertThat(batch.outputFileId()).isNull();
        assertThat(batch.errorFileId()).isNull();
        assertThat(batch.createdAt()).isEqualTo(Instant.ofEpochSecond(1742367779));
        assertThat(batch.inProgressAt()).isNull();
        assertThat(batch.expiresAt()).isNull();
        assertThat(batch.requestCounts()).isEqualTo(QwenBatchRequestCounts.EMPTY);
        assertThat(batch.name()).isEqualTo("Task name");
        assertThat(batch.description()).isEqualTo("Task description");
        assertThat(batch.isTerminal()).isFalse();
    }

    @Test
    void should_parse_a_completed_batch_and_a_cancelling_batch_exactly() {
        server.stubFor(get(urlEqualTo(BASE + "/batches/batch_abc123"))
                .willReturn(okJson(Fixtures.read("batch/retrieve_batch_completed.json"))));
        server.stubFor(post(urlEqualTo(BASE + "/batches/batch_abc123/cancel"))
                .willReturn(okJson(Fixtures.read("batch/cancel_batch_response.json"))));

        QwenBatch completed = batches.retrieve("batch_abc123");
        QwenBatch cancelling = batches.cancel("batch_abc123");

        assertThat(completed.status()).isEqualTo(QwenBatchStatus.COMPLETED);
        assertThat(completed.isTerminal()).isTrue();
        assertThat(completed.outputFileId()).isEqualTo("file-batch_output-xyz789");
        assertThat(completed.errorFileId()).isEqualTo("file-batch_error-xyz789");
        assertThat(completed.requestCounts()).isEqualTo(new QwenBatchRequestCounts(100, 95, 5));
        assertThat(completed.inProgressAt()).isEqualTo(Instant.ofEpochSecond(1711402450));
        assertThat(completed.expiresAt()).isEqualTo(Instant.ofEpochSecond(1711488800));
        assertThat(completed.finalizingAt()).isEqualTo(Instant.ofEpochSecond(1711405000));
        assertThat(completed.completedAt()).isEqualTo(Instant.ofEpochSecond(1711406000));
        assertThat(completed.failedAt()).isNull();
        assertThat(completed.expiredAt()).isNull();
        assertThat(completed.cancelledAt()).isNull();
        assertThat(completed.metadata())
                .containsExactly(
                        Map.entry("customer_id", "user_123456789"), Map.entry("batch_description", "Nightly eval job"));
        assertThat(cancelling.status()).isEqualTo(QwenBatchStatus.CANCELLING);
        assertThat(cancelling.cancellingAt()).isEqualTo(Instant.ofEpochSecond(1711403000));
        assertThat(cancelling.requestCounts()).isEqualTo(new QwenBatchRequestCounts(100, 23, 1));
        assertThat(cancelling.requestCounts().pending()).isEqualTo(76);
        assertThat(cancelling.metadata()).isEmpty();
        server.verify(postRequestedFor(urlEqualTo(BASE + "/batches/batch_abc123/cancel")));
    }

    @Test
    void should_send_qwen_list_filters_as_query_parameters_and_parse_the_page() {
        server.stubFor(get(urlPathEqualTo(BASE + "/batches"))
                .willReturn(okJson(Fixtures.read("batch/list_batches_response.json"))));

        QwenPage<QwenBatch> page = batches.list(QwenBatchListRequest.builder()
                .name("nightly")
                .inputFileIds("file-a", "file-b")
                .statuses(QwenBatchStatus.COMPLETED, QwenBatchStatus.IN_PROGRESS)
                .createAfter(LocalDateTime.of(2025, 3, 1, 8, 0, 0))
                .createBefore(LocalDateTime.of(2025, 3, 31, 23, 59, 59))
                .after("batch_prev")
                .limit(10)
                .build());

        server.verify(getRequestedFor(urlEqualTo(BASE + "/batches?ds_name=nightly&input_file_ids=file-a%2Cfile-b"
                + "&status=completed%2Cin_progress&create_after=20250301080000&create_before=20250331235959"
                + "&after=batch_prev&limit=10")));
        assertThat(page.hasMore()).isTrue();
        assertThat(page.firstId()).isEqualTo("batch_xxx");
        assertThat(page.lastId()).isEqualTo("batch_xxx");
        QwenBatch batch = page.data().get(0);
        assertThat(batch.status()).isEqualTo(QwenBatchStatus.COMPLETED);
        assertThat(batch.outputFileId()).isEqualTo("file-batch_output-xxx");
        assertThat(batch.requestCounts()).isEqualTo(new QwenBatchRequestCounts(100, 95, 5));
        assertThat(batch.metadata()).isEmpty();
    }

    @Test
    void should_send_no_query_parameters_without_filters() {
        server.stubFor(get(urlPathEqualTo(BASE + "/batches"))
                .willReturn(okJson(Fixtures.read("batch/list_batches_response.json"))));

        batches.list();

        server.verify(getRequestedFor(urlEqualTo(BASE + "/batches")));
    }

    @Test
    void should_download_file_content_line_by_line() {
        server.stubFor(get(urlEqualTo(BASE + "/files/file-batch_output-xyz789/content"))
                .willReturn(aResponse().withStatus(200).withBody(Fixtures.read("batch/output_chat.jsonl"))));

        assertThat(batches.files().contentLines("file-batch_output-xyz789"))
                .isEqualTo(Fixtures.read("batch/output_chat.jsonl").lines().toList());
    }

    @Test
    void should_join_the_output_and_error_fixtures_into_chat_responses_in_order() {
        server.stubFor(get(urlEqualTo(BASE + "/batches/batch_abc123"))
                .willReturn(okJson(Fixtures.read("batch/retrieve_batch_completed.json"))));
        server.stubFor(get(urlEqualTo(BASE + "/files/file-batch_output-xyz789/content"))
                .willReturn(aResponse()
                        .withBody(Fixtures.read("batch/output_chat.jsonl")
                                + Fixtures.read("batch/output_chat_line2_with_role.jsonl"))));
        server.stubFor(
                get(urlEqualTo(BASE + "/files/file-batch_error-xyz789/content"))
                        .willReturn(
                                aResponse()
                                        .withBody(
                                                "{\"id\":\"e1\",\"custom_id\":\"0\",\"response\":{\"status_code\":400,\"request_id\":\"r-0\","
                                                        + "\"body\":{\"error\":{\"code\":\"invalid_parameter_error\",\"message\":\"Range of input length"
                                                        + " should be [1, 129024]\"}}},\"error\":null}\n"
                                                        + "{\"id\":\"e2\",\"custom_id\":\"3\",\"response\":null,\"error\":{\"code\":\"batch_expired\","
                                                        + "\"message\":\"This request could not be executed before the completion window expired.\"}}\n")));
        QwenBatchChat chat = QwenBatchChat.builder()
                .apiKey(KEY)
                .baseUrl(server.baseUrl() + BASE)
                .build();

        QwenBatchResults<ChatResponse> results = chat.resume("5:batch_abc123").results();

        assertThat(results.status()).isEqualTo(QwenBatchStatus.COMPLETED);
        assertThat(results.items()).hasSize(5);
        assertThat(results.items().get(0).error())
                .isEqualTo(new QwenBatchItemError(
                        "invalid_parameter_error", "Range of input length should be [1, 129024]", 400, "r-0"));
        ChatResponse first = results.items().get(1).value();
        assertThat(first.aiMessage().text()).startsWith("Hello! Of course.");
        assertThat(first.metadata().id()).isEqualTo("chatcmpl-c308ef7f-0824-9c46-96eb-73566f062426");
        assertThat(first.metadata().modelName()).isEqualTo("qwen-plus");
        assertThat(first.tokenUsage().inputTokenCount()).isEqualTo(26);
        assertThat(first.tokenUsage().outputTokenCount()).isEqualTo(35);
        assertThat(first.tokenUsage().totalTokenCount()).isEqualTo(61);
        assertThat(results.items().get(2).value().aiMessage().text()).isEqualTo("2+2 equals 4.");
        assertThat(results.items().get(3).error().code()).isEqualTo("batch_expired");
        assertThat(results.items().get(3).error().statusCode()).isNull();
        // custom_id "req-002" was not written by this library: ignored; item 4 has no line at all
        assertThat(results.items().get(4).error().isNotDone()).isTrue();
        assertThat(results.items().get(4).error().message()).contains("No result");
    }

    @Test
    void should_map_an_unknown_batch_to_an_invalid_request() {
        server.stubFor(get(urlEqualTo(BASE + "/batches/batch_nope"))
                .willReturn(aResponse()
                        .withStatus(404)
                        .withBody("{\"error\":{\"code\":\"NotFound\",\"message\":\"The batch does not exist.\"}}")));

        assertThatThrownBy(() -> batches.retrieve("batch_nope"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("The batch does not exist")
                .hasMessageNotContaining(KEY);
    }

    @Test
    void should_validate_completion_windows_and_metadata() {
        assertThat(QwenCompletionWindow.ofDays(14).toDuration().toHours()).isEqualTo(336);
        assertThat(new QwenCompletionWindow("336h").value()).isEqualTo("336h");
        assertThatThrownBy(() -> new QwenCompletionWindow("23h")).hasMessageContaining("between 24h and 336h");
        assertThatThrownBy(() -> QwenCompletionWindow.ofDays(15)).hasMessageContaining("between 24h and 336h");
        assertThatThrownBy(() -> new QwenCompletionWindow("1w")).hasMessageContaining("whole hours or days");
        assertThatThrownBy(() -> QwenBatchCreateRequest.builder()
                        .inputFileId("f")
                        .name("x".repeat(101))
                        .build())
                .hasMessageContaining("ds_name");
        assertThat(QwenBatchStatus.fromValue("in_progress")).isEqualTo(QwenBatchStatus.IN_PROGRESS);
        assertThat(QwenBatchStatus.fromValue("paused")).isEqualTo(QwenBatchStatus.UNKNOWN);
    }
}
