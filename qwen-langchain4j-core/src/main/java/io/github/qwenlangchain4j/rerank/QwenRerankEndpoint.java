package io.github.qwenlangchain4j.rerank;

/**
 * Which of Qwen's two rerank APIs {@link QwenScoringModel} calls; both take the same API key, on the host of the
 * connection's region or base URL.
 */
public enum QwenRerankEndpoint {

    /**
     * The OpenAI-compatible rerank API, {@code POST https://<host>/compatible-api/v1/reranks} with {@code model},
     * {@code query}, {@code documents}, {@code top_n} and {@code instruct} at the top level (Qwen Cloud's "OpenAI
     * compatible reranking" reference, docs.qwencloud.com/api-reference/rerank/openai-rerank). Documented for
     * qwen3-rerank only; its default.
     */
    COMPATIBLE,

    /**
     * DashScope's native text rerank API, {@code POST https://<host>/api/v1/services/rerank/text-rerank/text-rerank}
     * with {@code input} and {@code parameters} objects (Model Studio's "Text rerank" API reference,
     * alibabacloud.com/help/en/model-studio/text-rerank-api). Serves every rerank model; the default of
     * gte-rerank-v2, qwen3-vl-rerank and model names this version does not know.
     */
    NATIVE
}
