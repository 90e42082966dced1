package io.github.qwenlangchain4j.internal.client;

import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * The one OkHttp client the whole library derives from with {@code newBuilder()}, so every model shares one
 * connection pool and one dispatcher. OkHttp's defaults (5 concurrent async calls per host, 5 idle connections)
 * would make parallel streams and embedding batches wait on each other, so both limits are raised.
 */
final class SharedHttp {

    static final OkHttpClient CLIENT = create();

    private SharedHttp() {}

    private static OkHttpClient create() {
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(256);
        dispatcher.setMaxRequestsPerHost(256);
        return new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(64, 5, TimeUnit.MINUTES))
                .retryOnConnectionFailure(false) // retries are ours: counted, backed off and never after partial output
                .build();
    }
}
