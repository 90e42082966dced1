package io.github.qwenlangchain4j.testkit.internal;

/**
 * The two error bodies Qwen answers with, one per family of endpoints, including for a missing or wrong key.
 */
public enum Dialect {

    /**
     * Compatible mode's OpenAI-style body, {@code {"error": {"message", "type", "param", "code"}, "id",
     * "request_id"}}: chat, embeddings, files, batches and any unknown path.
     */
    COMPATIBLE(
            QwenError.request(
                    401,
                    "invalid_api_key",
                    "You didn't provide an API key. You need to provide your API"
                            + " key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY)."),
            QwenError.request(401, "invalid_api_key", "Incorrect API key provided. ")),

    /** DashScope's flat body, {@code {"request_id", "code", "message"}}: Responses, Conversations and rerank. */
    DASHSCOPE(
            QwenError.flat(401, "InvalidApiKey", "No API-key provided."),
            QwenError.flat(401, "InvalidApiKey", "Invalid API-key provided."));

    private final QwenError missingKey;
    private final QwenError wrongKey;

    Dialect(QwenError missingKey, QwenError wrongKey) {
        this.missingKey = missingKey;
        this.wrongKey = wrongKey;
    }

    /** {@code error} in this dialect's body. */
    public HttpReply error(QwenError error, String requestId) {
        return this == COMPATIBLE ? HttpReply.compatibleError(error, requestId) : HttpReply.flatError(error, requestId);
    }

    /**
     * The 401 for an {@code Authorization} header without {@code Bearer <apiKey>}, or null when it carries the key.
     * Qwen tells a missing key (no header, another scheme, a blank key) from a wrong one.
     */
    public HttpReply keyRefusal(String authorization, String apiKey, String requestId) {
        if (authorization == null
                || !authorization.startsWith("Bearer ")
                || authorization.substring(7).isBlank()) {
            return error(missingKey, requestId);
        }
        return authorization.substring(7).equals(apiKey) ? null : error(wrongKey, requestId);
    }
}
