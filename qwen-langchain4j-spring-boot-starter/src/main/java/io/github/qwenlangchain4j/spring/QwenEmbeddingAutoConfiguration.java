package io.github.qwenlangchain4j.spring;

import dev.langchain4j.model.embedding.listener.EmbeddingModelListener;
import io.github.qwenlangchain4j.embedding.QwenEmbeddingModel;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@link QwenEmbeddingModel} bean {@code qwenEmbeddingModel}, from {@code langchain4j.qwen.embedding-model.*} and
 * the shared connection, with the {@link EmbeddingModelListener} beans in their {@code @Order}. On when an API key is
 * set and qwen-langchain4j-embeddings is on the classpath; off with
 * {@code langchain4j.qwen.embedding-model.enabled=false}; backs off when the application defines a
 * {@link QwenEmbeddingModel}.
 */
@AutoConfiguration(after = QwenConnectionAutoConfiguration.class)
@ConditionalOnQwenApiKey
@ConditionalOnClass(QwenEmbeddingModel.class)
@ConditionalOnBooleanProperty(name = QwenProperties.PREFIX + ".embedding-model.enabled", matchIfMissing = true)
public class QwenEmbeddingAutoConfiguration {

    /** Creates the auto-configuration; Spring Boot instantiates it from its {@code AutoConfiguration.imports}. */
    public QwenEmbeddingAutoConfiguration() {}

    @Bean
    @ConditionalOnMissingBean
    QwenEmbeddingModel qwenEmbeddingModel(
            QwenProperties properties, QwenHttpClient http, ObjectProvider<EmbeddingModelListener> listeners) {
        return EmbeddingModelFactory.build(
                properties,
                QwenProperties.PREFIX + ".embedding-model",
                properties.embeddingModel(),
                ConnectionOverrides.NONE,
                http,
                listeners);
    }
}
