package io.github.qwenlangchain4j;

/**
 * The Model Studio regions that serve Qwen's compatible-mode API. API keys are bound to the region they were
 * created in: a key from one region gets {@code 401 invalid_api_key} in another.
 */
public enum QwenRegion {

    /** Singapore (international), the default. */
    SINGAPORE("https://dashscope-intl.aliyuncs.com/compatible-mode/v1"),
    /** US (Virginia). */
    US_VIRGINIA("https://dashscope-us.aliyuncs.com/compatible-mode/v1"),
    /** Chinese mainland (Beijing). */
    CHINA_BEIJING("https://dashscope.aliyuncs.com/compatible-mode/v1"),
    /** Hong Kong (China). */
    HONG_KONG("https://cn-hongkong.dashscope.aliyuncs.com/compatible-mode/v1");

    private final String baseUrl;

    QwenRegion(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /**
     * The base URL of the Responses and Conversations APIs in this region, without a trailing slash: since 2026 the
     * compatible-mode base URL itself ({@code .../compatible-mode/v1/responses}), as Qwen's current Responses API
     * reference documents. The earlier base {@code https://<host>/api/v2/apps/protocols/compatible-mode/v1} is, in
     * Qwen's words, no longer maintained; pass it to {@code baseUrl(...)} if your account still needs it.
     *
     * @return the Responses API base URL, e.g. {@code https://dashscope-intl.aliyuncs.com/compatible-mode/v1}
     */
    public String responsesBaseUrl() {
        return baseUrl;
    }

    /**
     * The base URL of DashScope's native API in this region ({@code https://<host>/api/v1}), without a trailing
     * slash: the same host and key as compatible mode, for the services compatible mode does not carry, such as
     * text rerank ({@code POST .../services/rerank/text-rerank/text-rerank}, Model Studio's "Text rerank" API
     * reference, alibabacloud.com/help/en/model-studio/text-rerank-api).
     *
     * @return the native API base URL, e.g. {@code https://dashscope-intl.aliyuncs.com/api/v1}
     */
    public String nativeBaseUrl() {
        return nativeBaseUrlOf(baseUrl);
    }

    /**
     * The native API base URL on the host of a compatible-mode base URL: a trailing {@code /compatible-mode/v1}
     * becomes {@code /api/v1}, so that one base URL setting (a proxy, {@code QwenMockServer}) serves both APIs.
     * Any other URL is taken to be a native base URL already and returned without a trailing slash.
     *
     * @param baseUrl a compatible-mode or native base URL
     * @return the native API base URL
     */
    public static String nativeBaseUrlOf(String baseUrl) {
        String url = baseUrl.strip();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        String compatible = "/compatible-mode/v1";
        return url.endsWith(compatible) ? url.substring(0, url.length() - compatible.length()) + "/api/v1" : url;
    }

    /**
     * The base URL of Qwen's OpenAI-compatible rerank API in this region ({@code https://<host>/compatible-api/v1},
     * whose {@code POST .../reranks} serves qwen3-rerank: Qwen Cloud's "OpenAI compatible reranking" reference,
     * docs.qwencloud.com/api-reference/rerank/openai-rerank), without a trailing slash.
     *
     * @return e.g. {@code https://dashscope-intl.aliyuncs.com/compatible-api/v1}
     */
    public String compatibleApiBaseUrl() {
        return compatibleApiBaseUrlOf(baseUrl);
    }

    /**
     * The compatible rerank API's base URL on the host of a compatible-mode or native base URL: a trailing
     * {@code /compatible-mode/v1} or {@code /api/v1} becomes {@code /compatible-api/v1}, so that one base URL setting
     * (a proxy, {@code QwenMockServer}) serves every API. Any other URL is taken to be that base already and returned
     * without a trailing slash.
     *
     * @param baseUrl a compatible-mode, native or compatible-api base URL
     * @return the compatible-api base URL
     */
    public static String compatibleApiBaseUrlOf(String baseUrl) {
        String url = nativeBaseUrlOf(baseUrl);
        String nativeBase = "/api/v1";
        return url.endsWith(nativeBase)
                ? url.substring(0, url.length() - nativeBase.length()) + "/compatible-api/v1"
                : url;
    }

    /**
     * The compatible-mode base URL of this region, without a trailing slash.
     *
     * @return the base URL, e.g. {@code https://dashscope-intl.aliyuncs.com/compatible-mode/v1}
     */
    public String baseUrl() {
        return baseUrl;
    }
}
