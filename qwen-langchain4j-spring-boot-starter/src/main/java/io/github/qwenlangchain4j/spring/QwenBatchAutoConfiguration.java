package io.github.qwenlangchain4j.spring;

import io.github.qwenlangchain4j.batch.QwenBatchChat;
import io.github.qwenlangchain4j.batch.QwenBatches;
import io.github.qwenlangchain4j.embedding.QwenBatchEmbeddings;
import io.github.qwenlangchain4j.files.QwenFiles;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Batch API clients, from the shared connection: {@link QwenFiles}, {@link QwenBatches}, {@link QwenBatchChat}
 * (whole chat batches at half price, with {@code chat-model.model-name}) and, with qwen-langchain4j-embeddings,
 * {@link QwenBatchEmbeddings} (with {@code embedding-model.model-name} and {@code dimensions}). On when an API key is
 * set, whatever the models' {@code enabled} switches say; each backs off when the application defines a bean of its
 * type. Creating them sends nothing.
 */
@AutoConfiguration(after = QwenConnectionAutoConfiguration.class)
@ConditionalOnQwenApiKey
@ConditionalOnClass(QwenBatches.class)
public class QwenBatchAutoConfiguration {

    /** Creates the auto-configuration; Spring Boot instantiates it from its {@code AutoConfiguration.imports}. */
    public QwenBatchAutoConfiguration() {}

    @Bean
    @ConditionalOnMissingBean
    QwenFiles qwenFiles(QwenProperties properties, QwenHttpClient http) {
        QwenFiles.Builder builder = QwenConnections.apply(QwenFiles.builder(), properties, http);
        return PropertyChecks.build(QwenProperties.PREFIX, builder::build);
    }

    @Bean
    @ConditionalOnMissingBean
    QwenBatches qwenBatches(QwenProperties properties, QwenHttpClient http) {
        QwenBatches.Builder builder = QwenConnections.apply(QwenBatches.builder(), properties, http);
        return PropertyChecks.build(QwenProperties.PREFIX, builder::build);
    }

    @Bean
    @ConditionalOnMissingBean
    QwenBatchChat qwenBatchChat(QwenProperties properties, QwenHttpClient http) {
        QwenBatchChat.Builder builder = QwenConnections.apply(QwenBatchChat.builder(), properties, http)
                .modelName(ChatModelFactory.modelName(
                        QwenChatAutoConfiguration.SECTION + ".model-name",
                        properties.chatModel().modelName()));
        return PropertyChecks.build(QwenProperties.PREFIX, builder::build);
    }

    /** {@link QwenBatchEmbeddings}, when qwen-langchain4j-embeddings is on the classpath. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(QwenBatchEmbeddings.class)
    static class BatchEmbeddingsConfiguration {

        @Bean
        @ConditionalOnMissingBean
        QwenBatchEmbeddings qwenBatchEmbeddings(QwenProperties properties, QwenHttpClient http) {
            String at = QwenProperties.PREFIX + ".embedding-model.";
            QwenProperties.EmbeddingModel embedding = properties.embeddingModel();
            String modelName = EmbeddingModelFactory.modelName(at, embedding);
            QwenBatchEmbeddings.Builder builder = QwenConnections.apply(QwenBatchEmbeddings.builder(), properties, http)
                    .modelName(modelName)
                    .dimensions(EmbeddingModelFactory.dimensions(at, modelName, embedding));
            return PropertyChecks.build(QwenProperties.PREFIX, builder::build);
        }
    }
}
