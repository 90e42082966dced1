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
                .addNetworkInterceptor(SharedHttp::hideRetryAfterFromOkHttp)
                .build();
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
