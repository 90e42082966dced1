package io.github.qwenlangchain4j;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The Model Studio regions that serve Qwen's compatible-mode API. API keys are bound to the region they were
 * created in: a key from one region gets {@code 401 invalid_api_key} in another.
 */
public enum QwenRegion {

    /** Singapore (international), the default. */
    SINGAPORE("https://dashscope-intl.aliyuncs.com/compatible-mode/v1", "ap-southeast-1"),
    /** US (Virginia). */
    US_VIRGINIA("https://dashscope-us.aliyuncs.com/compatible-mode/v1", "us-east-1"),
    /** Chinese mainland (Beijing). */
    CHINA_BEIJING("https://dashscope.aliyuncs.com/compatible-mode/v1", "cn-beijing"),
    /** Hong Kong (China). */
    HONG_KONG("https://cn-hongkong.dashscope.aliyuncs.com/compatible-mode/v1", "cn-hongkong");

    /** What a workspace id may be: one DNS label (letters, digits, inner hyphens), e.g. {@code ws-a1b2c3d4e5f6}. */
    private static final Pattern WORKSPACE_ID = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

    private final String baseUrl;
    private final String id;

    QwenRegion(String baseUrl, String id) {
        this.baseUrl = baseUrl;
        this.id = id;
    }

    /**
     * Alibaba Cloud's id of this region, the one in its workspace host names.
     *
     * @return e.g. {@code ap-southeast-1} for Singapore, {@code cn-beijing} for Beijing
     */
    public String id() {
        return id;
    }

    /**
     * The compatible-mode base URL of a workspace in this region, on its dedicated domain
     * {@code https://{WorkspaceId}.{region}.maas.aliyuncs.com/compatible-mode/v1}, without a trailing slash. Model
     * Studio recommends these domains over the shared {@code dashscope*.aliyuncs.com} ones (higher throughput, lower
     * latency, a 3,600 s request timeout instead of 600 s, traffic isolated per workspace); they accept only the API
     * keys of that workspace. Chat, embeddings, files, batches and the Responses API all live under this base URL,
     * and the native API (rerank) under {@code /api/v1} on the same host. Model Studio's "Base URL" overview
     * (alibabacloud.com/help/en/model-studio/base-url, help.aliyun.com/zh/model-studio/base-url) and "Select region,
     * service deployment scope, and access domain" (alibabacloud.com/help/en/model-studio/regions/) list the hosts.
     *
     * @param workspaceId the workspace's id, from the Workspace Details page of the Model Studio console, e.g.
     *                    {@code ws-a1b2c3d4e5f6} or {@code llm-a1b2c3d4e5f6}
     * @return e.g. {@code https://ws-a1b2c3d4e5f6.ap-southeast-1.maas.aliyuncs.com/compatible-mode/v1}
     * @throws IllegalArgumentException when the id is blank or not a single host-name label
     */
    public String workspaceBaseUrl(String workspaceId) {
        return "https://" + checkWorkspaceId(workspaceId) + "." + id + ".maas.aliyuncs.com/compatible-mode/v1";
    }

    /**
     * Checks a workspace id and returns it in lower case.
     *
     * @param workspaceId the id
     * @return the id, lower-cased
     * @throws IllegalArgumentException when the id is blank, a host name or URL, or not a single host-name label
     */
    public static String checkWorkspaceId(String workspaceId) {
        if (workspaceId == null || workspaceId.isBlank()) {
            throw new IllegalArgumentException("The workspace id must not be blank; find it on the Workspace Details"
                    + " page of the Model Studio console (e.g. ws-a1b2c3d4e5f6)");
        }
        String id = workspaceId.strip().toLowerCase(Locale.ROOT);
        if (id.contains(".") || id.contains("/") || id.contains(":")) {
            throw new IllegalArgumentException("workspace(...) takes the workspace id only (e.g. ws-a1b2c3d4e5f6), not"
                    + " a host or URL, but got '" + workspaceId.strip() + "'; for a full URL use baseUrl(...)");
        }
        if (!WORKSPACE_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("The workspace id '" + workspaceId.strip() + "' is malformed: it becomes"
                    + " the first label of the host {WorkspaceId}.{region}.maas.aliyuncs.com, so it may hold only"
                    + " letters, digits and inner hyphens, at most 63 characters (e.g. ws-a1b2c3d4e5f6)");
        }
        if (id.equals("trial") || id.equals("token-plan")) {
            throw new IllegalArgumentException(
                    "'" + id + "' is not a workspace id: trial.{region} and token-plan.{region} are"
                            + " shared domains of their own; pass their URL to baseUrl(...) instead");
        }
        return id;
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
