package io.github.qwenlangchain4j.testkit.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** An error as Qwen sends it: status plus the OpenAI-style body with {@code request_id}. */
public record QwenError(int status, String code, String type, String message) {

    public static QwenError invalidParameter(String message) {
        return new QwenError(400, "invalid_parameter_error", "invalid_request_error", message);
    }

    public String body(ObjectMapper json, String requestId) {
        ObjectNode root = json.createObjectNode();
        root.putObject("error").put("message", message).put("type", type).putNull("param").put("code", code);
        root.put("id", "chatcmpl-" + requestId);
        root.put("request_id", requestId);
        return root.toString();
    }
}
