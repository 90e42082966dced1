package io.github.qwenlangchain4j.spring;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The named models: a {@code QwenChatModel} {@code NAMEChatModel} and a {@code QwenStreamingChatModel}
 * {@code NAMEStreamingChatModel} per {@code langchain4j.qwen.chat-models.NAME.*} and, with
 * qwen-langchain4j-embeddings, a {@code QwenEmbeddingModel} {@code NAMEEmbeddingModel} per
 * {@code langchain4j.qwen.embedding-models.NAME.*} (a kebab-case name becomes camelCase: {@code fast-router} gives
 * {@code fastRouterChatModel}). Each is built like the default model of its type, with the section's own connection
 * overrides; a bean the application defines under the same name wins. On when an API key is set, whatever
 * {@code chat-model.enabled} and {@code embedding-model.enabled} say (each name has its own {@code enabled}). After
 * the auto-configurations of the default models, whose beans it makes {@code @Primary} when named ones exist, so
 * that by-type injection keeps getting them.
 */
@AutoConfiguration(
        after = {
            QwenConnectionAutoConfiguration.class,
            QwenChatAutoConfiguration.class,
            QwenStreamingChatAutoConfiguration.class,
            QwenEmbeddingAutoConfiguration.class
        })
@ConditionalOnQwenApiKey
public class QwenNamedModelsAutoConfiguration {

    /** Creates the auto-configuration; Spring Boot instantiates it from its {@code AutoConfiguration.imports}. */
    public QwenNamedModelsAutoConfiguration() {}

    /**
     * Registers the beans of the named models; static, as a registry post-processor must be.
     *
     * @return the registrar
     */
    @Bean
    static NamedQwenModels qwenNamedModels() {
        return new NamedQwenModels();
    }
}
