package io.github.qwenlangchain4j.testkit;

import io.github.qwenlangchain4j.testkit.internal.JdkHttpTransport;
import io.github.qwenlangchain4j.testkit.internal.MockApi;
import io.github.qwenlangchain4j.testkit.internal.MockRequest;
import io.github.qwenlangchain4j.testkit.internal.ResponsesApi;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An offline stand-in for Qwen's compatible-mode API on a free loopback port: {@code /chat/completions} (JSON and
 * SSE, with reasoning chunks when thinking and tool-call fragments shaped like Qwen's) and {@code /embeddings}
 * (deterministic vectors derived from the words of each text). It refuses what Qwen refuses, with Qwen's error
 * bodies: a missing or wrong key, {@code tool_choice: "required"}, JSON mode or a forced tool while the model thinks
 * (it knows which models think by default and which only think), {@code enable_thinking: false} on a thinking-only
 * model, too many embedding inputs, an invalid dimension, a non-streaming call to a stream-only model or to an
 * open-weight hybrid while it thinks. A refused streaming request gets its 400 as an SSE event, as on Qwen.
 *
 * <p>It also serves Qwen-only chat features (explicit context cache, Qwen-Omni audio, Qwen-Long documents), the
 * Files and Batch APIs, the Responses and Conversations APIs, both rerank endpoints (OpenAI-compatible and native)
 * and DashScope's native text embedding endpoint: the {@linkplain io.github.qwenlangchain4j.testkit package
 * documentation} lists what each does offline.
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

    /** The key {@link #start()} accepts. Any other key gets 401 {@code invalid_api_key}, as on Qwen. */
    public static final String DEFAULT_API_KEY = "sk-qwen-mock-offline";

    private static final String BASE_PATH = ResponsesApi.BASE_PATH;

    private final String apiKey;
    private final MockApi api;
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final JdkHttpTransport transport;

    private QwenMockServer(Builder builder) {
        this.apiKey = builder.apiKey;
        this.api = new MockApi(apiKey, builder.latency, builder.responsesCompletedWithoutOutput);
        this.transport = JdkHttpTransport.start(builder.port, request -> {
            requests.add(record(request));
            return api.serve(request);
        });
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
        return "http://" + transport.address().getAddress().getHostAddress() + ":"
                + transport.address().getPort() + BASE_PATH;
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
        api.enqueue(reply.script());
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
        return transport.peak();
    }

    /**
     * Forgets received requests and queued replies (and files, batches, stored responses, conversations,
     * context-cache blocks and a {@linkplain #limitRerankTokens rerank token limit}).
     */
    public void reset() {
        requests.clear();
        transport.resetPeak();
        api.reset();
    }

    /**
     * The ids of the batches created so far, oldest first.
     *
     * @return the ids
     */
    public List<String> batchIds() {
        return api.batches().batchIds();
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
        api.batches().failBatch(batchId, code, message);
        return this;
    }

    /**
     * Makes a batch expire at its next poll: lines run so far keep their results, the others never run.
     *
     * @param batchId the batch
     * @return this server, for chaining
     */
    public QwenMockServer expireBatch(String batchId) {
        api.batches().expireBatch(batchId);
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
        api.batches().failLine(customId, status, code, message);
        return this;
    }

    /**
     * Makes both rerank endpoints refuse a request whose {@code query tokens x documents + document tokens} exceed
     * {@code tokensPerRequest} (the mock counts one token per four characters, each item at most its model's
     * per-item limit), with a 400 {@code InvalidParameter} as Qwen refuses a request over its per-request limit;
     * by default the model's smallest documented limit applies. {@link #reset()} restores it.
     *
     * @param tokensPerRequest at least 1
     * @return this server, for chaining
     */
    public QwenMockServer limitRerankTokens(int tokensPerRequest) {
        if (tokensPerRequest < 1) {
            throw new IllegalArgumentException("tokensPerRequest must be at least 1, but was " + tokensPerRequest);
        }
        api.rerank().limitTokens(tokensPerRequest);
        return this;
    }

    /** Stops the server and frees its port and threads. */
    @Override
    public void close() {
        transport.close();
    }

    private static RecordedRequest record(MockRequest request) {
        return new RecordedRequest(request.method(), request.path(), request.headers(), request.body());
    }

    /** Builder of {@link QwenMockServer}. */
    public static final class Builder {

        private String apiKey = DEFAULT_API_KEY;
        private Duration latency = Duration.ZERO;
        private int port;
        private boolean responsesCompletedWithoutOutput;

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
         * Ends every Responses API stream with a {@code response.completed} whose {@code output} is empty, the items
         * (messages, built-in tool calls with their sources, function calls) coming only in
         * {@code response.output_item.done}, as some real streams do (Qwen's own web_search_image example ends with
         * {@code "output": []}). Default false: the completed event lists the whole output.
         *
         * @param completedWithoutOutput true to leave the completed event's output empty
         * @return this builder
         */
        public Builder responsesCompletedWithoutOutput(boolean completedWithoutOutput) {
            this.responsesCompletedWithoutOutput = completedWithoutOutput;
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
