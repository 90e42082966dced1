package io.github.qwenlangchain4j.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;

/**
 * Everything the mock serves, wired together, and its route table: the one place that lists every endpoint, the
 * family each belongs to (which decides the error bodies, the key's refusal included) and what a family answers to
 * a path or method it does not serve. Thread-safe.
 */
public final class MockApi {

    private static final String BASE = ResponsesApi.BASE_PATH;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ScriptedReplies replies = new ScriptedReplies();
    private final MockContextCache contextCache = new MockContextCache();
    private final MockFiles files;
    private final MockBatches batches;
    private final ChatEndpoint chat;
    private final ResponsesApi responses;
    private final MockRerank rerank = new MockRerank();
    private final RouteTable table;

    /**
     * The API behind one server.
     *
     * @param apiKey  the only key accepted
     * @param latency waited before answering the model's endpoints (not the Files and Batch APIs)
     */
    public MockApi(String apiKey, Duration latency) {
        this(apiKey, latency, false);
    }

    /**
     * The API behind one server.
     *
     * @param apiKey                           the only key accepted
     * @param latency                          waited before answering the model's endpoints
     * @param responsesCompletedWithoutOutput  whether Responses streams end with a {@code response.completed} whose
     *                                         {@code output} is empty, the items coming only in
     *                                         {@code response.output_item.done}
     */
    public MockApi(String apiKey, Duration latency, boolean responsesCompletedWithoutOutput) {
        responses = new ResponsesApi(replies, responsesCompletedWithoutOutput);
        MockClock clock = new MockClock();
        files = new MockFiles(clock);
        chat = new ChatEndpoint(new ChatRenderer(JSON, contextCache), files, replies);
        batches = new MockBatches(files, clock, this::runLine);
        table = new RouteTable(
                apiKey,
                latency,
                List.of(
                        new RouteTable.Group(
                                "rerank",
                                MockRerank.PATH::equals,
                                Dialect.DASHSCOPE,
                                List.of(Route.modelled("POST", MockRerank.PATH, rerank::rerank)),
                                ResponsesApi::unmatched),
                        new RouteTable.Group(
                                "compatible rerank",
                                MockRerank.COMPATIBLE_PATH::equals,
                                Dialect.COMPATIBLE,
                                List.of(Route.modelled("POST", MockRerank.COMPATIBLE_PATH, rerank::rerankCompatible)),
                                MockApi::noSuchEndpoint),
                        new RouteTable.Group(
                                "model list",
                                MockModelCatalog.PATH::equals,
                                Dialect.DASHSCOPE,
                                List.of(Route.of("GET", MockModelCatalog.PATH, MockModelCatalog::list)),
                                ResponsesApi::unmatched),
                        new RouteTable.Group(
                                "native embeddings",
                                NativeEmbeddingsEndpoint.PATH::equals,
                                Dialect.DASHSCOPE,
                                List.of(Route.modelled(
                                        "POST", NativeEmbeddingsEndpoint.PATH, NativeEmbeddingsEndpoint::embed)),
                                ResponsesApi::unmatched),
                        new RouteTable.Group(
                                "responses and conversations",
                                ResponsesApi::serves,
                                Dialect.DASHSCOPE,
                                responses.routes(),
                                ResponsesApi::unmatched),
                        new RouteTable.Group(
                                "files and batches",
                                path -> path.startsWith(BASE + "/files") || path.startsWith(BASE + "/batches"),
                                Dialect.COMPATIBLE,
                                List.of(
                                        Route.of("POST", BASE + "/files", files::upload),
                                        Route.of("GET", BASE + "/files", files::list),
                                        Route.of("GET", BASE + "/files/{id}", files::retrieve),
                                        Route.of("DELETE", BASE + "/files/{id}", files::delete),
                                        Route.of("GET", BASE + "/files/{id}/content", files::content),
                                        Route.of("POST", BASE + "/batches", batches::create),
                                        Route.of("GET", BASE + "/batches", batches::list),
                                        Route.of("GET", BASE + "/batches/{id}", batches::retrieve),
                                        Route.of("POST", BASE + "/batches/{id}/cancel", batches::cancel)),
                                MockApi::noSuchFilesEndpoint),
                        // Every other path is compatible mode's, whose errors an unknown path gets too.
                        new RouteTable.Group(
                                "chat and embeddings",
                                path -> true,
                                Dialect.COMPATIBLE,
                                List.of(
                                        Route.modelled("POST", BASE + "/chat/completions", chat::complete),
                                        Route.modelled("POST", BASE + "/embeddings", EmbeddingsEndpoint::embed)),
                                MockApi::noSuchEndpoint)));
    }

    /** The answer to one request. */
    public HttpReply serve(MockRequest request) {
        return table.serve(request);
    }

    /** Queues a scripted reply for the next request that takes one. */
    public void enqueue(ScriptedReplies.Script script) {
        replies.add(script);
    }

    /** The rerank endpoints, for the limits tests set. */
    public MockRerank rerank() {
        return rerank;
    }

    /** The Batch API, for what tests script. */
    public MockBatches batches() {
        return batches;
    }

    /**
     * Forgets queued replies, files, batches, stored responses, conversations, context-cache blocks and a rerank
     * token limit set by a test.
     */
    public void reset() {
        replies.clear();
        rerank.limitTokens(null);
        batches.reset();
        files.reset();
        contextCache.reset();
        responses.reset();
    }

    /** Runs one line of a batch with the logic of the endpoint it names. */
    private BatchLifecycle.Outcome runLine(String endpoint, JsonNode body, String requestId) {
        if (endpoint.endsWith("/embeddings")) {
            return EmbeddingsEndpoint.batchLine(body, requestId);
        }
        return endpoint.endsWith("/ds-test") ? chat.testLine(body, requestId) : chat.batchLine(body, requestId);
    }

    private static HttpReply noSuchFilesEndpoint(MockRequest request, boolean pathKnown) {
        return HttpReply.compatibleError(
                QwenError.request(
                        404,
                        "NotFound",
                        "No such endpoint: " + request.method() + " "
                                + request.path().substring(BASE.length())),
                request.requestId());
    }

    /** Compatible mode takes only POST: any other method is refused before the path is looked at. */
    private static HttpReply noSuchEndpoint(MockRequest request, boolean pathKnown) {
        return HttpReply.compatibleError(
                "POST".equals(request.method())
                        ? QwenError.request(404, "not_found", "No such endpoint: " + request.path())
                        : QwenError.request(405, "method_not_allowed", "Only POST is supported"),
                request.requestId());
    }
}
