package io.github.qwenlangchain4j.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The routes of the mock's Responses and Conversations APIs, under both base URLs Qwen has used: the chat base
 * {@code /compatible-mode/v1} (Qwen's current docs) and the legacy {@code /api/v2/apps/protocols/compatible-mode/v1}
 * (deprecated, still answering in probes). Every error is DashScope's flat {@code {request_id, code, message}}
 * ({@link Dialect#DASHSCOPE}): 405 "Method 'GET' is not allowed for '...'." and 404 {@code Not Found} "Not support"
 * for unknown paths (real probes in github.com/yobo2u/omugw).
 */
public final class ResponsesApi {

    /** The current base path, shared with chat. */
    public static final String BASE_PATH = "/compatible-mode/v1";

    /** The legacy base path of the Responses and Conversations APIs. */
    public static final String LEGACY_BASE_PATH = "/api/v2/apps/protocols/compatible-mode/v1";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where scripted replies come from: the server's queue. */
    public interface Scripts {

        /** The next queued reply, or null. */
        Scripted next();
    }

    /**
     * A queued reply, translated for this API.
     *
     * @param completion what to answer (text, thinking, tool calls), or null with an error
     * @param error      an error to answer with, or null
     * @param midStream  whether a stream gets the answer's text before the error ({@code response.failed})
     * @param drop       whether to drop the connection
     */
    public record Scripted(Completion completion, QwenError error, boolean midStream, boolean drop) {}

    private final MockConversations conversations = new MockConversations();
    private final MockResponses responses;

    public ResponsesApi(Scripts scripts) {
        this(scripts, false);
    }

    /**
     * @param scripts                 the queued replies
     * @param completedWithoutOutput  whether streams end with an empty {@code output} in {@code response.completed}
     */
    public ResponsesApi(Scripts scripts, boolean completedWithoutOutput) {
        this.responses = new MockResponses(scripts, conversations, completedWithoutOutput);
    }

    /** Whether a request for this path is this API's. */
    public static boolean serves(String path) {
        if (path.equals(LEGACY_BASE_PATH) || path.startsWith(LEGACY_BASE_PATH + "/")) {
            return true;
        }
        String sub = path.startsWith(BASE_PATH) ? path.substring(BASE_PATH.length()) : "";
        return sub.equals("/responses")
                || sub.startsWith("/responses/")
                || sub.equals("/conversations")
                || sub.startsWith("/conversations/");
    }

    /** Forgets stored responses and conversations. */
    public void reset() {
        responses.reset();
        conversations.reset();
    }

    /** Both APIs' routes under both base paths; all are modelled (they wait the server's latency). */
    public List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        for (String base : List.of(BASE_PATH, LEGACY_BASE_PATH)) {
            routes.add(Route.modelled(
                    "POST",
                    base + "/responses",
                    withBody((request, body) -> body.isObject()
                            ? responses.create(
                                    body,
                                    "enable".equalsIgnoreCase(request.header("x-dashscope-session-cache")),
                                    request.requestId())
                            : notJson(request))));
            routes.add(Route.modelled(
                    "GET",
                    base + "/responses/{id}",
                    request -> responses.retrieve(request.param("id"), request.requestId())));
            routes.add(Route.modelled(
                    "DELETE",
                    base + "/responses/{id}",
                    request -> responses.delete(request.param("id"), request.requestId())));
            routes.add(Route.modelled(
                    "GET",
                    base + "/responses/{id}/input_items",
                    request -> responses.inputItems(request.param("id"), request.rawQuery(), request.requestId())));
            routes.add(Route.modelled("POST", base + "/conversations", withBody(conversations::create)));
            routes.add(Route.modelled("GET", base + "/conversations/{id}", conversations::retrieve));
            routes.add(Route.modelled("POST", base + "/conversations/{id}", withBody(conversations::update)));
            routes.add(Route.modelled("DELETE", base + "/conversations/{id}", conversations::delete));
            routes.add(Route.modelled("POST", base + "/conversations/{id}/items", withBody(conversations::addItems)));
            routes.add(Route.modelled("GET", base + "/conversations/{id}/items", conversations::listItems));
            routes.add(Route.modelled("GET", base + "/conversations/{id}/items/{item}", conversations::retrieveItem));
            routes.add(Route.modelled("DELETE", base + "/conversations/{id}/items/{item}", conversations::deleteItem));
        }
        return routes;
    }

    /** The answer to a request no route takes: 405 for a known path, 404 "Not support" for any other. */
    public static HttpReply unmatched(MockRequest request, boolean pathKnown) {
        return HttpReply.flatError(
                pathKnown
                        ? QwenError.flat(
                                405,
                                "Method Not Allowed",
                                "Method '" + request.method() + "' is not allowed for '" + request.path() + "'.")
                        : QwenError.flat(404, "Not Found", "Not support"),
                request.requestId());
    }

    /** A handler given the body as JSON: none reads as {@code {}}, anything but JSON is refused. */
    private static Route.Handler withBody(BiFunction<MockRequest, JsonNode, HttpReply> handler) {
        return request -> {
            JsonNode body;
            try {
                body = request.body().isBlank() ? JsonNodeFactory.instance.objectNode() : JSON.readTree(request.body());
            } catch (IOException e) {
                return notJson(request);
            }
            return handler.apply(request, body);
        };
    }

    private static HttpReply notJson(MockRequest request) {
        return HttpReply.flatError(QwenError.flatInvalid("The request body is not valid JSON."), request.requestId());
    }
}
