package io.github.qwenlangchain4j.reliability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.github.qwenlangchain4j.reliability.RawHttpServer.isStreaming;
import static io.github.qwenlangchain4j.reliability.RawHttpServer.reset;
import static io.github.qwenlangchain4j.reliability.RawHttpServer.write;
import static io.github.qwenlangchain4j.reliability.RawHttpServer.writeHead;
import static io.github.qwenlangchain4j.reliability.Targets.EMBEDDINGS;
import static io.github.qwenlangchain4j.reliability.Targets.STREAMING_CHAT;
import static io.github.qwenlangchain4j.reliability.Targets.SYNC_CHAT;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.exception.TimeoutException;
import io.github.qwenlangchain4j.reliability.Targets.Outcome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fault matrix: every fault a server or network can produce, against sync chat, streaming chat and embeddings.
 * Each row states the outcome (a result, or the exception type), the number of requests the server saw (docs/ARCHITECTURE.md,
 * "Errors and retries": I/O failures, timeouts, 429 and 5xx are retried, malformed bodies never, streams only before their
 * first event), exactly one terminal callback for streams, and a generous upper bound on the time taken, derived
 * from timeout x attempts + backoff.
 *
 * <p>Rows run concurrently (most of their time is spent waiting for a timeout or a back-off): each row has its own
 * path on the shared WireMock server, or its own raw server, and counts only its own requests.
 */
@Execution(ExecutionMode.CONCURRENT)
class FaultMatrixTest {

    /** One retry keeps the matrix fast while still proving which faults are retried: 2 requests vs 1. */
    private static final int MAX_RETRIES = 1;

    private static final int RETRIED = MAX_RETRIES + 1;
    private static final int NOT_RETRIED = 1;
    /** Connection refused: the server never sees a request. */
    private static final int NONE_SEEN = 0;

    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(300);
    private static final Duration NORMAL_TIMEOUT = Duration.ofSeconds(5);
    /** About 20 MB; chat content stays under Jackson's default limit of 20,000,000 characters per string. */
    private static final int HUGE_BYTES = 19 * 1024 * 1024;

    static final String CHAT_JSON = "{\"id\":\"chatcmpl-r1\",\"object\":\"chat.completion\",\"created\":1,"
            + "\"model\":\"qwen-plus\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
            + "\"content\":\"Hello there\"},\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2,\"total_tokens\":5}}";
    static final String FIRST_EVENT =
            "data: {\"id\":\"chatcmpl-r1\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hello\"}}]}\n\n";
    static final String SSE = FIRST_EVENT
            + "data: {\"id\":\"chatcmpl-r1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\" there\"}}]}\n\n"
            + "data: {\"id\":\"chatcmpl-r1\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
            + "data: {\"id\":\"chatcmpl-r1\",\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2,"
            + "\"total_tokens\":5}}\n\n"
            + "data: [DONE]\n\n";
    static final String EMBEDDINGS_JSON = "{\"object\":\"list\",\"model\":\"text-embedding-v4\",\"id\":\"e1\","
            + "\"data\":[{\"object\":\"embedding\",\"index\":0,\"embedding\":[0.1,0.2,0.3]}],"
            + "\"usage\":{\"prompt_tokens\":1,\"total_tokens\":1}}";

    private static final String CHAT_UNKNOWN_FIELDS = "{\"x_top\":{\"nested\":[1,{\"a\":null}]},\"id\":\"chatcmpl-r1\","
            + "\"object\":\"chat.completion\",\"system_fingerprint\":null,\"created\":1,\"model\":\"qwen-plus\","
            + "\"choices\":[{\"logprobs\":null,\"x_choice\":true,\"index\":0,\"message\":{\"annotations\":[],"
            + "\"audio\":null,\"role\":\"assistant\",\"x_msg\":{\"k\":[1]},\"content\":\"Hello there\"},"
            + "\"finish_reason\":\"stop\"}],\"usage\":{\"x_usage\":7,\"prompt_tokens\":3,\"completion_tokens\":2,"
            + "\"total_tokens\":5,\"prompt_tokens_details\":{\"cached_tokens\":0,\"x_detail\":\"y\"}}}";
    private static final String SSE_UNKNOWN_FIELDS = "id: 1\nevent: message\nretry: 10\n: comment\n"
            + "data: {\"x_top\":[1],\"id\":\"chatcmpl-r1\",\"choices\":[{\"x_choice\":{},\"index\":0,"
            + "\"delta\":{\"x_delta\":1,\"content\":\"Hello\"}}]}\n\n"
            + "data: {\"id\":\"chatcmpl-r1\",\"choices\":[{\"index\":0,\"logprobs\":null,\"delta\":{\"content\":\" there\"},"
            + "\"finish_reason\":\"stop\"}],\"usage\":{\"x_usage\":{\"deep\":true},\"prompt_tokens\":3,"
            + "\"completion_tokens\":2,\"total_tokens\":5}}\n\n"
            + "data: [DONE]\n\n";
    private static final String EMBEDDINGS_UNKNOWN_FIELDS = "{\"x_top\":{\"a\":[1]},\"object\":\"list\","
            + "\"model\":\"text-embedding-v4\",\"data\":[{\"x_item\":null,\"object\":\"embedding\",\"index\":0,"
            + "\"embedding\":[0.1,0.2,0.3]}],\"usage\":{\"x_usage\":1,\"prompt_tokens\":1,\"total_tokens\":1}}";

    enum FaultKind {
        CONNECTION_REFUSED,
        RESET_BEFORE_BODY,
        RESET_DURING_BODY,
        EMPTY_REPLY,
        MALFORMED_CHUNK,
        RANDOM_BYTES_THEN_CLOSE,
        HTTP_200_INVALID_JSON,
        HTTP_200_MISSING_CHOICES_OR_DATA,
        BODY_ENDS_EARLY_WITHOUT_DONE,
        SILENT_SERVER,
        STALLS_AFTER_FIRST_BYTES,
        SLOW_BUT_STEADY_STREAM,
        RATE_LIMIT_STORM_429,
        SERVER_ERROR_STORM_500,
        SERVER_ERROR_STORM_503,
        GZIP_BODY,
        UNKNOWN_FIELDS_EVERYWHERE,
        HUGE_20_MB_RESPONSE,
        ONE_STRING_OVER_20_M_CHARS
    }

    /** What a row expects: a result (error null) or an error type, and how many requests the server sees. */
    record Expect(String result, Class<? extends Throwable> error, boolean retriableError, int requests) {

        static Expect ok(String result) {
            return new Expect(result, null, false, 1);
        }

        static Expect fails(Class<? extends Throwable> error, int requests) {
            return new Expect(null, error, RetriableException.class.isAssignableFrom(error), requests);
        }

        /** A {@link LangChain4jException} that is not retriable: a malformed answer. */
        static Expect malformed() {
            return new Expect(null, LangChain4jException.class, false, NOT_RETRIED);
        }

        @Override
        public String toString() {
            return error == null
                    ? "result '" + result + "'"
                    : error.getSimpleName() + " after " + requests + " request(s)";
        }
    }

    static Stream<Arguments> matrix() {
        List<Arguments> rows = new ArrayList<>();
        // fault, target, expectation
        for (Targets t : Targets.values()) {
            rows.add(Arguments.of(FaultKind.CONNECTION_REFUSED, t, Expect.fails(RetriableException.class, NONE_SEEN)));
            rows.add(Arguments.of(FaultKind.RESET_BEFORE_BODY, t, Expect.fails(RetriableException.class, RETRIED)));
            rows.add(Arguments.of(FaultKind.EMPTY_REPLY, t, Expect.fails(RetriableException.class, RETRIED)));
            // A stream whose body is broken before its first event is retried like any other call.
            rows.add(Arguments.of(FaultKind.MALFORMED_CHUNK, t, Expect.fails(RetriableException.class, RETRIED)));
            rows.add(Arguments.of(
                    FaultKind.RANDOM_BYTES_THEN_CLOSE, t, Expect.fails(RetriableException.class, RETRIED)));
            rows.add(Arguments.of(FaultKind.HTTP_200_INVALID_JSON, t, Expect.malformed()));
            rows.add(Arguments.of(FaultKind.SILENT_SERVER, t, Expect.fails(TimeoutException.class, RETRIED)));
            rows.add(Arguments.of(
                    FaultKind.SLOW_BUT_STEADY_STREAM, t, Expect.ok(t == EMBEDDINGS ? "dimensions=3" : "Hello there")));
            rows.add(Arguments.of(FaultKind.RATE_LIMIT_STORM_429, t, Expect.fails(RateLimitException.class, RETRIED)));
            rows.add(Arguments.of(
                    FaultKind.SERVER_ERROR_STORM_500, t, Expect.fails(InternalServerException.class, RETRIED)));
            rows.add(Arguments.of(
                    FaultKind.SERVER_ERROR_STORM_503, t, Expect.fails(InternalServerException.class, RETRIED)));
            rows.add(Arguments.of(FaultKind.GZIP_BODY, t, Expect.ok(t == EMBEDDINGS ? "dimensions=3" : "Hello there")));
            rows.add(Arguments.of(
                    FaultKind.UNKNOWN_FIELDS_EVERYWHERE,
                    t,
                    Expect.ok(t == EMBEDDINGS ? "dimensions=3" : "Hello there")));
            rows.add(Arguments.of(
                    FaultKind.HUGE_20_MB_RESPONSE,
                    t,
                    Expect.ok(t == EMBEDDINGS ? "dimensions=" + hugeDimensions() : "length=" + HUGE_BYTES)));
        }
        // One string longer than Jackson's default limit (20,000,000 characters) is refused cleanly as malformed,
        // not retried; a stream of the same size is fine because it comes in pieces.
        rows.add(Arguments.of(FaultKind.ONE_STRING_OVER_20_M_CHARS, SYNC_CHAT, Expect.malformed()));
        // Faults in the middle of a body: a sync call re-sends (it has returned nothing yet); a stream that has
        // delivered its first event must not, and reports the failure once.
        rows.add(Arguments.of(FaultKind.RESET_DURING_BODY, SYNC_CHAT, Expect.fails(RetriableException.class, RETRIED)));
        rows.add(
                Arguments.of(FaultKind.RESET_DURING_BODY, EMBEDDINGS, Expect.fails(RetriableException.class, RETRIED)));
        rows.add(Arguments.of(
                FaultKind.RESET_DURING_BODY, STREAMING_CHAT, Expect.fails(RetriableException.class, NOT_RETRIED)));
        rows.add(Arguments.of(
                FaultKind.STALLS_AFTER_FIRST_BYTES, SYNC_CHAT, Expect.fails(TimeoutException.class, RETRIED)));
        rows.add(Arguments.of(
                FaultKind.STALLS_AFTER_FIRST_BYTES, EMBEDDINGS, Expect.fails(TimeoutException.class, RETRIED)));
        rows.add(Arguments.of(
                FaultKind.STALLS_AFTER_FIRST_BYTES, STREAMING_CHAT, Expect.fails(TimeoutException.class, NOT_RETRIED)));
        // A body shorter than its Content-Length is an I/O failure; a stream that closes without [DONE] after
        // delivering events is a truncated answer, never taken for a complete one, and not retried.
        rows.add(Arguments.of(
                FaultKind.BODY_ENDS_EARLY_WITHOUT_DONE, SYNC_CHAT, Expect.fails(RetriableException.class, RETRIED)));
        rows.add(Arguments.of(
                FaultKind.BODY_ENDS_EARLY_WITHOUT_DONE, EMBEDDINGS, Expect.fails(RetriableException.class, RETRIED)));
        rows.add(Arguments.of(FaultKind.BODY_ENDS_EARLY_WITHOUT_DONE, STREAMING_CHAT, Expect.malformed()));
        // No choices (chat) or no data (embeddings) in a 200 is malformed. A stream whose chunks carry no choices
        // is indistinguishable from an empty answer followed by Qwen's usage-only chunk ("choices": []): it
        // completes with empty text.
        rows.add(Arguments.of(FaultKind.HTTP_200_MISSING_CHOICES_OR_DATA, SYNC_CHAT, Expect.malformed()));
        rows.add(Arguments.of(FaultKind.HTTP_200_MISSING_CHOICES_OR_DATA, EMBEDDINGS, Expect.malformed()));
        rows.add(Arguments.of(FaultKind.HTTP_200_MISSING_CHOICES_OR_DATA, STREAMING_CHAT, Expect.ok("")));
        return rows.stream();
    }

    private static WireMockServer wireMock;
    /** This row's path on the shared WireMock server. */
    private final String rowPath = "/row-" + UUID.randomUUID();

    private StubMapping stub;
    private RawHttpServer raw;

    @BeforeAll
    static void startWireMock() {
        // No gzip by WireMock itself: its compressor buffers, which would turn the dribbled body into one late burst.
        wireMock = new WireMockServer(WireMockConfiguration.options()
                .dynamicPort()
                .bindAddress("127.0.0.1")
                .gzipDisabled(true));
        wireMock.start();
    }

    @AfterAll
    static void stopWireMock() {
        wireMock.stop();
    }

    @AfterEach
    void cleanUp() throws IOException {
        if (stub != null) {
            wireMock.removeStub(stub);
        }
        if (raw != null) {
            raw.close();
        }
    }

    @ParameterizedTest(name = "{0} / {1} -> {2}")
    @MethodSource("matrix")
    void should_end_every_call_with_the_right_outcome_retries_and_time(FaultKind fault, Targets target, Expect expect)
            throws Exception {
        Duration timeout = switch (fault) {
            case SILENT_SERVER, STALLS_AFTER_FIRST_BYTES, SLOW_BUT_STEADY_STREAM -> SHORT_TIMEOUT;
            default -> NORMAL_TIMEOUT;
        };
        String baseUrl = serve(fault, target);
        int attempts = MAX_RETRIES + 1;
        // Generous: every attempt may use its whole timeout plus a second of slack, plus the longest backoffs
        // (250 ms before retry 1), plus 5 s for a loaded CI machine. Never a speed target.
        Duration bound = timeout.plusSeconds(1)
                .multipliedBy(attempts)
                .plusMillis(250L * MAX_RETRIES)
                .plusSeconds(5);
        if (fault == FaultKind.SLOW_BUT_STEADY_STREAM
                || fault == FaultKind.HUGE_20_MB_RESPONSE
                || fault == FaultKind.ONE_STRING_OVER_20_M_CHARS) {
            bound = bound.plusSeconds(10); // the body itself takes 1.5 s, or 20 MB to move and parse
        }

        Outcome outcome = target.call(baseUrl, timeout, MAX_RETRIES, bound);

        assertThat(outcome.terminalCalls()).as("terminal callbacks").isEqualTo(1);
        if (expect.error() == null) {
            assertThat(outcome.error()).as("error").isNull();
            assertThat(outcome.result()).isEqualTo(expect.result());
        } else {
            assertThat(outcome.error()).as("error").isInstanceOf(expect.error());
            assertThat(outcome.error() instanceof RetriableException)
                    .as("retriable")
                    .isEqualTo(expect.retriableError());
            assertThat(outcome.error().getMessage()).doesNotContain(Targets.API_KEY);
        }
        assertThat(requestCount()).as("requests the server saw").isEqualTo(expect.requests());
        assertThat(outcome.elapsed()).as("time taken").isLessThan(bound);
        if (target == STREAMING_CHAT
                && (fault == FaultKind.RESET_DURING_BODY
                        || fault == FaultKind.STALLS_AFTER_FIRST_BYTES
                        || fault == FaultKind.BODY_ENDS_EARLY_WITHOUT_DONE)) {
            assertThat(outcome.partialChars())
                    .as("text delivered before the failure stays delivered")
                    .isPositive();
        }
    }

    private int requestCount() {
        return raw != null
                ? raw.requestCount()
                : wireMock.countRequestsMatching(anyRequestedFor(urlPathMatching(rowPath + "/.*"))
                                .build())
                        .getCount();
    }

    /** Sets up the fault for the target and returns the base URL to call. */
    private String serve(FaultKind fault, Targets target) throws IOException {
        String wireMockBase = "http://127.0.0.1:" + wireMock.port() + rowPath + "/v1";
        String okBody = okBody(target);
        String contentType = target == STREAMING_CHAT ? "text/event-stream" : "application/json";
        switch (fault) {
            case CONNECTION_REFUSED -> {
                int port;
                try (ServerSocket socket = new ServerSocket(0)) {
                    port = socket.getLocalPort();
                }
                return "http://127.0.0.1:" + port + "/v1";
            }
            case RESET_BEFORE_BODY -> stub(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
            case EMPTY_REPLY -> stub(aResponse().withFault(Fault.EMPTY_RESPONSE));
            case MALFORMED_CHUNK -> stub(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK));
            case RANDOM_BYTES_THEN_CLOSE -> stub(aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE));
            case HTTP_200_INVALID_JSON ->
                stub(ok(
                        contentType,
                        target == STREAMING_CHAT
                                ? "data: {\"id\":\"chatcmpl-r1\",\"choices\":[{\n\ndata: [DONE]\n\n"
                                : "{\"id\":\"x\",\"choices\":[{\"message\":"));
            case HTTP_200_MISSING_CHOICES_OR_DATA ->
                stub(ok(
                        contentType,
                        switch (target) {
                            case SYNC_CHAT ->
                                "{\"id\":\"chatcmpl-r1\",\"object\":\"chat.completion\",\"model\":\"qwen-plus\"}";
                            case EMBEDDINGS ->
                                "{\"object\":\"list\",\"model\":\"text-embedding-v4\",\"usage\":{\"total_tokens\":1}}";
                            default -> "data: {\"id\":\"chatcmpl-r1\",\"model\":\"qwen-plus\"}\n\ndata: [DONE]\n\n";
                        }));
            case SLOW_BUT_STEADY_STREAM ->
                // 15 pieces, one every 100 ms for 1.5 s, against a 300 ms read timeout.
                stub(ok(contentType, okBody).withChunkedDribbleDelay(15, 1500));
            case RATE_LIMIT_STORM_429 -> stub(error(429, "limit_requests", "Requests rate limit exceeded"));
            case SERVER_ERROR_STORM_500 -> stub(error(500, "internal_error", "An internal error has occured"));
            case SERVER_ERROR_STORM_503 -> stub(error(503, "ServiceUnavailable", "Service temporarily unavailable"));
            case GZIP_BODY ->
                stub(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", contentType)
                        .withHeader("Content-Encoding", "gzip")
                        .withBody(gzip(okBody)));
            case UNKNOWN_FIELDS_EVERYWHERE ->
                stub(ok(
                        contentType,
                        switch (target) {
                            case SYNC_CHAT -> CHAT_UNKNOWN_FIELDS;
                            case EMBEDDINGS -> EMBEDDINGS_UNKNOWN_FIELDS;
                            default -> SSE_UNKNOWN_FIELDS;
                        }));
            case RESET_DURING_BODY ->
                raw = new RawHttpServer((request, socket, out) -> {
                    if (isStreaming(request)) {
                        writeHead(out, 200, "text/event-stream", -1);
                        write(out, FIRST_EVENT);
                        Thread.sleep(150); // the first event reaches the handler before the reset
                        write(out, "data: {\"id\":\"chatcmpl-r1\",\"choi");
                    } else {
                        writeHead(out, 200, "application/json", okBody.length());
                        write(out, okBody.substring(0, okBody.length() / 2));
                        Thread.sleep(50);
                    }
                    reset(socket);
                });
            case STALLS_AFTER_FIRST_BYTES ->
                raw = new RawHttpServer((request, socket, out) -> {
                    if (isStreaming(request)) {
                        writeHead(out, 200, "text/event-stream", -1);
                        write(out, FIRST_EVENT);
                    } else {
                        writeHead(out, 200, "application/json", okBody.length());
                        write(out, okBody.substring(0, okBody.length() / 2));
                    }
                    Thread.sleep(30_000); // interrupted when the server closes
                });
            case BODY_ENDS_EARLY_WITHOUT_DONE ->
                raw = new RawHttpServer((request, socket, out) -> {
                    if (isStreaming(request)) {
                        writeHead(out, 200, "text/event-stream", -1);
                        write(out, SSE.substring(0, SSE.indexOf("data: [DONE]")));
                    } else {
                        writeHead(out, 200, "application/json", okBody.length() + 100);
                        write(out, okBody);
                    }
                });
            case SILENT_SERVER -> raw = new RawHttpServer((request, socket, out) -> Thread.sleep(30_000));
            case HUGE_20_MB_RESPONSE ->
                raw = new RawHttpServer((request, socket, out) -> writeHuge(request, out, HUGE_BYTES));
            case ONE_STRING_OVER_20_M_CHARS ->
                raw = new RawHttpServer((request, socket, out) -> writeHuge(request, out, 20_000_000 + 1024));
            default -> throw new IllegalStateException("unhandled " + fault);
        }
        return raw != null ? raw.baseUrl() : wireMockBase;
    }

    private static String okBody(Targets target) {
        return switch (target) {
            case SYNC_CHAT -> CHAT_JSON;
            case EMBEDDINGS -> EMBEDDINGS_JSON;
            default -> SSE;
        };
    }

    private void stub(ResponseDefinitionBuilder response) {
        stub = wireMock.stubFor(post(urlPathMatching(rowPath + "/v1/.*")).willReturn(response));
    }

    private static ResponseDefinitionBuilder ok(String contentType, String body) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", contentType)
                .withBody(body);
    }

    private static ResponseDefinitionBuilder error(int status, String code, String message) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"" + message + "\",\"type\":\"x\",\"code\":\"" + code + "\"},"
                        + "\"request_id\":\"req-storm\"}");
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Each vector component is written as "0.1234567," (10 bytes): about 20 MB of JSON. */
    private static int hugeDimensions() {
        return 2_000_000;
    }

    /** Generates about 20 MB on the fly: one huge content string, 20,480 stream events of 1 KiB, or one huge vector. */
    private static void writeHuge(RawHttpServer.Request request, OutputStream out, int bytes) throws IOException {
        String path = request.requestLine().split(" ")[1];
        byte[] kib = "x".repeat(1024).getBytes(StandardCharsets.US_ASCII);
        if (path.endsWith("/embeddings")) {
            writeHead(out, 200, "application/json", -1);
            write(out, "{\"model\":\"text-embedding-v4\",\"data\":[{\"index\":0,\"embedding\":[");
            byte[] component = "0.1234567,".getBytes(StandardCharsets.US_ASCII);
            byte[] block = new byte[component.length * 1000];
            for (int i = 0; i < 1000; i++) {
                System.arraycopy(component, 0, block, i * component.length, component.length);
            }
            int dimensions = hugeDimensions();
            for (int i = 0; i < dimensions / 1000 - 1; i++) { // the last block is written without its last comma
                out.write(block);
            }
            out.write(block, 0, block.length - component.length);
            write(out, "0.5]}],\"usage\":{\"prompt_tokens\":1,\"total_tokens\":1}}");
        } else if (isStreaming(request)) {
            writeHead(out, 200, "text/event-stream", -1);
            byte[] prefix = "data: {\"id\":\"chatcmpl-r1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\""
                    .getBytes(StandardCharsets.US_ASCII);
            byte[] suffix = "\"}}]}\n\n".getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < bytes / 1024; i++) {
                out.write(prefix);
                out.write(kib);
                out.write(suffix);
            }
            write(
                    out,
                    "data: {\"id\":\"chatcmpl-r1\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}"
                            + "\n\ndata: [DONE]\n\n");
        } else {
            writeHead(out, 200, "application/json", -1);
            write(
                    out,
                    "{\"id\":\"chatcmpl-r1\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"");
            for (int i = 0; i < bytes / 1024; i++) {
                out.write(kib);
            }
            write(out, "\"},\"finish_reason\":\"stop\"}]}");
        }
        out.flush();
    }
}
