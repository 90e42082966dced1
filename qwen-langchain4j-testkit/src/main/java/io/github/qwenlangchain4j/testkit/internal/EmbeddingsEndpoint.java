package io.github.qwenlangchain4j.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code POST /embeddings}: Qwen's refusals, else deterministic vectors. Also runs the lines of batches. */
public final class EmbeddingsEndpoint {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EmbeddingsEndpoint() {}

    /** Serves one embeddings request. */
    public static HttpReply embed(MockRequest http) {
        JsonNode request = http.json();
        if (request == null) {
            return HttpReply.compatibleError(
                    QwenError.invalidParameter("The request body is not valid JSON."), http.requestId());
        }
        QwenError refusal = QwenRules.checkEmbeddings(request);
        return refusal != null
                ? HttpReply.compatibleError(refusal, http.requestId())
                : HttpReply.json(200, EmbeddingsRenderer.body(JSON, request, http.requestId()));
    }

    /** Runs an embeddings line of a batch. */
    public static BatchLifecycle.Outcome batchLine(JsonNode body, String requestId) {
        QwenError refusal = QwenRules.checkEmbeddings(body);
        return refusal != null
                ? new BatchLifecycle.Outcome(refusal.status(), refusal.body(JSON, requestId))
                : new BatchLifecycle.Outcome(200, EmbeddingsRenderer.body(JSON, body, requestId));
    }
}
