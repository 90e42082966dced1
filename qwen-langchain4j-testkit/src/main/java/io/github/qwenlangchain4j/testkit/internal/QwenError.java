package io.github.qwenlangchain4j.testkit.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An error as Qwen sends it: status plus the OpenAI-style body with {@code request_id}; or, for DashScope's native
 * codes ({@code Throttling.RateQuota}, {@code DataInspectionFailed}, ...), the flat {@code {"code", "message",
 * "request_id"}} body.
 */
public record QwenError(int status, String code, String type, String message) {

    /** An error of compatible mode with the {@code invalid_request_error} type its bodies carry. */
    public static QwenError request(int status, String code, String message) {
        return new QwenError(status, code, "invalid_request_error", message);
    }

    public static QwenError invalidParameter(String message) {
        return new QwenError(400, "invalid_parameter_error", "invalid_request_error", message);
    }

    /**
     * An error of the Responses and Conversations APIs, which always answer with the flat native body
     * ({@link #nativeBody}); {@code code} is a code ({@code InvalidParameter}) or an HTTP reason phrase.
     */
    public static QwenError flat(int status, String code, String message) {
        return new QwenError(status, code, null, message);
    }

    /** A 400 {@code InvalidParameter} of the Responses and Conversations APIs. */
    public static QwenError flatInvalid(String message) {
        return flat(400, "InvalidParameter", message);
    }

    /** The flat native body: {@code {"code": ..., "message": ..., "request_id": ...}}. */
    public String nativeBody(ObjectMapper json, String requestId) {
        ObjectNode root = json.createObjectNode();
        root.put("code", code).put("message", message).put("request_id", requestId);
        return root.toString();
    }

    /**
     * The body of a refused streaming request: compatible mode answers it with an SSE event rather than JSON,
     * {@code data: {"error": {...}, "id": "chatcmpl-..."}} and no {@code request_id} (seen in openai-node's
     * "400 data: {...}" errors and OpenRouter's provider-error logs of Qwen).
     */
    public String sseBody(ObjectMapper json, String requestId) {
        ObjectNode root = json.createObjectNode();
        root.putObject("error")
                .put("code", code)
                .putNull("param")
                .put("message", message)
                .put("type", type);
        root.put("id", "chatcmpl-" + requestId);
        return "data: " + root + "\n\n";
    }

    public String body(ObjectMapper json, String requestId) {
        ObjectNode root = json.createObjectNode();
        root.putObject("error")
                .put("message", message)
                .put("type", type)
                .putNull("param")
                .put("code", code);
        root.put("id", "chatcmpl-" + requestId);
        root.put("request_id", requestId);
        return root.toString();
    }
}
