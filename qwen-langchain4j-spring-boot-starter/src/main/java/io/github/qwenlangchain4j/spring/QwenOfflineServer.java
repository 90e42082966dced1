package io.github.qwenlangchain4j.spring;

/**
 * The offline Qwen every bean calls when {@code langchain4j.qwen.offline=true}: the base URL and key of the
 * {@code QwenMockServer} that {@link QwenOfflineAutoConfiguration} started, and how to stop it. A type of the
 * starter's own, so that the beans that use it do not need the testkit's classes. Closed with the application
 * context.
 */
final class QwenOfflineServer implements AutoCloseable {

    private final String baseUrl;
    private final String apiKey;
    private final Runnable stop;

    QwenOfflineServer(String baseUrl, String apiKey, Runnable stop) {
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
        this.stop = stop;
    }

    /** The compatible-mode base URL of the mock. */
    String baseUrl() {
        return baseUrl;
    }

    /** The key the mock accepts (its well-known offline key, not a secret). */
    String apiKey() {
        return apiKey;
    }

    /** Stops the mock and frees its port. */
    @Override
    public void close() {
        stop.run();
    }

    @Override
    public String toString() {
        return "QwenOfflineServer{baseUrl=" + baseUrl + '}';
    }
}
