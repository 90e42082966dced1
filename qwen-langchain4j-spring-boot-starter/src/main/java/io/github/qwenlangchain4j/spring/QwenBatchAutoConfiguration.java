package io.github.qwenlangchain4j.spring;

import dev.langchain4j.model.chat.BatchChatModel;
import dev.langchain4j.model.embedding.BatchEmbeddingModel;
import io.github.qwenlangchain4j.batch.QwenBatchChat;
import io.github.qwenlangchain4j.batch.QwenBatchChatModel;
import io.github.qwenlangchain4j.batch.QwenBatchChatOptions;
import io.github.qwenlangchain4j.batch.QwenBatches;
import io.github.qwenlangchain4j.embedding.QwenBatchEmbeddingModel;
import io.github.qwenlangchain4j.embedding.QwenBatchEmbeddingOptions;
import io.github.qwenlangchain4j.embedding.QwenBatchEmbeddings;
import io.github.qwenlangchain4j.files.QwenFiles;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Batch API clients, from the shared connection: {@link QwenFiles}, {@link QwenBatches}, {@link QwenBatchChat}
 * and LangChain4j's {@link BatchChatModel} ({@link QwenBatchChatModel}) (whole chat batches at half price, with
 * {@code chat-model.model-name}) and, with qwen-langchain4j-embeddings, {@link QwenBatchEmbeddings} and LangChain4j's
 * {@link BatchEmbeddingModel} ({@link QwenBatchEmbeddingModel}) (with {@code embedding-model.model-name} and
 * {@code dimensions}). On when an API key is set, whatever the models' {@code enabled} switches say; each backs off
 * when the application defines a bean of its type (for the LangChain4j models: of the LangChain4j interface, so that
 * another provider's batch model wins). Creating them sends nothing.
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
        QwenBatchChat.Builder builder = chatBatch(QwenBatchChat.builder(), properties, http);
        return PropertyChecks.build(QwenProperties.PREFIX, builder::build);
    }

    @Bean
    @ConditionalOnMissingBean(BatchChatModel.class)
    QwenBatchChatModel qwenBatchChatModel(QwenProperties properties, QwenHttpClient http) {
        QwenBatchChatModel.Builder builder = chatBatch(QwenBatchChatModel.builder(), properties, http);
        return PropertyChecks.build(QwenProperties.PREFIX, builder::build);
    }

    /** The shared connection and the chat model name, on a chat batch builder. */
    private static <B extends QwenBatchChatOptions<?, B>> B chatBatch(
            B builder, QwenProperties properties, QwenHttpClient http) {
        return QwenConnections.apply(builder, properties, http)
                .modelName(ChatModelFactory.modelName(
                        QwenChatAutoConfiguration.SECTION + ".model-name",
                        properties.chatModel().modelName()));
    }

    /** {@link QwenBatchEmbeddings} and {@link QwenBatchEmbeddingModel}, when qwen-langchain4j-embeddings is there. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(QwenBatchEmbeddings.class)
    static class BatchEmbeddingsConfiguration {

        @Bean
        @ConditionalOnMissingBean
        QwenBatchEmbeddings qwenBatchEmbeddings(QwenProperties properties, QwenHttpClient http) {
            QwenBatchEmbeddings.Builder builder = embeddingBatch(QwenBatchEmbeddings.builder(), properties, http);
            return PropertyChecks.build(QwenProperties.PREFIX, builder::build);
        }

        @Bean
        @ConditionalOnMissingBean(BatchEmbeddingModel.class)
        QwenBatchEmbeddingModel qwenBatchEmbeddingModel(QwenProperties properties, QwenHttpClient http) {
            QwenBatchEmbeddingModel.Builder builder =
                    embeddingBatch(QwenBatchEmbeddingModel.builder(), properties, http);
            return PropertyChecks.build(QwenProperties.PREFIX, builder::build);
        }

        /** The shared connection and the embedding model's name and dimensions, on an embedding batch builder. */
        private static <B extends QwenBatchEmbeddingOptions<?, B>> B embeddingBatch(
                B builder, QwenProperties properties, QwenHttpClient http) {
            String at = QwenProperties.PREFIX + ".embedding-model.";
            QwenProperties.EmbeddingModel embedding = properties.embeddingModel();
            String modelName = EmbeddingModelFactory.modelName(at, embedding);
            return QwenConnections.apply(builder, properties, http)
                    .modelName(modelName)
                    .dimensions(EmbeddingModelFactory.dimensions(at, modelName, embedding));
        }
    }
}
