package io.github.qwenlangchain4j.spring;

import java.util.List;
import okhttp3.OkHttpClient;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The OkHttp client the {@link QwenHttpClientCustomizer} beans describe, built once per application context so that
 * every Qwen bean shares its connection pool; none (the library's shared client) when there is no customizer. Closed
 * with the context: its idle connections are closed then rather than minutes later. Offline
 * ({@code langchain4j.qwen.offline=true}) it also carries the mock server every bean calls instead of Qwen.
 */
final class QwenHttpClient implements AutoCloseable {

    private final OkHttpClient client;
    private final QwenOfflineServer offline;

    private QwenHttpClient(OkHttpClient client, QwenOfflineServer offline) {
        this.client = client;
        this.offline = offline;
    }

    static QwenHttpClient of(ObjectProvider<QwenHttpClientCustomizer> customizers) {
        return of(customizers, null);
    }

    static QwenHttpClient of(ObjectProvider<QwenHttpClientCustomizer> customizers, QwenOfflineServer offline) {
        List<QwenHttpClientCustomizer> ordered = customizers.orderedStream().toList();
        if (ordered.isEmpty()) {
            return new QwenHttpClient(null, offline);
        }
        OkHttpClient.Builder builder = new OkHttpClient.Builder();
        ordered.forEach(customizer -> customizer.customize(builder));
        return new QwenHttpClient(builder.build(), offline);
    }

    /** The customized client, or null for the library's shared one. */
    OkHttpClient client() {
        return client;
    }

    /** The offline server every bean calls, or null when the beans call Qwen. */
    QwenOfflineServer offline() {
        return offline;
    }

    /** Closes the idle connections of the customized client; its calls run on the library's dispatcher. */
    @Override
    public void close() {
        if (client != null) {
            client.connectionPool().evictAll();
        }
    }
}
