/**
 * Spring Boot auto-configuration of the Qwen models, bound from
 * {@link io.github.qwenlangchain4j.spring.QwenProperties} ({@code langchain4j.qwen.*}) when
 * {@code langchain4j.qwen.api-key} is set. One auto-configuration per capability, each switched and overridden on
 * its own: {@link io.github.qwenlangchain4j.spring.QwenConnectionAutoConfiguration} (the properties and the shared
 * HTTP client), {@link io.github.qwenlangchain4j.spring.QwenChatAutoConfiguration},
 * {@link io.github.qwenlangchain4j.spring.QwenStreamingChatAutoConfiguration},
 * {@link io.github.qwenlangchain4j.spring.QwenEmbeddingAutoConfiguration},
 * {@link io.github.qwenlangchain4j.spring.QwenNamedModelsAutoConfiguration},
 * {@link io.github.qwenlangchain4j.spring.QwenResponsesAutoConfiguration},
 * {@link io.github.qwenlangchain4j.spring.QwenRerankAutoConfiguration},
 * {@link io.github.qwenlangchain4j.spring.QwenBatchAutoConfiguration} and
 * {@link io.github.qwenlangchain4j.spring.QwenObservationAutoConfiguration} (Micrometer traces and OpenTelemetry GenAI
 * metrics, when Micrometer is present).
 *
 * <p>Without a key, {@link io.github.qwenlangchain4j.spring.QwenApiKeyReporter} says at startup what is skipped, and
 * {@link io.github.qwenlangchain4j.spring.QwenMissingApiKeyFailureAnalyzer} explains a startup that fails for want of
 * a model bean. {@link io.github.qwenlangchain4j.spring.QwenRuntimeHints} gives GraalVM native images the reflection
 * Jackson needs.
 */
package io.github.qwenlangchain4j.spring;
