package io.github.qwenlangchain4j.spring;

import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.embedding.listener.EmbeddingModelListener;
import dev.langchain4j.model.scoring.ScoringModel;
import io.github.qwenlangchain4j.QwenBaseChatModel;
import io.github.qwenlangchain4j.QwenChatModel;
import io.github.qwenlangchain4j.QwenConnectionBuilder;
import io.github.qwenlangchain4j.QwenSearchOptions;
import io.github.qwenlangchain4j.QwenStreamingChatModel;
import io.github.qwenlangchain4j.embedding.QwenEmbeddingModel;
import io.github.qwenlangchain4j.rerank.QwenScoringModel;
import io.github.qwenlangchain4j.responses.QwenBuiltInTool;
import io.github.qwenlangchain4j.responses.QwenConversations;
import io.github.qwenlangchain4j.responses.QwenResponsesBaseChatModel;
import io.github.qwenlangchain4j.responses.QwenResponsesChatModel;
import io.github.qwenlangchain4j.responses.QwenResponsesStreamingChatModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Fallback;

/**
 * Auto-configuration of the Qwen models from {@link QwenProperties} ({@code langchain4j.qwen.*}).
 *
 * <p>When {@code langchain4j.qwen.api-key} has text, it creates a {@link QwenChatModel} and a
 * {@link QwenStreamingChatModel} (both from {@code chat-model.*}, switched off by
 * {@code langchain4j.qwen.chat-model.enabled=false}) and, when qwen-langchain4j-embeddings is on the classpath, a
 * {@link QwenEmbeddingModel} ({@code embedding-model.*}, switched off by
 * {@code langchain4j.qwen.embedding-model.enabled=false}). With {@code langchain4j.qwen.responses-model.enabled=true}
 * it also creates a {@link QwenResponsesChatModel}, a {@link QwenResponsesStreamingChatModel} and a
 * {@link QwenConversations} ({@code responses-model.*}); the two models are {@link Fallback @Fallback} beans, so that
 * an injection point of type {@code ChatModel} or {@code StreamingChatModel} keeps getting the chat-model bean when
 * both exist. A {@link QwenScoringModel} ({@code scoring-model.*}, switched off by
 * {@code langchain4j.qwen.scoring-model.enabled=false}) re-ranks, e.g. for {@code ReRankingContentAggregator}. Each
 * backs off when the application defines a bean of the same type (the scoring model: any {@code ScoringModel}). {@link ChatModelListener} and
 * {@link EmbeddingModelListener} beans are attached in their {@code @Order}. Without a key nothing is created and
 * nothing fails; an invalid option fails the startup with a message that names the property.
 */
@AutoConfiguration
@EnableConfigurationProperties(QwenProperties.class)
@Conditional(OnQwenApiKeyCondition.class)
public class QwenAutoConfiguration {

    private static final String PREFIX = QwenProperties.PREFIX + ".";
    private static final String CHAT = PREFIX + "chat-model.";
    private static final String SEARCH = CHAT + "search-options.";
    private static final String EMBEDDING = PREFIX + "embedding-model.";
    private static final String RESPONSES = PREFIX + "responses-model.";

    /** Creates the auto-configuration; Spring Boot instantiates it from its {@code AutoConfiguration.imports}. */
    public QwenAutoConfiguration() {}

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
                        || key.startsWith("chatmodel.") || key.startsWith("embeddingmodel.")
                        || key.startsWith("responsesmodel.") || key.startsWith("scoringmodel."))
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
            QwenProperties.EmbeddingModel embedding = properties.embeddingModel();
            BuilderOptions options = connectionOptions(new BuilderOptions(PREFIX + "embedding-model"), properties)
                    .option("modelName", EMBEDDING + "model-name", embedding.modelName())
                    .option("dimensions", EMBEDDING + "dimensions", embedding.dimensions())
                    .option("maxSegmentsPerBatch", EMBEDDING + "max-segments-per-batch",
                            embedding.maxSegmentsPerBatch())
                    .option("maxConcurrentRequests", EMBEDDING + "max-concurrent-requests",
                            embedding.maxConcurrentRequests())
                    .option("rateLimitPatience", EMBEDDING + "rate-limit-patience", embedding.rateLimitPatience());
            return options.build(() -> connection(QwenEmbeddingModel.builder(), properties)
                    .modelName(embedding.modelName())
                    .dimensions(embedding.dimensions())
                    .maxSegmentsPerBatch(embedding.maxSegmentsPerBatch())
                    .maxConcurrentRequests(embedding.maxConcurrentRequests())
                    .rateLimitPatience(embedding.rateLimitPatience())
                    .customHeaders(emptyToNull(embedding.customHeaders()))
                    .listeners(listeners.orderedStream().toList())
                    .build());
        }
    }

    /**
     * The Responses API models and the Conversations client, from {@code langchain4j.qwen.responses-model.*}; off
     * unless {@code enabled=true}.
     *
     * <p>The models implement {@code ChatModel} and {@code StreamingChatModel} like the chat-model beans. They are
     * {@link Fallback @Fallback} beans so that adding them does not make existing by-type injection ambiguous: with
     * both present, {@code ChatModel} resolves to the {@link QwenChatModel}; with the chat-model beans switched off
     * (or another non-fallback {@code ChatModel} defined), the other one wins. Injecting the concrete type always
     * gets the Responses model.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "langchain4j.qwen.responses-model.enabled")
    static class ResponsesModelConfiguration {

        @Bean
        @Fallback
        @ConditionalOnMissingBean
        QwenResponsesChatModel qwenResponsesChatModel(
                QwenProperties properties, ObjectProvider<ChatModelListener> listeners) {
            return buildResponsesModel(QwenResponsesChatModel.builder(), properties, listeners);
        }

        @Bean
        @Fallback
        @ConditionalOnMissingBean
        QwenResponsesStreamingChatModel qwenResponsesStreamingChatModel(
                QwenProperties properties, ObjectProvider<ChatModelListener> listeners) {
            return buildResponsesModel(QwenResponsesStreamingChatModel.builder(), properties, listeners);
        }

        @Bean
        @ConditionalOnMissingBean
        QwenConversations qwenConversations(QwenProperties properties) {
            return connectionOptions(new BuilderOptions(PREFIX + "responses-model"), properties)
                    .build(() -> connection(QwenConversations.builder(), properties)
                            .customHeaders(emptyToNull(properties.responsesModel().customHeaders()))
                            .build());
        }
    }

    /**
     * The rerank model, from {@code langchain4j.qwen.scoring-model.*}; backs off when the application defines any
     * {@link ScoringModel}, so that {@code ScoringModel} injection stays unambiguous.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "langchain4j.qwen.scoring-model.enabled", matchIfMissing = true)
    static class ScoringModelConfiguration {

        private static final String SCORING = PREFIX + "scoring-model.";

        @Bean
        @ConditionalOnMissingBean(ScoringModel.class)
        QwenScoringModel qwenScoringModel(QwenProperties properties) {
            QwenProperties.ScoringModel scoring = properties.scoringModel();
            return connectionOptions(new BuilderOptions(PREFIX + "scoring-model"), properties)
                    .option("modelName", SCORING + "model-name", scoring.modelName())
                    .option("topN", SCORING + "top-n", scoring.topN())
                    .option("instruct", SCORING + "instruct", scoring.instruct())
                    .option("maxDocumentsPerRequest", SCORING + "max-documents-per-request",
                            scoring.maxDocumentsPerRequest())
                    .option("maxTokensPerRequest", SCORING + "max-tokens-per-request", scoring.maxTokensPerRequest())
                    .build(() -> connection(QwenScoringModel.builder(), properties)
                            .modelName(scoring.modelName())
                            .topN(scoring.topN())
                            .instruct(scoring.instruct())
                            .maxDocumentsPerRequest(scoring.maxDocumentsPerRequest())
                            .maxTokensPerRequest(scoring.maxTokensPerRequest())
                            .customHeaders(emptyToNull(scoring.customHeaders()))
                            .build());
        }
    }

    private static <M, B extends QwenBaseChatModel.Builder<M, B>> M buildChatModel(
            B builder, QwenProperties properties, ObjectProvider<ChatModelListener> listeners) {
        QwenProperties.ChatModel chat = properties.chatModel();
        QwenProperties.SearchOptions search = chat.searchOptions();
        BuilderOptions options = connectionOptions(new BuilderOptions(PREFIX + "chat-model"), properties)
                .option("modelName", CHAT + "model-name", chat.modelName())
                .option("temperature", CHAT + "temperature", chat.temperature())
                .option("topP", CHAT + "top-p", chat.topP())
                .option("topK", CHAT + "top-k", chat.topK())
                .option("maxTokens", CHAT + "max-tokens", chat.maxTokens())
                .option("maxOutputTokens", CHAT + "max-tokens", chat.maxTokens())
                .option("stop", CHAT + "stop", chat.stop())
                .option("stopSequences", CHAT + "stop", chat.stop())
                .option("seed", CHAT + "seed", chat.seed())
                .option("presencePenalty", CHAT + "presence-penalty", chat.presencePenalty())
                .option("repetitionPenalty", CHAT + "repetition-penalty", chat.repetitionPenalty())
                .option("thinkingBudget", CHAT + "thinking-budget", chat.thinkingBudget())
                .option("customParameters", CHAT + "custom-parameters", chat.customParameters())
                .option("forcedSearch", SEARCH + "forced-search", search.forcedSearch())
                .option("searchStrategy", SEARCH + "search-strategy", search.searchStrategy())
                .option("enableSearchExtension", SEARCH + "enable-search-extension", search.enableSearchExtension())
                .option("freshness", SEARCH + "freshness", search.freshness())
                .option("assignedSiteList", SEARCH + "assigned-site-list", search.assignedSiteList());
        return options.build(() -> connection(builder, properties)
                .modelName(chat.modelName())
                .temperature(chat.temperature())
                .topP(chat.topP())
                .topK(chat.topK())
                .maxTokens(chat.maxTokens())
                .stop(chat.stop())
                .seed(chat.seed())
                .presencePenalty(chat.presencePenalty())
                .repetitionPenalty(chat.repetitionPenalty())
                .enableThinking(chat.enableThinking())
                .thinkingBudget(chat.thinkingBudget())
                .enableSearch(chat.enableSearch())
                .searchOptions(searchOptions(search))
                .vlHighResolutionImages(chat.vlHighResolutionImages())
                .enableCodeInterpreter(chat.enableCodeInterpreter())
                .parallelToolCalls(chat.parallelToolCalls())
                .sendThinking(chat.sendThinking())
                .customParameters(emptyToNull(chat.customParameters()))
                .customHeaders(emptyToNull(chat.customHeaders()))
                .listeners(listeners.orderedStream().toList())
                .build());
    }

    private static <M, B extends QwenResponsesBaseChatModel.Builder<M, B>> M buildResponsesModel(
            B builder, QwenProperties properties, ObjectProvider<ChatModelListener> listeners) {
        QwenProperties.ResponsesModel responses = properties.responsesModel();
        List<QwenBuiltInTool> builtInTools = builtInTools(responses.builtInTools());
        BuilderOptions options = connectionOptions(new BuilderOptions(PREFIX + "responses-model"), properties)
                .option("modelName", RESPONSES + "model-name", responses.modelName())
                .option("temperature", RESPONSES + "temperature", responses.temperature())
                .option("topP", RESPONSES + "top-p", responses.topP())
                .option("maxTokens", RESPONSES + "max-tokens", responses.maxTokens())
                .option("maxOutputTokens", RESPONSES + "max-tokens", responses.maxTokens())
                .option("max_output_tokens", RESPONSES + "max-tokens", responses.maxTokens())
                .option("customParameters", RESPONSES + "custom-parameters", responses.customParameters());
        return options.build(() -> connection(builder, properties)
                .modelName(responses.modelName())
                .temperature(responses.temperature())
                .topP(responses.topP())
                .maxTokens(responses.maxTokens())
                .enableThinking(responses.enableThinking())
                .builtInTools(builtInTools)
                .store(responses.store())
                .sessionCache(responses.sessionCache())
                .parallelToolCalls(responses.parallelToolCalls())
                .customParameters(emptyToNull(responses.customParameters()))
                .customHeaders(emptyToNull(responses.customHeaders()))
                .listeners(listeners.orderedStream().toList())
                .build());
    }

    /**
     * The built-in tools named in {@code responses-model.built-in-tools}, each as {@code {"type": name}}; a name the
     * library refuses fails the startup with the property's index. Names are sent as written (Qwen may add tools),
     * but a kebab-case name, which Qwen would silently ignore, is refused with its snake_case spelling.
     */
    private static List<QwenBuiltInTool> builtInTools(List<String> names) {
        if (names == null || names.isEmpty()) {
            return null;
        }
        List<QwenBuiltInTool> tools = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i) == null ? "" : names.get(i).strip();
            String property = RESPONSES + "built-in-tools[" + i + "]";
            if (name.contains("-")) {
                throw new InvalidConfigurationPropertyValueException(property, name, "Qwen's built-in tool types are"
                        + " written with underscores, e.g. " + name.replace('-', '_') + "; Qwen would ignore " + name);
            }
            try {
                tools.add(QwenBuiltInTool.of(Map.of("type", name)));
            } catch (IllegalArgumentException e) {
                InvalidConfigurationPropertyValueException translated = new InvalidConfigurationPropertyValueException(
                        property, name, e.getMessage() + ". Tools that need options (file_search, mcp) cannot be"
                                + " named here: define the Responses models as your own beans, with"
                                + " QwenBuiltInTool.fileSearch(...) or QwenBuiltInTool.mcp(...)");
                translated.addSuppressed(e);
                throw translated;
            }
        }
        return tools;
    }

    private static QwenSearchOptions searchOptions(QwenProperties.SearchOptions search) {
        if (search.isEmpty()) {
            return null;
        }
        return QwenSearchOptions.builder()
                .forcedSearch(search.forcedSearch())
                .searchStrategy(search.searchStrategy())
                .enableSearchExtension(search.enableSearchExtension())
                .freshness(search.freshness())
                .assignedSiteList(search.assignedSiteList())
                .build();
    }

    /** Applies the connection properties every model shares to its builder. */
    private static <B extends QwenConnectionBuilder<?, B>> B connection(B builder, QwenProperties properties) {
        return builder
                .apiKey(properties.apiKey())
                .region(properties.region())
                .baseUrl(properties.baseUrl())
                .timeout(properties.timeout())
                .maxRetries(properties.maxRetries())
                .logRequests(properties.logRequests())
                .logResponses(properties.logResponses());
    }

    /** The shared connection options; never the API key, whose value must not reach a message. */
    private static BuilderOptions connectionOptions(BuilderOptions options, QwenProperties properties) {
        return options
                .option("baseUrl", PREFIX + "base-url", properties.baseUrl())
                .option("timeout", PREFIX + "timeout", properties.timeout())
                .option("maxRetries", PREFIX + "max-retries", properties.maxRetries());
    }

    private static <K, V> Map<K, V> emptyToNull(Map<K, V> map) {
        return map == null || map.isEmpty() ? null : map;
    }
}
