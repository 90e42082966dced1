/**
 * Spring Boot auto-configuration of the Qwen models: {@link io.github.qwenlangchain4j.spring.QwenAutoConfiguration}
 * creates the {@code QwenChatModel}, {@code QwenStreamingChatModel} and {@code QwenEmbeddingModel} beans from
 * {@link io.github.qwenlangchain4j.spring.QwenProperties} ({@code langchain4j.qwen.*}) when
 * {@code langchain4j.qwen.api-key} is set. Without a key, {@link io.github.qwenlangchain4j.spring.QwenApiKeyReporter}
 * says at startup what is skipped, and {@link io.github.qwenlangchain4j.spring.QwenMissingApiKeyFailureAnalyzer}
 * explains a startup that fails for want of a model bean.
 * {@link io.github.qwenlangchain4j.spring.QwenObservationAutoConfiguration} observes every call with Micrometer
 * (traces and OpenTelemetry GenAI metrics) when Micrometer is present, and
 * {@link io.github.qwenlangchain4j.spring.QwenRuntimeHints} gives GraalVM native images the reflection Jackson needs.
 */
package io.github.qwenlangchain4j.spring;
