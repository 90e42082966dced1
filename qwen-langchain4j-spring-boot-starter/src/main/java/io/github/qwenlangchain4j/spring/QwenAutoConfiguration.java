package io.github.qwenlangchain4j.spring;

import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.embedding.listener.EmbeddingModelListener;
import io.github.qwenlangchain4j.QwenBaseChatModel;
import io.github.qwenlangchain4j.QwenChatModel;
import io.github.qwenlangchain4j.QwenSearchOptions;
import io.github.qwenlangchain4j.QwenStreamingChatModel;
import io.github.qwenlangchain4j.embedding.QwenEmbeddingModel;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the Qwen models from {@link QwenProperties} ({@code langchain4j.qwen.*}).
 *
 * <p>When {@code langchain4j.qwen.api-key} has text, it creates a {@link QwenChatModel} and a
 * {@link QwenStreamingChatModel} (both from {@code chat-model.*}, switched off by
 * {@code langchain4j.qwen.chat-model.enabled=false}) and, when qwen-langchain4j-embeddings is on the classpath, a
 * {@link QwenEmbeddingModel} ({@code embedding-model.*}, switched off by
 * {@code langchain4j.qwen.embedding-model.enabled=false}). Each backs off when the application defines a bean of
 * the same type. {@link ChatModelListener} and {@link EmbeddingModelListener} beans are attached in their
 * {@code @Order}. Without a key nothing is created and nothing fails; an invalid option fails the startup with a
 * message that names the property.
 */
@AutoConfiguration
@EnableConfigurationProperties(QwenProperties.class)
@Conditional(OnQwenApiKeyCondition.class)
public class QwenAutoConfiguration {

    private static final String PREFIX = QwenProperties.PREFIX + ".";
    private static final String CHAT = PREFIX + "chat-model.";
    private static final String SEARCH = CHAT + "search-options.";
    private static final String EMBEDDING = PREFIX + "embedding-model.";

    /** Binds {@code langchain4j.qwen.region} with a message that lists the regions when the value names none. */
    @Bean
    @ConfigurationPropertiesBinding
    static QwenRegionConverter qwenRegionConverter() {
        return new QwenRegionConverter();
    }

    /**
     * Masks the API key and custom header values in the actuator's {@code configprops} and {@code env} endpoints.
     * Spring Boot 3 and 4 mask nothing by key when {@code show-values} is {@code always} or {@code when-authorized}.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.SanitizingFunction")
    static class ActuatorSanitizingConfiguration {

        @Bean
        org.springframework.boot.actuate.endpoint.SanitizingFunction qwenSecretsSanitizingFunction() {
            return data -> {
                String key = data.getLowerCaseKey().replace("-", "").replace("_", "");
                boolean secret = key.equals("apikey") || key.endsWith(".apikey") || key.contains("customheaders");
                return secret && (key.startsWith("langchain4j.qwen") || !key.contains(".")
                        || key.startsWith("chatmodel.") || key.startsWith("embeddingmodel."))
                        ? data.withSanitizedValue() : data;
            };
        }
    }

    /** The chat and streaming chat models, from {@code langchain4j.qwen.chat-model.*}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "langchain4j.qwen.chat-model.enabled", matchIfMissing = true)
    static class ChatModelConfiguration {

        @Bean
        @ConditionalOnMissingBean
        QwenChatModel qwenChatModel(QwenProperties properties, ObjectProvider<ChatModelListener> listeners) {
            return buildChatModel(QwenChatModel.builder(), properties, listeners);
        }

        @Bean
        @ConditionalOnMissingBean
        QwenStreamingChatModel qwenStreamingChatModel(
                QwenProperties properties, ObjectProvider<ChatModelListener> listeners) {
            return buildChatModel(QwenStreamingChatModel.builder(), properties, listeners);
        }
    }

    /** The embedding model, from {@code langchain4j.qwen.embedding-model.*}; needs qwen-langchain4j-embeddings. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(QwenEmbeddingModel.class)
    @ConditionalOnBooleanProperty(name = "langchain4j.qwen.embedding-model.enabled", matchIfMissing = true)
    static class EmbeddingModelConfiguration {

        @Bean
        @ConditionalOnMissingBean
        QwenEmbeddingModel qwenEmbeddingModel(
                QwenProperties properties, ObjectProvider<EmbeddingModelListener> listeners) {
            QwenProperties.EmbeddingModel embedding = properties.getEmbeddingModel();
            BuilderOptions options = connectionOptions(new BuilderOptions(PREFIX + "embedding-model"), properties)
                    .option("modelName", EMBEDDING + "model-name", embedding.getModelName())
                    .option("dimensions", EMBEDDING + "dimensions", embedding.getDimensions())
                    .option("maxSegmentsPerBatch", EMBEDDING + "max-segments-per-batch",
                            embedding.getMaxSegmentsPerBatch())
                    .option("maxConcurrentRequests", EMBEDDING + "max-concurrent-requests",
                            embedding.getMaxConcurrentRequests());
            return options.build(() -> QwenEmbeddingModel.builder()
                    .apiKey(properties.getApiKey())
                    .region(properties.getRegion())
                    .baseUrl(properties.getBaseUrl())
                    .timeout(properties.getTimeout())
                    .maxRetries(properties.getMaxRetries())
                    .logRequests(properties.getLogRequests())
                    .logResponses(properties.getLogResponses())
                    .modelName(embedding.getModelName())
                    .dimensions(embedding.getDimensions())
                    .maxSegmentsPerBatch(embedding.getMaxSegmentsPerBatch())
                    .maxConcurrentRequests(embedding.getMaxConcurrentRequests())
                    .customHeaders(emptyToNull(embedding.getCustomHeaders()))
                    .listeners(listeners.orderedStream().toList())
                    .build());
        }
    }

    private static <M, B extends QwenBaseChatModel.Builder<M, B>> M buildChatModel(
            B builder, QwenProperties properties, ObjectProvider<ChatModelListener> listeners) {
        QwenProperties.ChatModel chat = properties.getChatModel();
        QwenProperties.SearchOptions search = chat.getSearchOptions();
        BuilderOptions options = connectionOptions(new BuilderOptions(PREFIX + "chat-model"), properties)
                .option("modelName", CHAT + "model-name", chat.getModelName())
                .option("temperature", CHAT + "temperature", chat.getTemperature())
                .option("topP", CHAT + "top-p", chat.getTopP())
                .option("topK", CHAT + "top-k", chat.getTopK())
                .option("maxTokens", CHAT + "max-tokens", chat.getMaxTokens())
                .option("maxOutputTokens", CHAT + "max-tokens", chat.getMaxTokens())
                .option("stop", CHAT + "stop", chat.getStop())
                .option("stopSequences", CHAT + "stop", chat.getStop())
                .option("seed", CHAT + "seed", chat.getSeed())
                .option("presencePenalty", CHAT + "presence-penalty", chat.getPresencePenalty())
                .option("repetitionPenalty", CHAT + "repetition-penalty", chat.getRepetitionPenalty())
                .option("thinkingBudget", CHAT + "thinking-budget", chat.getThinkingBudget())
                .option("customParameters", CHAT + "custom-parameters", chat.getCustomParameters())
                .option("forcedSearch", SEARCH + "forced-search", search.getForcedSearch())
                .option("searchStrategy", SEARCH + "search-strategy", search.getSearchStrategy())
                .option("enableSearchExtension", SEARCH + "enable-search-extension", search.getEnableSearchExtension())
                .option("freshness", SEARCH + "freshness", search.getFreshness())
                .option("assignedSiteList", SEARCH + "assigned-site-list", search.getAssignedSiteList());
        return options.build(() -> builder
                .apiKey(properties.getApiKey())
                .region(properties.getRegion())
                .baseUrl(properties.getBaseUrl())
                .timeout(properties.getTimeout())
                .maxRetries(properties.getMaxRetries())
                .logRequests(properties.getLogRequests())
                .logResponses(properties.getLogResponses())
                .modelName(chat.getModelName())
                .temperature(chat.getTemperature())
                .topP(chat.getTopP())
                .topK(chat.getTopK())
                .maxTokens(chat.getMaxTokens())
                .stop(chat.getStop())
                .seed(chat.getSeed())
                .presencePenalty(chat.getPresencePenalty())
                .repetitionPenalty(chat.getRepetitionPenalty())
                .enableThinking(chat.getEnableThinking())
                .thinkingBudget(chat.getThinkingBudget())
                .enableSearch(chat.getEnableSearch())
                .searchOptions(searchOptions(search))
                .vlHighResolutionImages(chat.getVlHighResolutionImages())
                .enableCodeInterpreter(chat.getEnableCodeInterpreter())
                .parallelToolCalls(chat.getParallelToolCalls())
                .sendThinking(chat.getSendThinking())
                .customParameters(emptyToNull(chat.getCustomParameters()))
                .customHeaders(emptyToNull(chat.getCustomHeaders()))
                .listeners(listeners.orderedStream().toList())
                .build());
    }

    private static QwenSearchOptions searchOptions(QwenProperties.SearchOptions search) {
        if (search.isEmpty()) {
            return null;
        }
        return QwenSearchOptions.builder()
                .forcedSearch(search.getForcedSearch())
                .searchStrategy(search.getSearchStrategy())
                .enableSearchExtension(search.getEnableSearchExtension())
                .freshness(search.getFreshness())
                .assignedSiteList(search.getAssignedSiteList())
                .build();
    }

    /** The shared connection options; never the API key, whose value must not reach a message. */
    private static BuilderOptions connectionOptions(BuilderOptions options, QwenProperties properties) {
        return options
                .option("baseUrl", PREFIX + "base-url", properties.getBaseUrl())
                .option("timeout", PREFIX + "timeout", properties.getTimeout())
                .option("maxRetries", PREFIX + "max-retries", properties.getMaxRetries());
    }

    private static <K, V> Map<K, V> emptyToNull(Map<K, V> map) {
        return map == null || map.isEmpty() ? null : map;
    }
}
