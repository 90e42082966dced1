package io.github.qwenlangchain4j.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;

/**
 * The entry to the mock's Responses and Conversations APIs, under both base URLs Qwen has used: the chat base
 * {@code /compatible-mode/v1} (Qwen's current docs) and the legacy {@code /api/v2/apps/protocols/compatible-mode/v1}
 * (deprecated, still answering in probes). Every error is DashScope's flat {@code {request_id, code, message}}:
 * 401 {@code InvalidApiKey} "No API-key provided." / "Invalid API-key provided.", 405 "Method 'GET' is not allowed
 * for '...'." and 404 {@code Not Found} "Not support" for unknown paths (real probes in github.com/yobo2u/omugw).
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

    private final String apiKey;
    private final MockConversations conversations = new MockConversations();
    private final MockResponses responses;

    public ResponsesApi(String apiKey, Scripts scripts) {
        this.apiKey = apiKey;
        this.responses = new MockResponses(scripts, conversations);
    }

    /** Whether a request for this path is this API's. */
    public static boolean serves(String path) {
        if (path.equals(LEGACY_BASE_PATH) || path.startsWith(LEGACY_BASE_PATH + "/")) {
            return true;
        }
        String sub = path.startsWith(BASE_PATH) ? path.substring(BASE_PATH.length()) : "";
        return sub.equals("/responses") || sub.startsWith("/responses/") || sub.equals("/conversations")
                || sub.startsWith("/conversations/");
    }

    /** Forgets stored responses and conversations. */
    public void reset() {
        responses.reset();
        conversations.reset();
    }

    /**
     * Serves one request.
     *
     * @param method        the HTTP method
     * @param path          the full path
     * @param rawQuery      the query, or null
     * @param authorization the {@code Authorization} header, or null
     * @param sessionCache  the {@code x-dashscope-session-cache} header, or null
     * @param body          the body ("" for none)
     * @param requestId     the request id for error bodies
     * @return the answer
     */
    public HttpReply handle(String method, String path, String rawQuery, String authorization, String sessionCache,
                            String body, String requestId) {
        QwenError keyError = QwenError.flatKeyError(authorization, apiKey);
        if (keyError != null) {
            return HttpReply.error(keyError, requestId);
        }
        String sub = path.startsWith(LEGACY_BASE_PATH) ? path.substring(LEGACY_BASE_PATH.length())
                : path.substring(BASE_PATH.length());
        if (sub.endsWith("/") && sub.length() > 1) {
            sub = sub.substring(0, sub.length() - 1);
        }
        JsonNode request;
        try {
            request = body.isBlank() ? JsonNodeFactory.instance.objectNode() : JSON.readTree(body);
        } catch (IOException e) {
            return HttpReply.error(QwenError.flatInvalid("The request body is not valid JSON."), requestId);
        }
        if (sub.equals("/conversations") || sub.startsWith("/conversations/")) {
            return conversations.handle(method, path, sub, rawQuery, request, requestId);
        }
        if (!sub.equals("/responses") && !sub.startsWith("/responses/")) {
            return notSupported(requestId);
        }
        String[] segments = sub.substring(1).split("/", -1);
        if (segments.length == 1) {
            return "POST".equals(method) && request.isObject()
                    ? responses.create(request, "enable".equalsIgnoreCase(sessionCache), requestId)
                    : "POST".equals(method) ? HttpReply.error(QwenError.flatInvalid("The request body is not valid"
                    + " JSON."), requestId) : methodNotAllowed(method, path, requestId);
        }
        if (segments.length == 2 && !segments[1].isEmpty()) {
            return switch (method) {
                case "GET" -> responses.retrieve(segments[1], requestId);
                case "DELETE" -> responses.delete(segments[1], requestId);
                default -> methodNotAllowed(method, path, requestId);
            };
        }
        if (segments.length == 3 && "input_items".equals(segments[2])) {
            return "GET".equals(method) ? responses.inputItems(segments[1], rawQuery, requestId)
                    : methodNotAllowed(method, path, requestId);
        }
        return notSupported(requestId);
    }

    static HttpReply methodNotAllowed(String method, String path, String requestId) {
        return HttpReply.error(QwenError.flat(405, "Method Not Allowed",
                "Method '" + method + "' is not allowed for '" + path + "'."), requestId);
    }

    static HttpReply notSupported(String requestId) {
        return HttpReply.error(QwenError.flat(404, "Not Found", "Not support"), requestId);
    }
}
