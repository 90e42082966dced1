package io.github.qwenlangchain4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.qwenlangchain4j.testkit.internal.ChatRenderer;
import io.github.qwenlangchain4j.testkit.internal.Completion;
import io.github.qwenlangchain4j.testkit.internal.DaemonStart;
import io.github.qwenlangchain4j.testkit.internal.DefaultReplies;
import io.github.qwenlangchain4j.testkit.internal.EmbeddingsRenderer;
import io.github.qwenlangchain4j.testkit.internal.HttpReply;
import io.github.qwenlangchain4j.testkit.internal.MockBatches;
import io.github.qwenlangchain4j.testkit.internal.MockContextCache;
import io.github.qwenlangchain4j.testkit.internal.MockRerank;
import io.github.qwenlangchain4j.testkit.internal.QwenError;
import io.github.qwenlangchain4j.testkit.internal.QwenRules;
import io.github.qwenlangchain4j.testkit.internal.ResponsesApi;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An offline stand-in for Qwen's compatible-mode API on a free loopback port: {@code /chat/completions} (JSON and
 * SSE, with reasoning chunks when thinking and tool-call fragments shaped like Qwen's) and {@code /embeddings}
 * (deterministic vectors derived from the words of each text). It refuses what Qwen refuses, with Qwen's error
 * bodies: a missing or wrong key, {@code tool_choice: "required"}, JSON mode or a forced tool while the model thinks
 * (it knows which models think by default and which only think), {@code enable_thinking: false} on a thinking-only
 * model, too many embedding inputs, an invalid dimension, a non-streaming call to a stream-only model or to an
 * open-weight hybrid while it thinks. A refused streaming request gets its 400 as an SSE event, as on Qwen.
 *
 * <p>Qwen-only chat features work offline too: explicit context-cache markers ({@code cache_control}, and on Qwen4
 * models also {@code prompt_cache_breakpoint: {"mode": "explicit"}}) create and hit cache blocks of 1,024 tokens or
 * more, reported in the usage; a Qwen-Omni request with
 * {@code modalities: ["text","audio"]} streams its answer's audio as {@code delta.audio} chunks (16-bit PCM, 24 kHz);
 * documents uploaded with purpose {@code file-extract} are parsed in two look-ups, and chats referencing them
 * ({@code fileid://} system messages) are refused while they are not processed and answered with their names and
 * first words once they are.
 *
 * <p>It also serves the Files and Batch APIs ({@code /files}, {@code /batches}): uploaded JSONL files are kept in
 * memory, and a batch moves one step per {@code GET /batches/{id}} (no timers): validating, in progress (twice: half
 * the lines run each time), finalizing, completed, each line run by the chat or embeddings logic above, with output
 * and error files to download. {@link #failBatch}, {@link #expireBatch} and {@link #failBatchLine} script the rest.
 *
 * <p>And it serves the Responses and Conversations APIs, under the chat base URL ({@link #responsesBaseUrl()}) and
 * the legacy one ({@link #legacyResponsesBaseUrl()}): {@code POST /responses} as JSON or as Qwen's event stream
 * (function calls, reasoning items, offline runs of the built-in tools), stored responses for
 * {@code previous_response_id}, {@code GET}/{@code DELETE /responses/{id}}, {@code /responses/{id}/input_items},
 * and conversations with their items, with Qwen's flat error bodies and messages.
 *
 * <p>And DashScope's native text rerank endpoint, {@code /api/v1/services/rerank/text-rerank/text-rerank} on the
 * same host (models given the compatible-mode {@link #baseUrl()} map it there): relevance by word overlap between
 * query and document, with Qwen's refusals of an unknown model and of an empty or too long document list.
 *
 * <pre>{@code
 * try (QwenMockServer server = QwenMockServer.start()) {
 *     server.enqueue(MockReply.text("Hello from the mock"));
 *     ChatModel model = QwenChatModel.builder().apiKey(server.apiKey()).baseUrl(server.baseUrl()).build();
 *     assertThat(model.chat("hi")).isEqualTo("Hello from the mock");
 *     assertThat(server.requests()).hasSize(1);
 * }
 * }</pre>
 *
 * <p>Queued replies ({@link #enqueue}) answer chat requests in order; when none is queued, the default reply says
 * it is offline and echoes the question and context it received, calls the first offered tool (with numbers from the
 * question) so tool loops run, and answers structured-output requests with JSON that fits their schema. Its threads
 * are daemon threads: a program that forgets to close it still exits. Thread-safe.
 */
public final class QwenMockServer implements AutoCloseable {

    static {
        // The JDK server writes headers and body separately; with Nagle's algorithm on, each small response then
        // waits ~40 ms for the client's delayed ACK. Read once, when the JDK's server classes first load.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /** The key {@link #start()} accepts. Any other key gets 401 {@code invalid_api_key}, as on Qwen. */
    public static final String DEFAULT_API_KEY = "sk-qwen-mock-offline";

    private static final String BASE_PATH = "/compatible-mode/v1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;
    private final String apiKey;
    private final Duration latency;
    private final MockContextCache contextCache = new MockContextCache();
    private final ChatRenderer renderer = new ChatRenderer(JSON, contextCache);
    private final Queue<MockReply> replies = new ConcurrentLinkedQueue<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final MockBatches batches = new MockBatches(JSON, this::executeBatchLine);
    private final ResponsesApi responsesApi;
    private final MockRerank rerank;

    private QwenMockServer(Builder builder) {
        this.apiKey = builder.apiKey;
        this.latency = builder.latency;
        this.responsesApi = new ResponsesApi(apiKey, this::nextResponsesReply);
        this.rerank = new MockRerank(apiKey);
        this.executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "qwen-mock-server");
            thread.setDaemon(true);
            return thread;
        });
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), builder.port), 128);
        } catch (IOException e) {
            throw new UncheckedIOException("QwenMockServer could not bind to a loopback port", e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        DaemonStart.start(server);
    }

    /**
     * Starts a server on a free loopback port that accepts {@link #DEFAULT_API_KEY}.
     *
     * @return the running server; close it when done
     */
    public static QwenMockServer start() {
        return builder().start();
    }

    /**
     * A builder for a server with another key, a latency or a fixed port.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The compatible-mode base URL to give a model's {@code baseUrl(...)}.
     *
     * @return e.g. {@code http://127.0.0.1:54321/compatible-mode/v1}
     */
    public String baseUrl() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort()
                + BASE_PATH;
    }

    /**
     * The base URL of the Responses and Conversations APIs, which Qwen now serves under the chat base URL
     * ({@code {base}/responses}, {@code {base}/conversations}).
     *
     * @return the same as {@link #baseUrl()}
     */
    public String responsesBaseUrl() {
        return baseUrl();
    }

    /**
     * The legacy base URL of the Responses and Conversations APIs, which Qwen deprecated but still answers; the
     * mock serves the same there.
     *
     * @return e.g. {@code http://127.0.0.1:54321/api/v2/apps/protocols/compatible-mode/v1}
     */
    public String legacyResponsesBaseUrl() {
        return baseUrl().substring(0, baseUrl().length() - BASE_PATH.length()) + ResponsesApi.LEGACY_BASE_PATH;
    }

    /**
     * The API key this server accepts.
     *
     * @return the key
     */
    public String apiKey() {
        return apiKey;
    }

    /**
     * Queues a reply for the next chat or Responses request that Qwen would serve (refused requests do not take
     * one). A Responses request gets the text as its message, the thinking as a reasoning item, the tool calls as
     * function calls, and errors in the flat {@code {request_id, code, message}} body ({@code response.failed}
     * after the text for a mid-stream error).
     *
     * @param reply the reply
     * @return this server, for chaining
     */
    public QwenMockServer enqueue(MockReply reply) {
        replies.add(reply);
        return this;
    }

    /**
     * Every request received so far, oldest first (including refused ones).
     *
     * @return an immutable snapshot
     */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /**
     * The most requests that were being served at the same time.
     *
     * @return the peak since start or the last {@link #reset()}
     */
    public int maxConcurrentRequests() {
        return maxInFlight.get();
    }

    /**
     * Forgets received requests and queued replies (and files, batches, stored responses, conversations and
     * context-cache blocks).
     */
    public void reset() {
        requests.clear();
        replies.clear();
        maxInFlight.set(0);
        batches.reset();
        contextCache.reset();
        responsesApi.reset();
    }

    /**
     * The ids of the batches created so far, oldest first.
     *
     * @return the ids
     */
    public List<String> batchIds() {
        return batches.batchIds();
    }

    /**
     * Makes a batch fail at its next poll with this batch-level error, as a failed validation would.
     *
     * @param batchId the batch
     * @param code    the error code of the batch's {@code errors}
     * @param message the error message
     * @return this server, for chaining
     */
    public QwenMockServer failBatch(String batchId, String code, String message) {
        batches.failBatch(batchId, code, message);
        return this;
    }

    /**
     * Makes a batch expire at its next poll: lines run so far keep their results, the others never run.
     *
     * @param batchId the batch
     * @return this server, for chaining
     */
    public QwenMockServer expireBatch(String batchId) {
        batches.expireBatch(batchId);
        return this;
    }

    /**
     * Makes every batch line with this {@code custom_id} fail with this status and error (in its batch's error file),
     * in batches that run from now on.
     *
     * @param customId the {@code custom_id} of the lines to fail
     * @param status   the status of the line's response
     * @param code     the error code
     * @param message  the error message
     * @return this server, for chaining
     */
    public QwenMockServer failBatchLine(String customId, int status, String code, String message) {
        batches.failLine(customId, status, code, message);
        return this;
    }

    /** Stops the server and frees its port and threads. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(record(exchange, body));
            String requestId = UUID.randomUUID().toString();
            exchange.getResponseHeaders().add("x-request-id", requestId);
            String path = exchange.getRequestURI().getPath();
            if (MockRerank.PATH.equals(path)) {
                pause(latency);
                write(exchange, rerank.handle(exchange.getRequestMethod(),
                        exchange.getRequestHeaders().getFirst("Authorization"), body, requestId));
                return;
            }
            if (ResponsesApi.serves(path)) {
                pause(latency);
                write(exchange, responsesApi.handle(exchange.getRequestMethod(), path,
                        exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders().getFirst("Authorization"),
                        exchange.getRequestHeaders().getFirst("x-dashscope-session-cache"), body, requestId));
                return;
            }
            if (path.startsWith(BASE_PATH + "/files") || path.startsWith(BASE_PATH + "/batches")) {
                QwenError authError = checkKey(exchange.getRequestHeaders().getFirst("Authorization"));
                if (authError != null) {
                    sendError(exchange, authError, requestId);
                    return;
                }
                MockBatches.Reply reply = batches.handle(exchange.getRequestMethod(), path.substring(BASE_PATH.length()),
                        exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders().getFirst("Content-Type"),
                        body, requestId);
                send(exchange, reply.status(), reply.contentType(), reply.body());
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                sendError(exchange, new QwenError(405, "method_not_allowed", "invalid_request_error",
                        "Only POST is supported"), requestId);
                return;
            }
            QwenError authError = checkKey(exchange.getRequestHeaders().getFirst("Authorization"));
            if (authError != null) {
                sendError(exchange, authError, requestId);
                return;
            }
            JsonNode request;
            try {
                request = JSON.readTree(body);
            } catch (IOException e) {
                sendError(exchange, QwenError.invalidParameter("The request body is not valid JSON."), requestId);
                return;
            }
            pause(latency);
            switch (path) {
                case BASE_PATH + "/chat/completions" -> chat(exchange, request, requestId);
                case BASE_PATH + "/embeddings" -> embeddings(exchange, request, requestId);
                default -> sendError(exchange, new QwenError(404, "not_found", "invalid_request_error",
                        "No such endpoint: " + path), requestId);
            }
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private QwenError checkKey(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ") || authorization.substring(7).isBlank()) {
            return new QwenError(401, "invalid_api_key", "invalid_request_error",
                    "You didn't provide an API key. You need to provide your API key in an Authorization header using"
                            + " Bearer auth (i.e. Authorization: Bearer YOUR_KEY).");
        }
        if (!authorization.substring(7).equals(apiKey)) {
            return new QwenError(401, "invalid_api_key", "invalid_request_error", "Incorrect API key provided. ");
        }
        return null;
    }

    private void chat(HttpExchange exchange, JsonNode request, String requestId) throws IOException {
        boolean stream = request.path("stream").asBoolean(false);
        QwenError refusal = QwenRules.checkChat(request);
        MockBatches.DocumentCheck documents = batches.readDocuments(request);
        refusal = refusal != null ? refusal : documents.refusal();
        if (refusal != null) {
            sendRefusal(exchange, refusal, requestId, stream);
            return;
        }
        MockReply reply = replies.poll();
        if (reply != null) {
            pause(reply.delay);
        }
        if (reply != null && reply.kind == MockReply.Kind.DROP_CONNECTION) {
            return; // closing the exchange without a response drops the connection
        }
        if (reply != null && (reply.kind == MockReply.Kind.ERROR
                || (reply.kind == MockReply.Kind.STREAM_ERROR && !stream))) {
            QwenError error = new QwenError(reply.status, reply.code, "invalid_request_error", reply.message);
            if (reply.nativeShape) {
                send(exchange, error.status(), "application/json", error.nativeBody(JSON, requestId));
            } else {
                sendRefusal(exchange, error, requestId, stream);
            }
            return;
        }
        Completion completion = reply == null
                ? DefaultReplies.replyTo(request, "call_" + requestId.replace("-", "").substring(0, 24),
                        documents.documents())
                : toCompletion(reply);
        if (!stream) {
            send(exchange, 200, "application/json", renderer.completion(completion, request, requestId));
            return;
        }
        String error = null;
        if (reply != null && reply.kind == MockReply.Kind.STREAM_ERROR) {
            QwenError inStream = new QwenError(reply.status, reply.code, reply.code, reply.message);
            error = reply.nativeShape ? inStream.nativeBody(JSON, requestId) : inStream.body(JSON, requestId);
        }
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream;charset=UTF-8");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        for (String chunk : renderer.chunks(completion, request, requestId, error)) {
            out.write(("data: " + chunk + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
        if (error == null) {
            out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        }
        out.flush();
    }

    private static Completion toCompletion(MockReply reply) {
        List<Completion.Call> calls = new ArrayList<>();
        for (MockReply.ToolCall call : reply.toolCalls) {
            calls.add(new Completion.Call("call_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24),
                    call.name(), call.argumentsJson()));
        }
        return new Completion(reply.thinking, reply.text, calls);
    }

    /** The next queued reply as the Responses API uses it; its delay is waited here. */
    private ResponsesApi.Scripted nextResponsesReply() {
        MockReply reply = replies.poll();
        if (reply == null) {
            return null;
        }
        pause(reply.delay);
        return switch (reply.kind) {
            case DROP_CONNECTION -> new ResponsesApi.Scripted(null, null, false, true);
            case ERROR -> new ResponsesApi.Scripted(null, QwenError.flat(reply.status, reply.code, reply.message),
                    false, false);
            case STREAM_ERROR -> new ResponsesApi.Scripted(toCompletion(reply),
                    QwenError.flat(reply.status, reply.code, reply.message), true, false);
            default -> new ResponsesApi.Scripted(toCompletion(reply), null, false, false);
        };
    }

    private static void write(HttpExchange exchange, HttpReply reply) throws IOException {
        if (reply.drop()) {
            return; // closing the exchange without a response drops the connection
        }
        if (!reply.isStream()) {
            send(exchange, reply.status(), reply.contentType(), reply.parts().get(0));
            return;
        }
        exchange.getResponseHeaders().add("Content-Type", reply.contentType());
        exchange.sendResponseHeaders(reply.status(), 0);
        OutputStream out = exchange.getResponseBody();
        for (String part : reply.parts()) {
            out.write(part.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    private void embeddings(HttpExchange exchange, JsonNode request, String requestId) throws IOException {
        QwenError refusal = QwenRules.checkEmbeddings(request);
        if (refusal != null) {
            sendError(exchange, refusal, requestId);
            return;
        }
        send(exchange, 200, "application/json", EmbeddingsRenderer.body(JSON, request, requestId));
    }

    /**
     * Runs one line of a batch as the endpoint would, without streaming: Qwen's batch engine runs thinking models
     * too, so only the refusals that do not concern streaming apply. Queued chat replies are used, in order.
     */
    private MockBatches.Outcome executeBatchLine(String endpoint, JsonNode body, String requestId) {
        QwenError refusal;
        if (endpoint.endsWith("/embeddings")) {
            refusal = QwenRules.checkEmbeddings(body);
            return refusal != null ? new MockBatches.Outcome(refusal.status(), refusal.body(JSON, requestId))
                    : new MockBatches.Outcome(200, EmbeddingsRenderer.body(JSON, body, requestId));
        }
        if (endpoint.endsWith("/ds-test")) {
            return new MockBatches.Outcome(200, renderer.completion(
                    new Completion(null, "This is a test result.", List.of()), body, requestId));
        }
        refusal = QwenRules.checkChat(((ObjectNode) body.deepCopy()).put("stream", true));
        if (refusal != null) {
            return new MockBatches.Outcome(refusal.status(), refusal.body(JSON, requestId));
        }
        MockReply reply = replies.poll();
        if (reply != null && (reply.kind == MockReply.Kind.ERROR || reply.kind == MockReply.Kind.STREAM_ERROR)) {
            QwenError error = new QwenError(reply.status, reply.code, "invalid_request_error", reply.message);
            return new MockBatches.Outcome(error.status(), error.body(JSON, requestId));
        }
        Completion completion = reply == null || reply.kind == MockReply.Kind.DROP_CONNECTION
                ? DefaultReplies.replyTo(body, "call_" + requestId.replace("-", "").substring(0, 24))
                : toCompletion(reply);
        return new MockBatches.Outcome(200, renderer.completion(completion, body, requestId));
    }

    private static RecordedRequest record(HttpExchange exchange, String body) {
        Map<String, List<String>> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        return new RecordedRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers, body);
    }

    /**
     * A refused chat request. A refused stream request gets its 400 as an SSE event ({@code data: {"error": ...}}),
     * as compatible mode sends it; everything else the JSON body.
     */
    private static void sendRefusal(HttpExchange exchange, QwenError error, String requestId, boolean stream)
            throws IOException {
        if (stream && error.status() == 400) {
            send(exchange, 400, "text/event-stream;charset=UTF-8", error.sseBody(JSON, requestId));
        } else {
            sendError(exchange, error, requestId);
        }
    }

    private static void sendError(HttpExchange exchange, QwenError error, String requestId) throws IOException {
        send(exchange, error.status(), "application/json", error.body(JSON, requestId));
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void pause(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Builder of {@link QwenMockServer}. */
    public static final class Builder {

        private String apiKey = DEFAULT_API_KEY;
        private Duration latency = Duration.ZERO;
        private int port;

        private Builder() {}

        /**
         * The key the server accepts; default {@link #DEFAULT_API_KEY}.
         *
         * @param apiKey a non-blank key
         * @return this builder
         */
        public Builder apiKey(String apiKey) {
            if (apiKey == null || apiKey.isBlank()) {
                throw new IllegalArgumentException("apiKey must not be blank");
            }
            this.apiKey = apiKey;
            return this;
        }

        /**
         * A delay before every answer, to model the network and the model (benchmarks use 100 ms).
         *
         * @param latency zero (the default) or more
         * @return this builder
         */
        public Builder latency(Duration latency) {
            if (latency == null || latency.isNegative()) {
                throw new IllegalArgumentException("latency must be zero or positive");
            }
            this.latency = latency;
            return this;
        }

        /**
         * A fixed port; default 0, a free one.
         *
         * @param port the loopback port to bind
         * @return this builder
         */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * Starts the server.
         *
         * @return the running server; close it when done
         */
        public QwenMockServer start() {
            return new QwenMockServer(this);
        }
    }
}
