package io.github.qwenlangchain4j.testkit.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * DashScope's native text embedding API ({@code POST /api/v1/services/embeddings/text-embedding/text-embedding}), the
 * one that takes {@code parameters.text_type} ({@code query} or {@code document}; compatible mode has no such field):
 * {@code {"model", "input": {"texts": [...]}, "parameters": {"dimension", "text_type"}}} answered with
 * {@code {"output": {"embeddings": [{"embedding", "text_index"}]}, "usage": {"total_tokens"}, "request_id"}}, after
 * docs.qwencloud.com/api-reference/text-embedding/dashscope-embedding. The same checks and deterministic vectors as
 * compatible mode's {@code /embeddings} (the mock does not model how a query's vector differs from a document's);
 * errors are DashScope's flat {@code {"code", "message", "request_id"}} bodies.
 */
final class NativeEmbeddingsEndpoint {

    static final String PATH = "/api/v1/services/embeddings/text-embedding/text-embedding";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TEXT_TYPES = Set.of("query", "document");

    private NativeEmbeddingsEndpoint() {}

    /** Serves one {@code POST} to {@link #PATH}. */
    static HttpReply embed(MockRequest http) {
        String requestId = http.requestId();
        JsonNode request = http.json();
        if (request == null) {
            return HttpReply.flatError(QwenError.flatInvalid("The request body is not valid JSON."), requestId);
        }
        JsonNode parameters = request.path("parameters");
        String textType = parameters.path("text_type").asText("document");
        if (!TEXT_TYPES.contains(textType)) {
            return HttpReply.flatError(
                    QwenError.flatInvalid("text_type should be one of [query, document]: parameters.text_type"),
                    requestId);
        }
        // the compatible-mode request these fields amount to, to share its checks and vectors
        ObjectNode compatible = JSON.createObjectNode();
        compatible.put("model", request.path("model").asText(""));
        compatible.set("input", request.path("input").path("texts"));
        if (parameters.has("dimension")) {
            compatible.set("dimensions", parameters.get("dimension"));
        }
        QwenError refusal = QwenRules.checkEmbeddings(compatible);
        if (refusal != null) {
            return HttpReply.flatError(QwenError.flatInvalid(refusal.message()), requestId);
        }
        JsonNode data = readTree(EmbeddingsRenderer.body(JSON, compatible, requestId));
        ObjectNode root = JSON.createObjectNode();
        ArrayNode embeddings = root.putObject("output").putArray("embeddings");
        for (JsonNode item : data.path("data")) {
            embeddings
                    .addObject()
                    .put("text_index", item.path("index").asInt())
                    .set("embedding", item.get("embedding"));
        }
        root.putObject("usage")
                .put("total_tokens", data.path("usage").path("total_tokens").asInt());
        root.put("request_id", requestId);
        return HttpReply.json(200, root.toString());
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
