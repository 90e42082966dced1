package io.github.qwenlangchain4j;

import io.github.qwenlangchain4j.internal.client.QwenClient;
import java.net.Proxy;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import okhttp3.OkHttpClient;

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
    private String workspace;
    private String baseUrl;
    private Duration timeout;
    private Integer maxRetries;
    private Boolean logRequests;
    private Boolean logResponses;
    private Map<String, String> customHeaders;
    private Proxy proxy;
    private String proxyUsername;
    private String proxyPassword;
    private OkHttpClient httpClient;
    private Integer maxConcurrentCalls;

    /** For the builders of this library; not meant to be extended elsewhere. */
    protected QwenConnectionBuilder() {}

    /**
     * This builder, typed as the concrete one.
     *
     * @return this builder
     */
    @SuppressWarnings("unchecked")
    protected final B self() {
        return (B) this;
    }

    /**
     * Your Model Studio API key (required), usually {@code System.getenv("DASHSCOPE_API_KEY")}. It is sent as a
     * bearer token and never logged.
     *
     * @param apiKey the API key; must not be null or blank when {@link #build()} is called
     * @return this builder
     */
    public B apiKey(String apiKey) {
        this.apiKey = apiKey;
        return self();
    }

    /**
     * The region whose endpoint to call; default {@link QwenRegion#SINGAPORE}. Keys are bound to a region, and so
     * are files and batches: a batch only sees files uploaded in its region.
     *
     * @param region the region, or null for the default
     * @return this builder
     */
    public B region(QwenRegion region) {
        this.region = region;
        return self();
    }

    /**
     * Calls your workspace's dedicated domain in the {@link #region},
     * {@code https://{WorkspaceId}.{region}.maas.aliyuncs.com}, instead of the region's shared
     * {@code dashscope*.aliyuncs.com} one, as Model Studio now recommends: chat, embeddings, files, batches, rerank
     * and the Responses API all go there (see {@link QwenRegion#workspaceBaseUrl}). Such a domain accepts only the API keys of its workspace. Cannot be
     * combined with {@link #baseUrl}, which names a host of its own.
     *
     * @param workspaceId the workspace id from the Model Studio console (Workspace Details), e.g.
     *                    {@code ws-a1b2c3d4e5f6}; null for the region's shared domain
     * @return this builder
     * @throws IllegalArgumentException when the id is blank or malformed (a host, a URL, characters a host name
     *         cannot hold)
     */
    public B workspace(String workspaceId) {
        this.workspace = workspaceId == null ? null : QwenRegion.checkWorkspaceId(workspaceId);
        return self();
    }

    /**
     * A compatible-mode base URL (e.g. a proxy or {@code QwenMockServer}); wins over {@link #region}. Not together
     * with {@link #workspace}.
     *
     * @param baseUrl the base URL, such as {@code https://dashscope-intl.aliyuncs.com/compatible-mode/v1}; null to use
     *        the region's
     * @return this builder
     */
    public B baseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
        return self();
    }

    /**
     * Read timeout of each HTTP call (for streams: the longest silence between two events); default 60 s.
     *
     * @param timeout the timeout, or null for the default
     * @return this builder
     */
    public B timeout(Duration timeout) {
        this.timeout = timeout;
        return self();
    }

    /**
     * Retries after a rate limit (429), a server error (5xx), a timeout or a connection failure, with exponential
     * backoff and jitter; default 2. Streams and downloads are only retried before their first event or line.
     *
     * @param maxRetries the number of retries after the first attempt (0 for none), or null for the default
     * @return this builder
     */
    public B maxRetries(Integer maxRetries) {
        this.maxRetries = maxRetries;
        return self();
    }

    /**
     * Logs each request at INFO through SLF4J, with the API key redacted (file uploads by size only).
     *
     * @param logRequests true to log requests; null or false (the default) not to
     * @return this builder
     */
    public B logRequests(Boolean logRequests) {
        this.logRequests = logRequests;
        return self();
    }

    /**
     * Logs each response (and each stream event) at INFO through SLF4J, with the API key redacted.
     *
     * @param logResponses true to log responses; null or false (the default) not to
     * @return this builder
     */
    public B logResponses(Boolean logResponses) {
        this.logResponses = logResponses;
        return self();
    }

    /**
     * Extra HTTP headers for every request.
     *
     * @param customHeaders header names and values, or null for none
     * @return this builder
     */
    public B customHeaders(Map<String, String> customHeaders) {
        this.customHeaders = customHeaders;
        return self();
    }

    /**
     * The proxy every call goes through, e.g. {@code new Proxy(Proxy.Type.HTTP, new InetSocketAddress("proxy.corp",
     * 3128))}; it wins over the proxy of an {@link #httpClient} (default: none, or that client's). HTTPS calls go
     * through a {@code CONNECT} tunnel, so an HTTP proxy sees the host name but neither the API key nor the
     * conversation. SOCKS proxies work too, without {@link #proxyAuthentication}.
     *
     * @param proxy the proxy, or null for none (or the http client's)
     * @return this builder
     */
    public B proxy(Proxy proxy) {
        this.proxy = proxy;
        return self();
    }

    /**
     * Basic credentials for an HTTP proxy that answers {@code 407 Proxy Authentication Required}. They are sent as
     * {@code Proxy-Authorization} to the proxy only (with the {@code CONNECT} of an HTTPS tunnel, or with each
     * request of a plain-HTTP one), never to Qwen, and never logged. Needs an HTTP {@link #proxy} (or an
     * {@link #httpClient} that has one); a refused login fails with an {@code AuthenticationException}, without
     * retries.
     *
     * @param username the proxy user; not blank
     * @param password the proxy password (may be empty, not null)
     * @return this builder
     */
    public B proxyAuthentication(String username, String password) {
        this.proxyUsername = username;
        this.proxyPassword = password;
        return self();
    }

    /**
     * Your own OkHttp client, for its interceptors, certificates ({@code sslSocketFactory}, certificate pinning),
     * DNS, event listener, connection pool or proxy selector. The library derives its client from it with
     * {@code newBuilder()}, so it is never changed, and keeps the library's own guarantees on top:
     * <ul>
     *   <li>the library's timeouts ({@link #timeout}: connect, read and write) replace yours;</li>
     *   <li>retries are the library's ({@link #maxRetries}: counted, backed off, never after partial output):
     *       {@code retryOnConnectionFailure} is turned off;</li>
     *   <li>calls never wait in your client's {@code Dispatcher}: sync calls run on the calling thread, streams on
     *       the library's own daemon threads (virtual from JDK 24 on), so a program exits when {@code main} returns
     *       and no call queues behind others; bound them with {@link #maxConcurrentCalls} if you want a bound;</li>
     *   <li>the library's request/response logging ({@link #logRequests}) still applies, with the key masked;</li>
     *   <li>{@link #proxy} and {@link #proxyAuthentication}, when set, replace your client's proxy and proxy
     *       authenticator.</li>
     * </ul>
     * Everything else is yours: your interceptors see the {@code Authorization: Bearer} header (an
     * {@code HttpLoggingInterceptor} must {@code redactHeader("Authorization")}), your {@code authenticator} would
     * answer Qwen's 401s, your {@code callTimeout} bounds a whole stream, and your redirect settings apply (OkHttp
     * drops the {@code Authorization} header on a redirect to another host whatever they are), and so do your
     * {@code protocols} (over HTTP/2 the library keeps each connection within 100 streams, the first connection in
     * your pool, the others in pools of their own). Without it, every model shares one client and connection pool.
     *
     * @param httpClient your client, or null for the library's shared one
     * @return this builder
     */
    public B httpClient(OkHttpClient httpClient) {
        this.httpClient = httpClient;
        return self();
    }

    /**
     * At most this many calls of this library at once to the same endpoint (default: no limit). Without a limit a
     * call or stream starts when it is made, however many are open, which is what a chat backend wants: a stream
     * that waits behind others delays a user's first token by whole answers. Set a limit to protect a quota or a
     * proxy; a call beyond it waits, in arrival order, and its wait counts toward its {@link #timeout}: when the
     * timeout passes first, it fails with a {@link QwenCallLimitException} naming the limit, without having been
     * sent. Retries wait again. {@link QwenCalls} counts the calls running and waiting.
     *
     * <p>One limit is shared by all models built with the same value that call the same host (scheme, host, port)
     * through the same {@link #proxy} and {@link #httpClient}: {@code maxConcurrentCalls(10)} on a chat model and a
     * streaming model means 10 calls in all, not 10 each. Not to be confused with the embedding model's
     * {@code maxConcurrentRequests}, which bounds the requests of one {@code embedAll}; both apply.
     *
     * @param maxConcurrentCalls the limit, 1 or more; null for none
     * @return this builder
     */
    public B maxConcurrentCalls(Integer maxConcurrentCalls) {
        this.maxConcurrentCalls = maxConcurrentCalls;
        return self();
    }

    /**
     * Gives {@code other} these connection settings, so that one class can build another over the same connection
     * (batches build their Files API client so). Internal use.
     *
     * @param other a builder of another class of this library
     * @param <O>   its type
     * @return {@code other}, with these settings
     */
    protected <O extends QwenConnectionBuilder<?, O>> O copyConnectionTo(O other) {
        QwenConnectionBuilder<?, ?> target = other; // private fields are reachable through the class type only
        target.apiKey = apiKey;
        target.region = region;
        target.workspace = workspace;
        target.baseUrl = baseUrl;
        target.timeout = timeout;
        target.maxRetries = maxRetries;
        target.logRequests = logRequests;
        target.logResponses = logResponses;
        target.customHeaders = customHeaders;
        target.proxy = proxy;
        target.proxyUsername = proxyUsername;
        target.proxyPassword = proxyPassword;
        target.httpClient = httpClient;
        target.maxConcurrentCalls = maxConcurrentCalls;
        return other;
    }

    /**
     * The client these settings describe; fails when the API key is missing. Internal use.
     *
     * @return a new client
     */
    protected QwenClient newClient() {
        return newClient(QwenRegion::baseUrl, Map.of());
    }

    /**
     * The client these settings describe, for an API family with its own base URL per region (the Responses API),
     * with {@code extraHeaders} after the custom headers. Internal use.
     *
     * @param regionBaseUrl the base URL of a region, used when no {@link #baseUrl} is set
     * @param extraHeaders  headers the model adds, e.g. {@code x-dashscope-session-cache}
     * @return a new client
     */
    protected QwenClient newClient(Function<QwenRegion, String> regionBaseUrl, Map<String, String> extraHeaders) {
        return newClient(compatibleBaseUrl(regionBaseUrl), extraHeaders);
    }

    /**
     * The one place base URLs are derived: {@link #baseUrl} when set, else the {@link #workspace}'s dedicated domain
     * in the region, else the region's shared one from {@code regionBaseUrl}.
     *
     * @throws IllegalArgumentException when both a workspace and a base URL are set
     */
    private String compatibleBaseUrl(Function<QwenRegion, String> regionBaseUrl) {
        QwenRegion resolved = region != null ? region : QwenRegion.SINGAPORE;
        if (workspace != null && baseUrl != null) {
            throw new IllegalArgumentException("workspace(\"" + workspace + "\") and baseUrl(\"" + baseUrl + "\") both"
                    + " name the host to call; set one: the workspace's domain is derived from the region ("
                    + resolved.workspaceBaseUrl(workspace) + ")");
        }
        if (baseUrl != null) {
            return baseUrl;
        }
        return workspace != null ? resolved.workspaceBaseUrl(workspace) : regionBaseUrl.apply(resolved);
    }

    /**
     * The client of DashScope's native API ({@code https://<host>/api/v1}, e.g. text rerank): the region's
     * {@link QwenRegion#nativeBaseUrl()} (or its workspace's, {@code /api/v1} on the workspace host), or
     * {@link #baseUrl} with a trailing {@code /compatible-mode/v1} mapped to
     * {@code /api/v1} on the same host ({@link QwenRegion#nativeBaseUrlOf}). Internal use.
     *
     * @param extraHeaders headers the model adds
     * @return a new client
     */
    protected QwenClient newNativeClient(Map<String, String> extraHeaders) {
        return newClient(QwenRegion.nativeBaseUrlOf(compatibleBaseUrl(QwenRegion::baseUrl)), extraHeaders);
    }

    /**
     * The client of Qwen's OpenAI-compatible rerank API ({@code https://<host>/compatible-api/v1}): the region's
     * {@link QwenRegion#compatibleApiBaseUrl()} (or its workspace's, {@code /compatible-api/v1} on the workspace host),
     * or {@link #baseUrl} mapped to it on the same host ({@link QwenRegion#compatibleApiBaseUrlOf}). Internal use.
     *
     * @param extraHeaders headers the model adds
     * @return a new client
     */
    protected QwenClient newCompatibleApiClient(Map<String, String> extraHeaders) {
        return newClient(QwenRegion.compatibleApiBaseUrlOf(compatibleBaseUrl(QwenRegion::baseUrl)), extraHeaders);
    }

    private QwenClient newClient(String resolvedBaseUrl, Map<String, String> extraHeaders) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (customHeaders != null) {
            headers.putAll(customHeaders);
        }
        headers.putAll(extraHeaders);
        return QwenClient.builder()
                .apiKey(apiKey)
                .baseUrl(resolvedBaseUrl)
                .timeout(timeout)
                .maxRetries(maxRetries)
                .customHeaders(headers)
                .logRequests(Boolean.TRUE.equals(logRequests))
                .logResponses(Boolean.TRUE.equals(logResponses))
                .httpClient(httpClient)
                .proxy(proxy)
                .proxyAuthentication(proxyUsername, proxyPassword)
                .maxConcurrentCalls(maxConcurrentCalls)
                .build();
    }

    /**
     * Builds it; fails when the API key is missing or a setting is invalid.
     *
     * @return the configured instance
     * @throws IllegalArgumentException when the API key is missing or a setting is invalid
     */
    public abstract T build();
}
