package io.github.qwenlangchain4j.internal.batch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.langchain4j.exception.RateLimitException;
import io.github.qwenlangchain4j.batch.QwenBatchEndpoint;
import io.github.qwenlangchain4j.batch.QwenBatchItemResult;
import io.github.qwenlangchain4j.batch.QwenBatchJob;
import io.github.qwenlangchain4j.batch.QwenBatchResults;
import io.github.qwenlangchain4j.batch.QwenBatches;
import io.github.qwenlangchain4j.batch.QwenCompletionWindow;
import io.github.qwenlangchain4j.internal.client.QwenClient;
import io.github.qwenlangchain4j.testkit.QwenMockServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The input files of a job written line by line, in memory within the budget and in temporary files beyond it:
 * the bytes uploaded are those the lines serialise to, whichever way they went; a retried upload sends the same
 * file again; the temporary files are gone afterwards, whatever happened.
 */
class BatchEngineSpoolTest {

    private static final String KEY = "sk-test-spool-123";
    private static final String FILE = "{\"id\":\"file-batch-1\",\"object\":\"file\",\"bytes\":1,\"created_at\":1,"
            + "\"filename\":\"x.jsonl\",\"purpose\":\"batch\",\"status\":\"processed\"}";
    private static final String BATCH =
            "{\"id\":\"batch_1\",\"object\":\"batch\",\"endpoint\":\"/v1/chat/completions\","
                    + "\"input_file_id\":\"file-batch-1\",\"completion_window\":\"24h\",\"status\":\"validating\","
                    + "\"created_at\":1}";

    @TempDir
    Path spool;

    private WireMockServer server;

    @BeforeEach
    void start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        server.stubFor(post(urlEqualTo("/v1/files")).willReturn(okJson(FILE)));
        server.stubFor(post(urlEqualTo("/v1/batches")).willReturn(okJson(BATCH)));
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private QwenBatches batches(int maxRetries) {
        return QwenBatches.builder()
                .apiKey(KEY)
                .baseUrl(server.baseUrl() + "/v1")
                .maxRetries(maxRetries)
                .build();
    }

    private static BatchEngine.Settings settings(int maxLinesPerFile) {
        return new BatchEngine.Settings(
                QwenBatchEndpoint.CHAT_COMPLETIONS,
                new QwenCompletionWindow("24h"),
                Map.of(),
                maxLinesPerFile,
                BatchEngine.MAX_BYTES_PER_FILE,
                Duration.ZERO,
                Duration.ZERO);
    }

    private BatchEngine<String> engine(QwenBatches batches, int maxLinesPerFile, long memoryBudget) {
        return new BatchEngine<>(
                batches, settings(maxLinesPerFile), (body, count, id) -> List.of(body.toString()), memoryBudget, spool);
    }

    /** Seven requests, two models: qwen-plus for all but item 3. */
    private static List<BatchEngine.Line> lines() {
        List<BatchEngine.Line> lines = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String model = i == 3 ? "qwen-max" : "qwen-plus";
            lines.add(new BatchEngine.Line(
                    i,
                    1,
                    model,
                    Map.of(
                            "model",
                            model,
                            "messages",
                            List.of(Map.of("role", "user", "content", "Question " + i + ", with ünïcödé")))));
        }
        return lines;
    }

    /** What the files must hold: each line's JSON and a line break, as the lines were serialised before spooling. */
    private static List<byte[]> expectedFiles(List<BatchEngine.Line> lines, int maxLinesPerFile) {
        List<byte[]> files = new ArrayList<>();
        for (String model : List.of("qwen-plus", "qwen-max")) {
            ByteArrayOutputStream file = new ByteArrayOutputStream();
            int count = 0;
            for (BatchEngine.Line line : lines) {
                if (!line.model().equals(model)) {
                    continue;
                }
                if (count == maxLinesPerFile) {
                    files.add(file.toByteArray());
                    file = new ByteArrayOutputStream();
                    count = 0;
                }
                file.writeBytes(QwenClient.toJson(new RequestLine(
                        Integer.toString(line.firstItem()), "POST", "/v1/chat/completions", line.body())));
                file.write('\n');
                count++;
            }
            files.add(file.toByteArray());
        }
        return files;
    }

    private List<LoggedRequest> uploads() {
        return server.findAll(postRequestedFor(urlEqualTo("/v1/files")));
    }

    private static byte[] filePart(LoggedRequest upload) {
        return upload.getParts().stream()
                .filter(part -> part.getName().equals("file"))
                .findFirst()
                .map(Request.Part::getBody)
                .orElseThrow()
                .asBytes();
    }

    private static String filename(LoggedRequest upload) {
        return upload.getParts().stream()
                .filter(part -> part.getName().equals("file"))
                .findFirst()
                .orElseThrow()
                .getHeader("Content-Disposition")
                .firstValue();
    }

    private List<Path> spooled() throws IOException {
        try (Stream<Path> files = Files.list(spool)) {
            return files.toList();
        }
    }

    @Test
    void should_upload_the_same_bytes_from_memory_from_disk_and_from_both() throws IOException {
        List<byte[]> expected = expectedFiles(lines(), 2);
        // 0: every file on disk; just the first file's size: it in memory, the rest on disk; default: all in memory
        for (long budget : new long[] {0, expected.get(0).length, BatchEngine.MEMORY_BUDGET}) {
            server.resetRequests();

            QwenBatchJob<String> job = engine(batches(0), 2, budget).submit(lines().iterator(), 7);

            List<LoggedRequest> uploads = uploads();
            assertThat(uploads).as("budget %d", budget).hasSize(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                assertThat(filePart(uploads.get(i)))
                        .as("budget %d, file %d", budget, i)
                        .isEqualTo(expected.get(i));
            }
            assertThat(filename(uploads.get(0))).contains("filename=\"qwen-langchain4j-qwen-plus-1-of-4.jsonl\"");
            assertThat(filename(uploads.get(3))).contains("filename=\"qwen-langchain4j-qwen-max-4-of-4.jsonl\"");
            assertThat(job.batchIds()).hasSize(4);
            assertThat(spooled()).as("temporary files left, budget %d", budget).isEmpty();
        }
    }

    @Test
    void should_send_the_spooled_file_again_when_the_upload_was_refused_with_429() throws IOException {
        server.stubFor(post(urlEqualTo("/v1/files"))
                .inScenario("busy")
                .whenScenarioStateIs(STARTED)
                .willReturn(
                        aResponse()
                                .withStatus(429)
                                .withHeader("Retry-After", "0")
                                .withBody(
                                        "{\"error\":{\"code\":\"limit_requests\",\"message\":\"Requests rate limit exceeded\"}}"))
                .willSetStateTo("free"));
        server.stubFor(post(urlEqualTo("/v1/files"))
                .inScenario("busy")
                .whenScenarioStateIs("free")
                .willReturn(okJson(FILE)));

        engine(batches(1), 50_000, 0).submit(lines().subList(0, 3).iterator(), 3);

        List<LoggedRequest> uploads = uploads();
        assertThat(uploads).hasSize(2);
        byte[] expected = expectedFiles(lines().subList(0, 3), 50_000).get(0);
        assertThat(filePart(uploads.get(0))).isEqualTo(expected);
        assertThat(filePart(uploads.get(1))).as("the retry re-reads the file").isEqualTo(expected);
        assertThat(server.findAll(postRequestedFor(urlEqualTo("/v1/batches")))).hasSize(1);
        assertThat(spooled()).isEmpty();
    }

    @Test
    void should_not_send_a_spooled_upload_twice_after_a_server_error_and_leave_no_temporary_file() throws IOException {
        server.stubFor(post(urlEqualTo("/v1/files"))
                .willReturn(aResponse()
                        .withStatus(500)
                        .withBody("{\"error\":{\"code\":\"InternalError\",\"message\":\"oops\"}}")));

        assertThatThrownBy(() -> engine(batches(3), 50_000, 0).submit(lines().iterator(), 7))
                .hasMessageContaining("oops");

        assertThat(uploads())
                .as("a 5xx may have created the file: never sent again")
                .hasSize(1);
        assertThat(spooled()).isEmpty();
    }

    @Test
    void should_give_up_on_a_429_after_the_retries_and_leave_no_temporary_file() throws IOException {
        server.stubFor(
                post(urlEqualTo("/v1/files"))
                        .willReturn(
                                aResponse()
                                        .withStatus(429)
                                        .withHeader("Retry-After", "0")
                                        .withBody(
                                                "{\"error\":{\"code\":\"limit_requests\",\"message\":\"Requests rate limit exceeded\"}}")));

        assertThatThrownBy(() -> engine(batches(2), 50_000, 0).submit(lines().iterator(), 7))
                .isInstanceOf(RateLimitException.class);

        assertThat(uploads()).hasSize(3);
        assertThat(spooled()).isEmpty();
    }

    @Test
    void should_refuse_a_line_over_6_mb_naming_its_item_before_uploading_anything() throws IOException {
        List<BatchEngine.Line> lines = new ArrayList<>(lines());
        lines.set(
                5,
                new BatchEngine.Line(
                        5,
                        1,
                        "qwen-plus",
                        Map.of(
                                "model",
                                "qwen-plus",
                                "messages",
                                List.of(Map.of("role", "user", "content", "x".repeat(6 * 1024 * 1024))))));

        assertThatThrownBy(() -> engine(batches(0), 50_000, 0).submit(lines.iterator(), 7))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("requests[5]")
                .hasMessageContaining("6 MB");

        assertThat(server.getAllServeEvents()).as("nothing is uploaded").isEmpty();
        assertThat(spooled()).as("the lines written before it are deleted").isEmpty();
    }

    @Test
    void should_end_the_submission_when_a_line_cannot_be_made_and_delete_what_was_written() throws IOException {
        List<BatchEngine.Line> lines = lines();
        java.util.Iterator<BatchEngine.Line> failing = new java.util.Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < lines.size();
            }

            @Override
            public BatchEngine.Line next() {
                if (next == 4) {
                    throw new IllegalArgumentException("requests[4]: invalid");
                }
                return lines.get(next++);
            }
        };

        assertThatThrownBy(() -> engine(batches(0), 50_000, 0).submit(failing, 7))
                .hasMessage("requests[4]: invalid");

        assertThat(server.getAllServeEvents()).isEmpty();
        assertThat(spooled()).isEmpty();
    }

    @Test
    void should_run_a_job_whose_input_went_to_disk_end_to_end_in_input_order() {
        try (QwenMockServer mock = QwenMockServer.start()) {
            QwenBatches batches = QwenBatches.builder()
                    .apiKey(mock.apiKey())
                    .baseUrl(mock.baseUrl())
                    .build();
            BatchEngine<String> engine = new BatchEngine<>(
                    batches,
                    settings(3),
                    (body, count, id) -> List.of(body.path("choices")
                            .get(0)
                            .path("message")
                            .path("content")
                            .asText()),
                    0,
                    spool);

            QwenBatchResults<String> results =
                    engine.submit(lines().iterator(), 7).await(Duration.ofMinutes(1));

            assertThat(results.allSucceeded()).isTrue();
            assertThat(results.items()).extracting(QwenBatchItemResult::index).containsExactly(0, 1, 2, 3, 4, 5, 6);
            for (int i = 0; i < 7; i++) {
                assertThat(results.items().get(i).value()).contains("Question " + i);
            }
        }
    }

    @Test
    void should_leave_out_result_lines_beyond_the_job_and_keep_the_rest_in_order() {
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlEqualTo("/v1/batches/batch_done"))
                .willReturn(okJson("{\"id\":\"batch_done\",\"object\":\"batch\",\"endpoint\":\"/v1/chat/completions\","
                        + "\"input_file_id\":\"file-batch-1\",\"completion_window\":\"24h\",\"status\":\"completed\","
                        + "\"output_file_id\":\"file-out\",\"created_at\":1}")));
        String ok = ",\"response\":{\"status_code\":200,\"request_id\":\"r\",\"body\":{\"n\":%s}},\"error\":null}\n";
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlEqualTo("/v1/files/file-out/content"))
                .willReturn(aResponse()
                        .withBody("{\"id\":\"a\",\"custom_id\":\"1\"" + ok.formatted(1)
                                + "{\"id\":\"b\",\"custom_id\":\"9\"" + ok.formatted(9)
                                + "{\"id\":\"c\",\"custom_id\":\"0\"" + ok.formatted(0))));

        QwenBatchResults<String> twoItems =
                engine(batches(0), 50_000, 0).resume("2:batch_done").results();
        QwenBatchResults<String> unknownCount =
                engine(batches(0), 50_000, 0).resume("batch_done").results();

        assertThat(twoItems.items()).extracting(QwenBatchItemResult::value).containsExactly("{\"n\":0}", "{\"n\":1}");
        assertThat(unknownCount.items()).hasSize(10);
        assertThat(unknownCount.items().get(9).value()).isEqualTo("{\"n\":9}");
        assertThat(unknownCount.items().get(5).error().isNotDone()).isTrue();
        assertThat(unknownCount.items()).isSortedAccordingTo(Comparator.comparingInt(QwenBatchItemResult::index));
    }
}
