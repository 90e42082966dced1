package io.github.qwenlangchain4j.internal.client;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Response;

/**
 * The one OkHttp client the whole library derives from with {@code newBuilder()}, so every model shares one
 * connection pool. OkHttp's default of 5 idle connections would close connections that parallel streams and
 * embedding batches reuse a moment later, so the pool keeps more.
 *
 * <p>No call goes through OkHttp's {@code Dispatcher} queue: its default admits 5 asynchronous calls per host and
 * 64 in all and queues the rest silently. Sync calls run on the caller's thread ({@code Call.execute()}, which the
 * dispatcher only counts), and streams on their own thread ({@link StreamThreads}), also with {@code execute()}. A
 * call therefore starts when it is made, unless the user set {@code maxConcurrentCalls} ({@link CallGate}).
 */
final class SharedHttp {

    /** Where {@link #hideRetryAfterFromOkHttp} moves a response's {@code Retry-After}. */
    static final String RETRY_AFTER = "X-Qwen-Retry-After";

    /** One instance, so that a user's client derived twice does not get the interceptor twice. */
    private static final Interceptor HIDE_RETRY_AFTER = SharedHttp::hideRetryAfterFromOkHttp;

    static final OkHttpClient CLIENT = create();

    private SharedHttp() {}

    private static OkHttpClient create() {
        return new OkHttpClient.Builder()
                // HTTP/2 where the server offers it (TLS, ALPN), else HTTP/1.1. Http2Lanes keeps each HTTP/2
                // connection within the streams servers allow, which OkHttp alone does not during a burst.
                .protocols(List.of(Protocol.HTTP_2, Protocol.HTTP_1_1))
                .connectionPool(new ConnectionPool(64, 5, TimeUnit.MINUTES))
                .retryOnConnectionFailure(false) // retries are ours: counted, backed off and never after partial output
                .addNetworkInterceptor(HIDE_RETRY_AFTER)
                .addNetworkInterceptor(Http2Lanes.CONNECTED)
                .build();
    }

    /**
     * A builder derived from the shared client or, when the user brought one, from theirs. From theirs it keeps
     * everything (interceptors, certificates, proxy, DNS, connection pool, event listener) except what our
     * guarantees rest on: OkHttp's silent retries off (ours are counted and backed off),
     * the network interceptor that keeps OkHttp from repeating a {@code Retry-After: 0} response, and the one that
     * tells {@link Http2Lanes} a connection is open. The caller then
     * sets the timeouts. OkHttp itself drops the {@code Authorization} header on a redirect to another host,
     * whichever client it is.
     */
    static OkHttpClient.Builder derive(OkHttpClient theirs) {
        if (theirs == null) {
            return CLIENT.newBuilder();
        }
        OkHttpClient.Builder builder = theirs.newBuilder().retryOnConnectionFailure(false);
        if (!theirs.networkInterceptors().contains(HIDE_RETRY_AFTER)) {
            builder.addNetworkInterceptor(HIDE_RETRY_AFTER);
        }
        if (!theirs.networkInterceptors().contains(Http2Lanes.CONNECTED)) {
            builder.addNetworkInterceptor(Http2Lanes.CONNECTED);
        }
        return builder;
    }

    /**
     * OkHttp silently repeats a 503 that says {@code Retry-After: 0}, whatever {@code retryOnConnectionFailure}
     * says; that would double our attempts. Renaming the header keeps OkHttp out, and {@link QwenClient} still
     * honours the value.
     */
    private static Response hideRetryAfterFromOkHttp(Interceptor.Chain chain) throws IOException {
        Response response = chain.proceed(chain.request());
        String retryAfter = response.header("Retry-After");
        if (retryAfter == null) {
            return response;
        }
        return response.newBuilder()
                .removeHeader("Retry-After")
                .header(RETRY_AFTER, retryAfter)
                .build();
    }
}
