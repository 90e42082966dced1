package io.github.qwenlangchain4j.internal.rerank;

import java.util.Locale;

/**
 * What Model Studio documents about a rerank model ("Text rerank" API reference,
 * alibabacloud.com/help/en/model-studio/text-rerank-api, and its Chinese edition on help.aliyun.com): documents per
 * request, the tokens of one item (query or document; Qwen truncates longer ones, it does not refuse them) and the
 * tokens of one request, counted as {@code query tokens x documents + document tokens}.
 *
 * <p>qwen3-rerank's request limit is 120,000 tokens in Singapore but 30,000 in Beijing (the Chinese edition); the
 * lower one is used so that the default works in every region. Unknown model names get {@link #UNKNOWN}: the
 * smallest limits of the known models, documents as strings, and {@code instruct} passed through, so that new
 * models work before this table knows them.
 *
 * @param maxDocumentsPerRequest documents Qwen accepts in one request
 * @param maxTokensPerItem       tokens of the query or a document that Qwen reads; the rest is truncated
 * @param maxTokensPerRequest    tokens one request may hold
 * @param supportsInstruct       whether the model takes {@code parameters.instruct}
 * @param documentsAsObjects     whether documents are sent as {@code {"text": ...}} objects (multimodal model)
 */
public record RerankModelSpec(
        int maxDocumentsPerRequest,
        int maxTokensPerItem,
        int maxTokensPerRequest,
        boolean supportsInstruct,
        boolean documentsAsObjects) {

    public static final RerankModelSpec UNKNOWN = new RerankModelSpec(100, 4_000, 30_000, true, false);

    private static final RerankModelSpec QWEN3_RERANK = new RerankModelSpec(500, 4_000, 30_000, true, false);
    private static final RerankModelSpec GTE_RERANK_V2 = new RerankModelSpec(500, 4_000, 30_000, false, false);
    /** Text documents: 100 per request (40 images, 4 videos, which this library does not send). */
    private static final RerankModelSpec QWEN3_VL_RERANK = new RerankModelSpec(100, 8_000, 120_000, false, true);

    public static RerankModelSpec of(String modelName) {
        return switch (modelName.strip().toLowerCase(Locale.ROOT)) {
            case "qwen3-rerank" -> QWEN3_RERANK;
            case "gte-rerank-v2" -> GTE_RERANK_V2;
            case "qwen3-vl-rerank" -> QWEN3_VL_RERANK;
            default -> UNKNOWN;
        };
    }

    public boolean isKnown() {
        return this != UNKNOWN;
    }
}
