package io.github.qwenlangchain4j.spring;

import java.util.List;
import okhttp3.OkHttpClient;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The OkHttp client the {@link QwenHttpClientCustomizer} beans describe, built once per application context so that
 * every Qwen bean shares its connection pool; none (the library's shared client) when there is no customizer. Closed
 * with the context: its idle connections are closed then rather than minutes later.
 */
final class QwenHttpClient implements AutoCloseable {

    private final OkHttpClient client;

    private QwenHttpClient(OkHttpClient client) {
        this.client = client;
    }

    static QwenHttpClient of(ObjectProvider<QwenHttpClientCustomizer> customizers) {
        List<QwenHttpClientCustomizer> ordered = customizers.orderedStream().toList();
        if (ordered.isEmpty()) {
            return new QwenHttpClient(null);
        }
        OkHttpClient.Builder builder = new OkHttpClient.Builder();
        ordered.forEach(customizer -> customizer.customize(builder));
        return new QwenHttpClient(builder.build());
    }

    /** The customized client, or null for the library's shared one. */
    OkHttpClient client() {
        return client;
    }

    /** Closes the idle connections of the customized client; its calls run on the library's dispatcher. */
    @Override
    public void close() {
        if (client != null) {
            client.connectionPool().evictAll();
        }
    }
}
