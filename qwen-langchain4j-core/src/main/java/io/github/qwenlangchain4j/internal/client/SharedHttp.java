package io.github.qwenlangchain4j.internal.client;

import java.io.IOException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Response;

/**
 * The one OkHttp client the whole library derives from with {@code newBuilder()}, so every model shares one
 * connection pool and one dispatcher. OkHttp's defaults (5 concurrent async calls per host, 5 idle connections)
 * would make parallel streams and embedding batches wait on each other, so both limits are raised.
 *
 * <p>The dispatcher's threads are daemon threads: OkHttp's default ones are not, and idle ones linger for 60 s, so
 * a program that streamed once would stay alive a minute after {@code main} returned. A library must never keep a
 * process alive; a program that wants a stream to finish waits for its handler, as it would with the JDK's
 * {@code HttpClient}.
 */
final class SharedHttp {

    /** Where {@link #hideRetryAfterFromOkHttp} moves a response's {@code Retry-After}. */
    static final String RETRY_AFTER = "X-Qwen-Retry-After";

    /** One instance, so that a user's client derived twice does not get the interceptor twice. */
    private static final Interceptor HIDE_RETRY_AFTER = SharedHttp::hideRetryAfterFromOkHttp;

    static final OkHttpClient CLIENT = create();

    private SharedHttp() {}

    private static OkHttpClient create() {
        Dispatcher dispatcher = new Dispatcher(new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), SharedHttp::daemonThread));
        dispatcher.setMaxRequests(256);
        dispatcher.setMaxRequestsPerHost(256);
        return new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(64, 5, TimeUnit.MINUTES))
                .retryOnConnectionFailure(false) // retries are ours: counted, backed off and never after partial output
                .addNetworkInterceptor(HIDE_RETRY_AFTER)
                .build();
    }

    /**
     * A builder derived from the shared client or, when the user brought one, from theirs. From theirs it keeps
     * everything (interceptors, certificates, proxy, DNS, connection pool, event listener) except what our
     * guarantees rest on: our daemon dispatcher, OkHttp's silent retries off (ours are counted and backed off) and
     * the network interceptor that keeps OkHttp from repeating a {@code Retry-After: 0} response. The caller then
     * sets the timeouts. OkHttp itself drops the {@code Authorization} header on a redirect to another host,
     * whichever client it is.
     */
    static OkHttpClient.Builder derive(OkHttpClient theirs) {
        if (theirs == null) {
            return CLIENT.newBuilder();
        }
        OkHttpClient.Builder builder = theirs.newBuilder()
                .dispatcher(CLIENT.dispatcher())
                .retryOnConnectionFailure(false);
        if (!theirs.networkInterceptors().contains(HIDE_RETRY_AFTER)) {
            builder.addNetworkInterceptor(HIDE_RETRY_AFTER);
        }
        return builder;
    }

    private static Thread daemonThread(Runnable runnable) {
        Thread thread = new Thread(runnable, "qwen-langchain4j OkHttp Dispatcher");
        thread.setDaemon(true);
        return thread;
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
        return response.newBuilder().removeHeader("Retry-After").header(RETRY_AFTER, retryAfter).build();
    }
}
