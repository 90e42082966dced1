package io.github.qwenlangchain4j.internal.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.qwenlangchain4j.QwenApiError;
import io.github.qwenlangchain4j.QwenRegion;
import io.github.qwenlangchain4j.internal.api.ErrorBody;
import io.github.qwenlangchain4j.internal.json.Json;
import io.github.qwenlangchain4j.internal.json.JsonWarmUp;
import java.io.IOException;
import java.net.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.LoggerFactory;

/**
 * The HTTP client of every Qwen model (chat, streaming, embeddings, batch): one immutable instance per model,
 * derived from a shared OkHttp client. It adds bearer auth and custom headers, applies timeouts, retries what its
 * {@link RetryPolicy} allows with backoff, maps errors to LangChain4j exceptions and logs with the key redacted.
 */
public final class QwenClient {

    private static final MediaType JSON_MEDIA_TYPE = MediaType.get("application/json");

    private static final Set<String> WARNED_PLAIN_HTTP_HOSTS = ConcurrentHashMap.newKeySet();

    private final OkHttpClient http;
    private final Duration timeout;
    private final Duration connectTimeout;
    private final CallGate gate;
    /** Null when the client cannot speak HTTP/2 to the origin: every call may then start at once. */
    private final Http2Lanes lanes;
    /** This client, derived once for each HTTP/2 lane: the same settings on the lane's connection pool. */
    private final Map<Http2Lanes.Lane, OkHttpClient> laneClients = new ConcurrentHashMap<>();

    private final HttpUrl baseUrl;
    private final String baseUrlText;
    /** The headers every request carries (auth, user agent, custom headers), built once. */
    private final okhttp3.Headers commonHeaders;

    private final boolean acceptIsCustom;
    private static final int MAX_RESOLVED_PATHS = 32;
    /** Paths resolved against the base URL once: parsing a URL per call was a visible part of a sync call. */
    private final Map<String, HttpUrl> resolvedPaths = new ConcurrentHashMap<>();

    private final RetryPolicy retryPolicy;
    private final ErrorMapper errors;
    private final HttpLogger logger;
    private final EventStreams streams = new EventStreams(this);
    private final FileTransfers files = new FileTransfers(this);

    private QwenClient(Builder builder) {
        JsonWarmUp.startInBackground(); // first, so that it overlaps with building OkHttp's client below
        String apiKey = builder.apiKey;
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException(
                    "apiKey is required: pass your Model Studio API key, usually read from"
                            + " the DASHSCOPE_API_KEY environment variable, e.g. .apiKey(System.getenv(\"DASHSCOPE_API_KEY\"))");
        }
        this.baseUrlText = stripTrailingSlash(Objects.requireNonNull(builder.baseUrl, "baseUrl"));
        this.baseUrl = HttpUrl.parse(baseUrlText + "/");
        if (baseUrl == null) {
            throw new IllegalArgumentException("baseUrl is not a valid http(s) URL: '" + builder.baseUrl + "'");
        }
        warnIfPlainHttpToRemoteHost(baseUrl);
        Duration timeout = builder.timeout == null ? Duration.ofSeconds(60) : builder.timeout;
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, but was " + timeout);
        }
        Duration connectTimeout = timeout.compareTo(Duration.ofSeconds(10)) < 0 ? timeout : Duration.ofSeconds(10);
        this.timeout = timeout;
        this.connectTimeout = connectTimeout;
        OkHttpClient.Builder http = SharedHttp.derive(builder.httpClient)
                .connectTimeout(connectTimeout)
                .readTimeout(timeout)
                .writeTimeout(timeout);
        ProxyCredentials.apply(
                http,
                builder.httpClient == null ? SharedHttp.CLIENT : builder.httpClient,
                builder.proxy,
                builder.proxyUsername,
                builder.proxyPassword);
        this.http = http.build();
        this.gate = CallGate.of(
                builder.maxConcurrentCalls,
                baseUrl.scheme() + "://" + baseUrl.host() + ":" + baseUrl.port(),
                this.http.proxy(),
                builder.httpClient);
        this.lanes = Http2Lanes.of(this.http, baseUrl);
        okhttp3.Headers.Builder headers = new okhttp3.Headers.Builder()
                .add("Authorization", "Bearer " + apiKey.strip())
                .add("User-Agent", UserAgent.VALUE);
        if (builder.customHeaders != null) {
            builder.customHeaders.forEach(headers::set); // a custom header replaces ours of the same name
        }
        this.commonHeaders = headers.build();
        this.acceptIsCustom = commonHeaders.get("Accept") != null;
        this.retryPolicy = builder.retryPolicy == null
                ? RetryPolicy.withMaxRetries(RetryPolicy.DEFAULT_MAX_RETRIES)
                : builder.retryPolicy;
        Redactor redactor = new Redactor(apiKey.strip());
        this.errors = new ErrorMapper(baseUrlText, redactor);
        this.logger = new HttpLogger(builder.logRequests, builder.logResponses, redactor);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The API key travels in a header: over plain HTTP to another machine anyone on the path can read it. Loopback
     * (tests, the offline mock, a local proxy) is fine. Warned once per host, not per model.
     */
    private static void warnIfPlainHttpToRemoteHost(HttpUrl url) {
        if (url.isHttps() || isLoopback(url.host()) || !WARNED_PLAIN_HTTP_HOSTS.add(url.host())) {
            return;
        }
        LoggerFactory.getLogger(QwenClient.class)
                .warn(
                        "The Qwen base URL {} uses plain http:// to a host that is not"
                                + " loopback: the API key is sent unencrypted. Use https://.",
                        url.scheme() + "://" + url.host() + ":" + url.port());
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("[::1]");
    }

    /** The streaming side of this client: same transport, server-sent events. */
    public EventStreams streams() {
        return streams;
    }

    /** The file side of this client: multipart uploads and line-by-line downloads, same transport. */
    public FileTransfers files() {
        return files;
    }

    HttpLogger logger() {
        return logger;
    }

    /** The base URL requests go to, without a trailing slash. */
    public String baseUrl() {
        return baseUrlText;
    }

    /** POSTs {@code body} as JSON and parses the response, retrying per the retry policy. */
    public <T> Result<T> post(String path, Object body, Class<T> responseType) {
        byte[] bytes = serialize(body);
        return withRetries(() -> postOnce(path, bytes, responseType));
    }

    /**
     * POSTs a body that creates something billed or tracked (a batch), so that sending it twice would create two:
     * retried only when it cannot have reached the server (no connection was made, or Qwen answered 429), never after
     * a timeout, a 5xx or a connection lost mid-way. OkHttp's own silent retry is off for it too (one-shot body).
     */
    public <T> Result<T> create(String path, Object body, Class<T> responseType) {
        byte[] bytes = serialize(body);
        RequestBody oneShot = OneShotBody.of(RequestBody.create(bytes, JSON_MEDIA_TYPE));
        return withRetries(
                () -> sendOnce(
                        logged(newRequest(url(path, null), "application/json").post(oneShot), bytes),
                        "POST " + path,
                        responseType),
                RetryPolicy::cannotHaveReachedServer);
    }

    /**
     * One POST attempt, without retries, for callers that schedule their own (embeddings adapt their concurrency
     * between attempts). {@code body} is JSON, see {@link #toJson}.
     */
    public <T> Result<T> postOnce(String path, byte[] body, Class<T> responseType) {
        return sendOnce(request(path, body, "application/json"), "POST " + path, responseType);
    }

    /** GETs {@code path} with {@code query} parameters (null values are left out) and parses the JSON response. */
    public <T> Result<T> get(String path, Map<String, String> query, Class<T> responseType) {
        return withRetries(() -> sendOnce(
                logged(newRequest(url(path, query), "application/json").get(), null), "GET " + path, responseType));
    }

    /**
     * GETs {@code path} with query parameters whose names may repeat ({@code providers=qwen&providers=deepseek}, as
     * DashScope's native list endpoints take several values), each list's values in order, and parses the JSON
     * response.
     */
    public <T> Result<T> getRepeated(String path, Map<String, List<String>> query, Class<T> responseType) {
        HttpUrl.Builder url = url(path, null).newBuilder();
        query.forEach((name, values) -> values.forEach(value -> url.addQueryParameter(name, value)));
        HttpUrl built = url.build();
        return withRetries(() ->
                sendOnce(logged(newRequest(built, "application/json").get(), null), "GET " + path, responseType));
    }

    /** DELETEs {@code path} and parses the JSON response, retrying per the retry policy. */
    public <T> Result<T> delete(String path, Class<T> responseType) {
        return withRetries(() -> sendOnce(
                logged(newRequest(url(path, null), "application/json").delete(), null),
                "DELETE " + path,
                responseType));
    }

    /** For bodies read as streams: an error status is read, logged and mapped before anything is streamed. */
    void failIfUnsuccessful(Response response, String requestId) throws IOException {
        if (!response.isSuccessful()) {
            String text = response.body().string();
            logger.response(response.code(), response.headers(), text);
            throw errors.fromHttpError(response.code(), text, requestId, retryAfter(response));
        }
    }

    <T> Result<T> sendOnce(Request request, String what, Class<T> responseType) {
        try {
            return exchange(request, response -> read(response, responseType));
        } catch (IOException e) {
            throw ErrorMapper.fromIo(e, what);
        }
    }

    private <T> Result<T> read(Response response, Class<T> responseType) throws IOException {
        String requestId = requestId(response);
        if (!response.isSuccessful()) {
            failIfUnsuccessful(response, requestId);
        }
        // parsed from the bytes: decoding to a String first would only be needed for the log
        byte[] bytes = response.body().bytes();
        if (logger.logsResponses()) {
            logger.response(response.code(), response.headers(), new String(bytes, StandardCharsets.UTF_8));
        }
        T parsed;
        try {
            parsed = Json.reader(responseType).readValue(bytes);
        } catch (JsonProcessingException e) {
            throw ErrorMapper.malformed("the body is not the expected JSON: " + e.getOriginalMessage(), requestId, e);
        }
        if (parsed == null) {
            throw ErrorMapper.malformed("the body is JSON null", requestId, null);
        }
        return new Result<>(parsed, requestId);
    }

    /** Maps an in-stream {@code {"error": {...}}} like the HTTP error it stands for. */
    public RuntimeException streamError(ErrorBody.Error error, String requestId) {
        return errors.fromStreamError(
                error.code(), error.type(), error.message(), requestId != null ? requestId : error.ownRequestId());
    }

    /** A logged JSON POST of {@code body}, accepting {@code accept}. */
    Request postRequest(String path, byte[] body, String accept) {
        return request(path, body, accept);
    }

    private Request request(String path, byte[] body, String accept) {
        return logged(newRequest(url(path, null), accept).post(RequestBody.create(body, JSON_MEDIA_TYPE)), body);
    }

    HttpUrl url(String path, Map<String, String> query) {
        HttpUrl url = resolvedPaths.get(path);
        if (url == null) {
            url = baseUrl.resolve(path.startsWith("/") ? path.substring(1) : path);
            if (resolvedPaths.size() < MAX_RESOLVED_PATHS) { // paths with file or batch ids are not worth keeping
                resolvedPaths.put(path, url);
            }
        }
        if (query == null || query.isEmpty()) {
            return url;
        }
        HttpUrl.Builder builder = url.newBuilder();
        query.forEach((name, value) -> {
            if (value != null) {
                builder.addQueryParameter(name, value);
            }
        });
        return builder.build();
    }

    Request.Builder newRequest(HttpUrl url, String accept) {
        Request.Builder builder = new Request.Builder().url(url).headers(commonHeaders);
        if (!acceptIsCustom) {
            builder.addHeader("Accept", accept);
        }
        return builder;
    }

    Request logged(Request.Builder builder, byte[] loggedBody) {
        Request request = builder.build();
        logger.request(request, loggedBody == null ? new byte[0] : loggedBody);
        return request;
    }

    /**
     * Sends {@code request} on the calling thread once it is admitted and hands the response to {@code reader}; the
     * call holds its place until the reader returns and the response is closed.
     *
     * @throws io.github.qwenlangchain4j.QwenCallLimitException when a {@code maxConcurrentCalls} limit stayed full
     *                                                          for the whole timeout
     */
    <R> R exchange(Request request, ResponseReader<R> reader) throws IOException {
        try (Admission admission = admit();
                Response response = admission.newCall(request).execute()) {
            return reader.read(response);
        }
    }

    /** Reads a response while its call holds its place. */
    interface ResponseReader<R> {
        R read(Response response) throws IOException;
    }

    /**
     * Admits one call: through the {@link CallGate} ({@code maxConcurrentCalls}), then, over HTTP/2, into a lane with
     * room ({@link Http2Lanes}). Both waits count toward the call's timeout.
     *
     * @throws io.github.qwenlangchain4j.QwenCallLimitException when a {@code maxConcurrentCalls} limit stayed full
     * @throws IOException when no HTTP/2 connection had room within the timeout
     */
    Admission admit() throws IOException {
        CallGate.Permit permit = gate.enter(timeout);
        if (lanes == null) {
            return new Admission(permit, null, permit.waited());
        }
        long start = System.nanoTime();
        try {
            Http2Lanes.Slot slot = lanes.enter(timeout.minus(permit.waited()));
            return new Admission(permit, slot, permit.waited().plusNanos(System.nanoTime() - start));
        } catch (IOException | RuntimeException e) {
            permit.close();
            throw e;
        }
    }

    /** Read timeout of each call, also the longest wait for a {@code maxConcurrentCalls} limit. */
    Duration timeout() {
        return timeout;
    }

    /** An admitted call's place: its call is made on the lane's connection pool, and closing it lets the next in. */
    final class Admission implements AutoCloseable {
        private final CallGate.Permit permit;
        private final Http2Lanes.Slot slot;
        private final Duration waited;

        private Admission(CallGate.Permit permit, Http2Lanes.Slot slot, Duration waited) {
            this.permit = permit;
            this.slot = slot;
            this.waited = waited;
        }

        /**
         * A call of {@code request}. One that waited to be admitted gets what is left of the timeout to connect and to
         * receive its response's headers: the wait counts toward the timeout. (A stream then restores the full
         * timeout between its events, see {@link EventStreams}.)
         */
        Call newCall(Request request) {
            if (slot != null) {
                request = request.newBuilder().tag(Http2Lanes.Slot.class, slot).build(); // see Http2Lanes.CONNECTED
            }
            OkHttpClient client = slot == null || slot.lane().pool() == null ? http : laneClient(slot.lane());
            if (waited.isZero()) {
                return client.newCall(request);
            }
            long left = Math.max(1, timeout.minus(waited).toMillis());
            return client.newBuilder()
                    .connectTimeout(Math.min(left, connectTimeout.toMillis()), TimeUnit.MILLISECONDS)
                    .readTimeout(left, TimeUnit.MILLISECONDS)
                    .writeTimeout(left, TimeUnit.MILLISECONDS)
                    .build()
                    .newCall(request);
        }

        @Override
        public void close() {
            if (slot != null) {
                slot.close();
            }
            permit.close();
        }
    }

    private OkHttpClient laneClient(Http2Lanes.Lane lane) {
        return laneClients.computeIfAbsent(
                lane, l -> http.newBuilder().connectionPool(l.pool()).build());
    }

    /** The retry policy this client was built with. */
    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    private <R> R withRetries(Supplier<R> attempt) {
        return withRetries(attempt, failure -> true);
    }

    /** Runs {@code attempt}, retrying failures the policy allows and {@code mayRetry} accepts. */
    <R> R withRetries(Supplier<R> attempt, Predicate<RuntimeException> mayRetry) {
        RetryPolicy.Attempts attempts = new RetryPolicy.Attempts();
        while (true) {
            try {
                return attempt.get();
            } catch (RuntimeException failure) {
                Duration delay = retryPolicy.delayAfter(failure, attempts, mayRetry.test(failure));
                if (delay == null) {
                    throw failure;
                }
                RetryPolicy.sleep(delay, failure);
            }
        }
    }

    /** The server's {@code Retry-After} carried by a mapped failure, or null. */
    public static Duration retryAfterOf(RuntimeException failure) {
        return failure.getCause() instanceof QwenApiError apiError ? apiError.retryAfter() : null;
    }

    private static Duration retryAfter(Response response) {
        String value = response.header(SharedHttp.RETRY_AFTER, response.header("Retry-After"));
        if (value == null) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip())));
        } catch (NumberFormatException e) {
            return null; // an HTTP date: rare enough to fall back to our own backoff
        }
    }

    static String requestId(Response response) {
        String id = response.header("x-request-id");
        return id != null ? id : response.header("x-dashscope-request-id");
    }

    /** Serialises a request body once, so that retries resend the same bytes. */
    public static byte[] toJson(Object body) {
        return serialize(body);
    }

    private static byte[] serialize(Object body) {
        try {
            return Json.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Could not serialise the request to JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String stripTrailingSlash(String url) {
        String trimmed = url.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }

    @Override
    public String toString() {
        return "QwenClient{baseUrl=" + baseUrlText + ", apiKey=" + Redactor.MASK + "}";
    }

    /**
     * A parsed response and the request id it came with.
     *
     * @param body      the parsed body
     * @param requestId the {@code x-request-id} header, or null when the server sent none
     */
    public record Result<T>(T body, String requestId) {}

    /** Builder of {@link QwenClient}; every setting except apiKey and baseUrl has a default. */
    public static final class Builder {

        private String apiKey;
        private String baseUrl;
        private Duration timeout;
        private RetryPolicy retryPolicy;
        private Map<String, String> customHeaders;
        private boolean logRequests;
        private boolean logResponses;
        private OkHttpClient httpClient;
        private Proxy proxy;
        private String proxyUsername;
        private String proxyPassword;
        private Integer maxConcurrentCalls;

        public Builder apiKey(String apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        public Builder baseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        /** The endpoint from a model builder's settings: {@code baseUrl} wins, then {@code region}, then Singapore. */
        public Builder endpoint(String baseUrl, QwenRegion region) {
            this.baseUrl = baseUrl != null ? baseUrl : (region != null ? region : QwenRegion.SINGAPORE).baseUrl();
            return this;
        }

        /** Retries with the default backoff; null means the default count. */
        public Builder maxRetries(Integer maxRetries) {
            this.retryPolicy =
                    RetryPolicy.withMaxRetries(maxRetries == null ? RetryPolicy.DEFAULT_MAX_RETRIES : maxRetries);
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = retryPolicy;
            return this;
        }

        public Builder customHeaders(Map<String, String> customHeaders) {
            this.customHeaders = customHeaders == null ? null : new LinkedHashMap<>(customHeaders);
            return this;
        }

        public Builder logRequests(boolean logRequests) {
            this.logRequests = logRequests;
            return this;
        }

        public Builder logResponses(boolean logResponses) {
            this.logResponses = logResponses;
            return this;
        }

        /**
         * The OkHttp client to derive from; defaults to the library's shared one. See {@code SharedHttp.derive} for
         * what of it is kept.
         */
        public Builder httpClient(OkHttpClient httpClient) {
            this.httpClient = httpClient;
            return this;
        }

        /** The proxy to go through (null: the client's, by default none); wins over the http client's. */
        public Builder proxy(Proxy proxy) {
            this.proxy = proxy;
            return this;
        }

        /** Basic credentials for an HTTP proxy's challenges; both null for none. */
        public Builder proxyAuthentication(String username, String password) {
            this.proxyUsername = username;
            this.proxyPassword = password;
            return this;
        }

        /** At most this many calls at once, shared (see {@link CallGate}); null for no limit. */
        public Builder maxConcurrentCalls(Integer maxConcurrentCalls) {
            this.maxConcurrentCalls = maxConcurrentCalls;
            return this;
        }

        public QwenClient build() {
            return new QwenClient(this);
        }
    }
}
