package io.github.qwenlangchain4j;

import io.github.qwenlangchain4j.QwenRegion;
import io.github.qwenlangchain4j.internal.client.QwenClient;
import java.time.Duration;
import java.util.Map;

/**
 * The connection settings every Qwen class is built with (chat models, the embedding model, files and batches):
 * only {@link #apiKey} is required. Each builder adds its own options on top.
 *
 * @param <T> what the builder builds
 * @param <B> the concrete builder, so that chained calls keep their type
 */
public abstract class QwenConnectionBuilder<T, B extends QwenConnectionBuilder<T, B>> {

    private String apiKey;
    private QwenRegion region;
    private String baseUrl;
    private Duration timeout;
    private Integer maxRetries;
    private Boolean logRequests;
    private Boolean logResponses;
    private Map<String, String> customHeaders;

    protected QwenConnectionBuilder() {}

    /** This builder, typed as the concrete one. */
    @SuppressWarnings("unchecked")
    protected final B self() {
        return (B) this;
    }

    /** Your Model Studio API key (required), usually {@code System.getenv("DASHSCOPE_API_KEY")}. */
    public B apiKey(String apiKey) {
        this.apiKey = apiKey;
        return self();
    }

    /**
     * The region whose endpoint to call; default {@link QwenRegion#SINGAPORE}. Keys are bound to a region, and so
     * are files and batches: a batch only sees files uploaded in its region.
     */
    public B region(QwenRegion region) {
        this.region = region;
        return self();
    }

    /** A compatible-mode base URL (e.g. a proxy or {@code QwenMockServer}); wins over {@link #region}. */
    public B baseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
        return self();
    }

    /** Read timeout of each HTTP call (for streams: the longest silence between two events); default 60 s. */
    public B timeout(Duration timeout) {
        this.timeout = timeout;
        return self();
    }

    /**
     * Retries after a rate limit (429), a server error (5xx), a timeout or a connection failure, with exponential
     * backoff and jitter; default 2. Streams and downloads are only retried before their first event or line.
     */
    public B maxRetries(Integer maxRetries) {
        this.maxRetries = maxRetries;
        return self();
    }

    /** Logs each request at INFO through SLF4J, with the API key redacted (file uploads by size only). */
    public B logRequests(Boolean logRequests) {
        this.logRequests = logRequests;
        return self();
    }

    /** Logs each response (and each stream event) at INFO through SLF4J, with the API key redacted. */
    public B logResponses(Boolean logResponses) {
        this.logResponses = logResponses;
        return self();
    }

    /** Extra HTTP headers for every request. */
    public B customHeaders(Map<String, String> customHeaders) {
        this.customHeaders = customHeaders;
        return self();
    }

    /** The client these settings describe; fails when the API key is missing. Internal use. */
    protected QwenClient newClient() {
        return QwenClient.builder()
                .apiKey(apiKey)
                .endpoint(baseUrl, region)
                .timeout(timeout)
                .maxRetries(maxRetries)
                .customHeaders(customHeaders)
                .logRequests(Boolean.TRUE.equals(logRequests))
                .logResponses(Boolean.TRUE.equals(logResponses))
                .build();
    }

    /** Builds it; fails when the API key is missing or a setting is invalid. */
    public abstract T build();
}
