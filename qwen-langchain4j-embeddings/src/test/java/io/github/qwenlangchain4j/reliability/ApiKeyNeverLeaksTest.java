package io.github.qwenlangchain4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.qwenlangchain4j.QwenChatModel;
import io.github.qwenlangchain4j.QwenChatRequestParameters;
import io.github.qwenlangchain4j.QwenStreamingChatModel;
import io.github.qwenlangchain4j.embedding.QwenEmbeddingModel;
import io.github.qwenlangchain4j.internal.client.QwenClient;
import io.github.qwenlangchain4j.internal.stream.HandlerBridge;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.slf4j.LoggerFactory;

/**
 * The API key never appears in logs (the library's loggers at TRACE, request and response logging on, OkHttp's
 * java.util.logging at ALL), in exception messages, causes or suppressed exceptions (including printed stack traces),
 * or in toString() of models and options, across successes and every kind of failure, for all three models.
 */
@Isolated // reads everything the library logs
class ApiKeyNeverLeaksTest {

    private static final String KEY = Targets.API_KEY;

    @Test
    void should_keep_the_key_out_of_logs_exceptions_and_to_string_at_every_level() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream originalErr = System.err;
        List<String> julRecords = new ArrayList<>();
        Handler julHandler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                julRecords.add(record.getLoggerName() + " " + record.getMessage() + " " + record.getThrown());
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger okhttp = Logger.getLogger("okhttp3");
        Level okhttpLevel = okhttp.getLevel();
        Map<org.slf4j.Logger, Integer> levels = traceLevel(QwenClient.class, HandlerBridge.class);
        okhttp.setLevel(Level.ALL);
        okhttp.addHandler(julHandler);
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8)); // slf4j-simple writes to System.err
        List<Throwable> failures = new ArrayList<>();
        List<String> toStrings = new ArrayList<>();
        try (RawHttpServer echo = new RawHttpServer((request, socket, out) -> {
            // A hostile server that echoes the Authorization header everywhere it can.
            String auth = request.header("Authorization");
            String path = request.requestLine().split(" ")[1];
            String body = new String(request.body(), StandardCharsets.UTF_8);
            if (body.contains("fail-401")) {
                String error = "{\"error\":{\"message\":\"Incorrect API key provided: " + auth + "\",\"code\":"
                        + "\"invalid_api_key\"},\"request_id\":\"" + auth + "\"}";
                RawHttpServer.writeHead(out, 401, "application/json", error.length());
                RawHttpServer.write(out, error);
            } else if (body.contains("fail-500")) {
                String error = "internal error for " + auth;
                RawHttpServer.writeHead(out, 500, "text/plain", error.length());
                RawHttpServer.write(out, error);
            } else if (body.contains("fail-malformed")) {
                String error = "{\"choices\":[{\"message\": \"" + auth;
                RawHttpServer.writeHead(out, 200, "application/json", error.length());
                RawHttpServer.write(out, error);
            } else if (RawHttpServer.isStreaming(request)) {
                RawHttpServer.writeHead(out, 200, "text/event-stream", -1);
                RawHttpServer.write(
                        out,
                        "data: {\"id\":\"chatcmpl-1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\""
                                + auth + "\"}}]}\n\n"
                                + (body.contains("fail-stream")
                                        ? "data: {\"error\":{\"code\":\"data_inspection_failed\",\"message\":\"" + auth
                                                + "\"}}\n\n"
                                        : "data: [DONE]\n\n"));
            } else if (path.endsWith("/embeddings")) {
                String ok = "{\"model\":\"" + auth + "\",\"data\":[{\"index\":0,\"embedding\":[0.1]}]}";
                RawHttpServer.writeHead(out, 200, "application/json", ok.length());
                RawHttpServer.write(out, ok);
            } else {
                String ok = FaultMatrixTest.CHAT_JSON.replace("Hello there", String.valueOf(auth));
                RawHttpServer.writeHead(out, 200, "application/json", ok.length());
                RawHttpServer.write(out, ok);
            }
        })) {
            int closedPort;
            try (ServerSocket socket = new ServerSocket(0)) {
                closedPort = socket.getLocalPort();
            }
            for (String baseUrl : List.of(echo.baseUrl(), "http://127.0.0.1:" + closedPort + "/v1")) {
                QwenChatModel chat = QwenChatModel.builder()
                        .apiKey(KEY)
                        .baseUrl(baseUrl)
                        .logRequests(true)
                        .logResponses(true)
                        .maxRetries(1)
                        .customHeaders(Map.of("X-DashScope-ApiKey", KEY))
                        .customParameters(Map.of("user", "someone"))
                        .build();
                QwenStreamingChatModel streaming = QwenStreamingChatModel.builder()
                        .apiKey(KEY)
                        .baseUrl(baseUrl)
                        .logRequests(true)
                        .logResponses(true)
                        .maxRetries(1)
                        .build();
                QwenEmbeddingModel embeddings = QwenEmbeddingModel.builder()
                        .apiKey(KEY)
                        .baseUrl(baseUrl)
                        .logRequests(true)
                        .logResponses(true)
                        .maxRetries(1)
                        .build();
                toStrings.add(chat.toString());
                toStrings.add(streaming.toString());
                toStrings.add(embeddings.toString());
                toStrings.add(chat.defaultRequestParameters().toString());
                for (String prompt : List.of("ok", "fail-401", "fail-500", "fail-malformed", "fail-stream")) {
                    capture(failures, () -> chat.chat(prompt));
                    capture(failures, () -> embeddings.embed(prompt));
                    Targets.CountingHandler handler = new Targets.CountingHandler();
                    streaming.chat(prompt, handler);
                    handler.await(Duration.ofSeconds(10));
                    if (handler.error.get() != null) {
                        failures.add(handler.error.get());
                    }
                }
            }
            // A read timeout, too.
            try (RawHttpServer silent = new RawHttpServer((request, socket, out) -> Thread.sleep(30_000))) {
                capture(
                        failures,
                        () -> QwenChatModel.builder()
                                .apiKey(KEY)
                                .baseUrl(silent.baseUrl())
                                .timeout(Duration.ofMillis(200))
                                .maxRetries(0)
                                .logRequests(true)
                                .logResponses(true)
                                .build()
                                .chat("hello"));
            }
        } finally {
            System.setErr(originalErr);
            okhttp.removeHandler(julHandler);
            okhttp.setLevel(okhttpLevel);
            restore(levels);
        }
        toStrings.add(QwenChatRequestParameters.builder()
                .modelName("qwen-plus")
                .build()
                .toString());

        String logs = captured.toString(StandardCharsets.UTF_8);
        assertThat(logs)
                .as("the logging really ran")
                .contains("Request:")
                .contains("Response:")
                .contains("Stream event:")
                .contains("Bearer ***");
        assertThat(logs).doesNotContain(KEY);
        assertThat(String.join("\n", julRecords)).doesNotContain(KEY);
        assertThat(toStrings).allSatisfy(text -> assertThat(text).doesNotContain(KEY));
        assertThat(failures).as("failures seen").hasSizeGreaterThanOrEqualTo(20);
        for (Throwable failure : failures) {
            for (Throwable t : causesAndSuppressed(failure)) {
                assertThat(t.getMessage()).doesNotContain(KEY);
                assertThat(t.toString()).doesNotContain(KEY);
            }
            StringWriter trace = new StringWriter();
            failure.printStackTrace(new PrintWriter(trace));
            assertThat(trace.toString()).doesNotContain(KEY);
        }
    }

    private static void capture(List<Throwable> failures, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            failures.add(e);
        }
    }

    private static Set<Throwable> causesAndSuppressed(Throwable root) {
        Set<Throwable> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> todo = new ArrayList<>(List.of(root));
        while (!todo.isEmpty()) {
            Throwable t = todo.remove(todo.size() - 1);
            if (t != null && seen.add(t)) {
                todo.add(t.getCause());
                todo.addAll(List.of(t.getSuppressed()));
            }
        }
        return seen;
    }

    /** slf4j-simple fixes levels at start-up; this test lowers the library's loggers to TRACE and back. */
    private static Map<org.slf4j.Logger, Integer> traceLevel(Class<?>... classes) throws Exception {
        Map<org.slf4j.Logger, Integer> previous = new java.util.HashMap<>();
        for (Class<?> type : classes) {
            org.slf4j.Logger logger = LoggerFactory.getLogger(type);
            Field level = levelField(logger);
            previous.put(logger, level.getInt(logger));
            level.setInt(logger, 0); // LocationAwareLogger.TRACE_INT
            assertThat(logger.isTraceEnabled()).isTrue();
        }
        return previous;
    }

    private static void restore(Map<org.slf4j.Logger, Integer> levels) throws Exception {
        for (Map.Entry<org.slf4j.Logger, Integer> entry : levels.entrySet()) {
            levelField(entry.getKey()).setInt(entry.getKey(), entry.getValue());
        }
    }

    private static Field levelField(org.slf4j.Logger logger) throws NoSuchFieldException {
        Field field = logger.getClass().getDeclaredField("currentLogLevel");
        field.setAccessible(true);
        return field;
    }
}
