package io.github.qwenlangchain4j.internal.rerank;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * What Model Studio documents about a rerank model, region by region, in one table ({@link #LIMITS}): documents per
 * request, the tokens of one item (query or document; Qwen truncates longer ones, it does not refuse them) and the
 * tokens of one request, counted as {@code query tokens x documents + document tokens}.
 *
 * <p>Sources: the "Text rerank" API reference (alibabacloud.com/help/en/model-studio/text-rerank-api: Singapore
 * qwen3-rerank 500 / 4,000 / 120,000; Beijing qwen3-vl-rerank 100 / 8,000 / 120,000 and gte-rerank-v2 500 / 4,000 /
 * 30,000), its Chinese edition for the Beijing region (help.aliyun.com/zh/model-studio/text-rerank-api: qwen3-rerank
 * 500 / 4,000 / 30,000) and Qwen Cloud's "OpenAI compatible reranking" reference
 * (docs.qwencloud.com/api-reference/rerank/openai-rerank: qwen3-rerank 500 / 4,000 / 120,000 on
 * {@code dashscope-intl}). An older edition gave qwen3-vl-rerank 800,000 tokens per request; the lower figure is kept.
 *
 * <p>The region is read from the host the model calls ({@code dashscope-intl.aliyuncs.com} or a workspace domain in
 * {@code ap-southeast-1}: Singapore; {@code dashscope.aliyuncs.com} or {@code cn-beijing}: Beijing). Any other host
 * (another region, a proxy, {@code QwenMockServer}) gets the smallest of the model's documented limits, which every
 * region accepts. Unknown model names get {@link #UNKNOWN}: the smallest limits of the known models, documents as
 * strings, {@code instruct} passed through and the native endpoint, so that new models work before this table knows
 * them.
 *
 * @param maxDocumentsPerRequest documents Qwen accepts in one request
 * @param maxTokensPerItem       tokens of the query or a document that Qwen reads; the rest is truncated
 * @param maxTokensPerRequest    tokens one request may hold
 * @param supportsInstruct       whether the model takes {@code instruct}
 * @param documentsAsObjects     whether documents are sent as {@code {"text": ...}} objects (multimodal model)
 * @param compatibleEndpoint     whether the OpenAI-compatible {@code /compatible-api/v1/reranks} serves the model
 */
public record RerankModelSpec(
        int maxDocumentsPerRequest,
        int maxTokensPerItem,
        int maxTokensPerRequest,
        boolean supportsInstruct,
        boolean documentsAsObjects,
        boolean compatibleEndpoint) {

    /** A region Model Studio documents rerank limits for. */
    public enum Site {
        SINGAPORE,
        BEIJING,
        /** Any other host: the smallest documented limits apply. */
        OTHER
    }

    /**
     * One row of the documented limits.
     *
     * @param model               the model name
     * @param site                the region
     * @param maxDocuments        documents per request
     * @param maxTokensPerItem    tokens of the query or of one document
     * @param maxTokensPerRequest tokens per request
     */
    public record Limit(String model, Site site, int maxDocuments, int maxTokensPerItem, int maxTokensPerRequest) {}

    /** Model Studio's rerank limits, region by region (sources in the class comment). */
    public static final List<Limit> LIMITS = List.of(
            new Limit("qwen3-rerank", Site.SINGAPORE, 500, 4_000, 120_000),
            new Limit("qwen3-rerank", Site.BEIJING, 500, 4_000, 30_000),
            new Limit("gte-rerank-v2", Site.BEIJING, 500, 4_000, 30_000),
            new Limit("qwen3-vl-rerank", Site.BEIJING, 100, 8_000, 120_000));

    public static final RerankModelSpec UNKNOWN = new RerankModelSpec(100, 4_000, 30_000, true, false, false);

    /**
     * The spec of a model as served on the host of {@code baseUrl}.
     *
     * @param modelName the model name
     * @param baseUrl   the base URL the model calls
     * @return its spec, {@link #UNKNOWN} for a name the table does not have
     */
    public static RerankModelSpec of(String modelName, String baseUrl) {
        String model = modelName.strip().toLowerCase(Locale.ROOT);
        Site site = siteOf(baseUrl);
        List<Limit> rows =
                LIMITS.stream().filter(row -> row.model().equals(model)).toList();
        if (rows.isEmpty()) {
            return UNKNOWN;
        }
        Limit limit =
                rows.stream().filter(row -> row.site() == site).findFirst().orElseGet(() -> smallest(rows));
        boolean qwen3 = model.equals("qwen3-rerank");
        return new RerankModelSpec(
                limit.maxDocuments(),
                limit.maxTokensPerItem(),
                limit.maxTokensPerRequest(),
                qwen3,
                model.equals("qwen3-vl-rerank"),
                qwen3);
    }

    /**
     * The region of a base URL's host.
     *
     * @param baseUrl any base URL of Qwen's APIs
     * @return its region, {@link Site#OTHER} when the host is not one of Model Studio's
     */
    public static Site siteOf(String baseUrl) {
        String host;
        try {
            host = URI.create(baseUrl.strip()).getHost();
        } catch (IllegalArgumentException e) {
            return Site.OTHER;
        }
        if (host == null) {
            return Site.OTHER;
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.equals("dashscope-intl.aliyuncs.com") || host.contains("ap-southeast-1")) {
            return Site.SINGAPORE;
        }
        if (host.equals("dashscope.aliyuncs.com") || host.contains("cn-beijing")) {
            return Site.BEIJING;
        }
        return Site.OTHER;
    }

    private static Limit smallest(List<Limit> rows) {
        Limit first = rows.get(0);
        return new Limit(
                first.model(),
                Site.OTHER,
                rows.stream().mapToInt(Limit::maxDocuments).min().orElseThrow(),
                rows.stream().mapToInt(Limit::maxTokensPerItem).min().orElseThrow(),
                rows.stream().mapToInt(Limit::maxTokensPerRequest).min().orElseThrow());
    }

    public boolean isKnown() {
        return this != UNKNOWN;
    }
}
