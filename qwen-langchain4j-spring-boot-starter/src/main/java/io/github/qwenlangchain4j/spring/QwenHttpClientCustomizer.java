package io.github.qwenlangchain4j.spring;

import okhttp3.OkHttpClient;

/**
 * Customizes the OkHttp client every auto-configured Qwen bean is built with: add interceptors, trust a corporate
 * CA ({@code sslSocketFactory}), set a DNS, an event listener or a proxy selector. Declare one or more as beans;
 * they are applied in their {@code @Order} to one {@code new OkHttpClient.Builder()}, built once and shared by all
 * Qwen beans (chat, streaming, embeddings, Responses, batch).
 *
 * <p>The library derives each model's client from it, so the library's guarantees still hold: its timeouts
 * ({@code langchain4j.qwen.timeout}) replace the builder's, retries stay the library's ({@code max-retries};
 * OkHttp's {@code retryOnConnectionFailure} is turned off), calls run on the library's daemon dispatcher, and
 * {@code langchain4j.qwen.proxy.*}, when set, replaces the builder's proxy and proxy authenticator. Interceptors
 * you add see the {@code Authorization} header with the API key: redact it if they log headers. Without a
 * customizer every Qwen bean shares the library's own client.
 */
@FunctionalInterface
public interface QwenHttpClientCustomizer {

    /**
     * Customizes the builder of the client the Qwen beans derive theirs from.
     *
     * @param builder the builder, the same for every customizer
     */
    void customize(OkHttpClient.Builder builder);
}
