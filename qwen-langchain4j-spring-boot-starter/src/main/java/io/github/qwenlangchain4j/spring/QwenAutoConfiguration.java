package io.github.qwenlangchain4j.spring;

import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.embedding.listener.EmbeddingModelListener;
import dev.langchain4j.model.scoring.ScoringModel;
import io.github.qwenlangchain4j.QwenAudioOutput;
import io.github.qwenlangchain4j.QwenBaseChatModel;
import io.github.qwenlangchain4j.QwenChatModel;
import io.github.qwenlangchain4j.QwenConnectionBuilder;
import io.github.qwenlangchain4j.QwenSearchOptions;
import io.github.qwenlangchain4j.QwenStreamingChatModel;
import io.github.qwenlangchain4j.batch.QwenBatchChat;
import io.github.qwenlangchain4j.batch.QwenBatches;
import io.github.qwenlangchain4j.files.QwenFiles;
import io.github.qwenlangchain4j.embedding.QwenBatchEmbeddings;
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
 * both exist. Named models ({@code chat-models.NAME.*}, {@code embedding-models.NAME.*}) add beans named after their
 * key, see {@link NamedQwenModels}; {@link QwenFiles}, {@link QwenBatches}, {@link QwenBatchChat} and (with the
 * embeddings module) {@link QwenBatchEmbeddings} beans come from the same connection properties. Every bean goes
 * through {@code proxy.*} and the {@link QwenHttpClientCustomizer} beans. Each backs off when the application defines a
 * bean of the same type. A {@link QwenScoringModel} ({@code scoring-model.*}, switched off by
 * {@code langchain4j.qwen.scoring-model.enabled=false}) re-ranks, e.g. for {@code ReRankingContentAggregator}; it
 * backs off for any {@code ScoringModel}. {@link ChatModelListener} and
 * {@link EmbeddingModelListener} beans are attached in their {@code @Order}. Without a key nothing is created and
 * nothing fails; an invalid option fails the startup with a message that names the property.
 */
@AutoConfiguration
@EnableConfigurationProperties(QwenProperties.class)
@Conditional(OnQwenApiKeyCondition.class)
public class QwenAutoConfiguration {

    private static final String PREFIX = QwenProperties.PREFIX + ".";
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
     * Registers the beans of the named models in {@code chat-models.*} and {@code embedding-models.*}; static, as a
     * registry post-processor must be.
     *
     * @return the registrar
     */
    @Bean
    static NamedQwenModels qwenNamedModels() {
        return new NamedQwenModels();
    }

    /** The client the {@link QwenHttpClientCustomizer} beans describe, built once and shared by every Qwen bean. */
    @Bean
    QwenHttpClient qwenHttpClient(ObjectProvider<QwenHttpClientCustomizer> customizers) {
        return QwenHttpClient.of(customizers);
    }

    /**
     * Masks the API keys, the proxy password and custom header values in the actuator's {@code configprops} and
     * {@code env} endpoints.
     * Spring Boot 3 and 4 mask nothing by key when {@code show-values} is {@code always} or {@code when-authorized}.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.SanitizingFunction")
    static class ActuatorSanitizingConfiguration {

        @Bean
        org.springframework.boot.actuate.endpoint.SanitizingFunction qwenSecretsSanitizingFunction() {
            return data -> {
                String key = data.getLowerCaseKey().replace("-", "").replace("_", "");
                boolean secret = key.equals("apikey") || key.endsWith(".apikey") || key.contains("customheaders")
                        || key.equals("proxy.password") || key.endsWith(".proxy.password");
                return secret && (key.startsWith("langchain4j.qwen") || !key.contains(".")
                        || key.startsWith("chatmodel.") || key.startsWith("embeddingmodel.")
                        || key.startsWith("responsesmodel.") || key.startsWith("scoringmodel.")
                        || key.startsWith("proxy.")
                        || key.startsWith("chatmodels.") || key.startsWith("embeddingmodels."))
                        || isQwenSecretEnvironmentVariable(key)
                        ? data.withSanitizedValue() : data;
            };
        }

        /**
         * Whether {@code key} (lower case, without dashes and underscores) is an environment variable that sets a Qwen
         * secret, such as {@code LANGCHAIN4J_QWEN_APIKEY} or {@code LANGCHAIN4J_QWEN_PROXY_PASSWORD}.
         */
        static boolean isQwenSecretEnvironmentVariable(String key) {
            return !key.contains(".") && key.startsWith("langchain4jqwen")
                    && (key.endsWith("apikey") || key.endsWith("proxypassword") || key.contains("customheaders"));
        }
    }

    /** The chat and streaming chat models, from {@code langchain4j.qwen.chat-model.*}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "langchain4j.qwen.chat-model.enabled", matchIfMissing = true)
    static class ChatModelConfiguration {

        @Bean
        @ConditionalOnMissingBean
        QwenChatModel qwenChatModel(QwenProperties properties, QwenHttpClient http,
                                    ObjectProvider<ChatModelListener> listeners) {
            return buildChatModel(QwenChatModel.builder(), properties, PREFIX + "chat-model", properties.chatModel(),
                    ConnectionOverrides.NONE, http, listeners);
        }

        @Bean
        @ConditionalOnMissingBean
        QwenStreamingChatModel qwenStreamingChatModel(
                QwenProperties properties, QwenHttpClient http, ObjectProvider<ChatModelListener> listeners) {
            return buildChatModel(QwenStreamingChatModel.builder(), properties, PREFIX + "chat-model",
                    properties.chatModel(), ConnectionOverrides.NONE, http, listeners);
        }
    }

    /** The embedding model, from {@code langchain4j.qwen.embedding-model.*}; needs qwen-langchain4j-embeddings. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(QwenEmbeddingModel.class)
    @ConditionalOnBooleanProperty(name = "langchain4j.qwen.embedding-model.enabled", matchIfMissing = true)
    static class EmbeddingModelConfiguration {

        @Bean
        @ConditionalOnMissingBean
        QwenEmbeddingModel qwenEmbeddingModel(QwenProperties properties, QwenHttpClient http,
                                              ObjectProvider<EmbeddingModelListener> listeners) {
            return buildEmbeddingModel(properties, PREFIX + "embedding-model", properties.embeddingModel(),
                    ConnectionOverrides.NONE, http, listeners);
        }

        /** An embedding model from {@code embedding} under {@code section}, the default or a named one. */
        static QwenEmbeddingModel buildEmbeddingModel(QwenProperties properties, String section,
                                                      QwenProperties.EmbeddingModel embedding,
                                                      ConnectionOverrides overrides, QwenHttpClient http,
                                                      ObjectProvider<EmbeddingModelListener> listeners) {
            String at = section + ".";
            BuilderOptions options = connectionOptions(new BuilderOptions(section), properties, overrides)
                    .option("modelName", at + "model-name", embedding.modelName())
                    .option("dimensions", at + "dimensions", embedding.dimensions())
                    .option("maxSegmentsPerBatch", at + "max-segments-per-batch", embedding.maxSegmentsPerBatch())
                    .option("maxConcurrentRequests", at + "max-concurrent-requests",
                            embedding.maxConcurrentRequests())
                    .option("rateLimitPatience", at + "rate-limit-patience", embedding.rateLimitPatience());
            return options.build(() -> connection(QwenEmbeddingModel.builder(), properties, overrides, http)
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
                QwenProperties properties, QwenHttpClient http, ObjectProvider<ChatModelListener> listeners) {
            return buildResponsesModel(QwenResponsesChatModel.builder(), properties, http, listeners);
        }

        @Bean
        @Fallback
        @ConditionalOnMissingBean
        QwenResponsesStreamingChatModel qwenResponsesStreamingChatModel(
                QwenProperties properties, QwenHttpClient http, ObjectProvider<ChatModelListener> listeners) {
            return buildResponsesModel(QwenResponsesStreamingChatModel.builder(), properties, http, listeners);
        }

        @Bean
        @ConditionalOnMissingBean
        QwenConversations qwenConversations(QwenProperties properties, QwenHttpClient http) {
            return buildShared(QwenConversations.builder()
                    .customHeaders(emptyToNull(properties.responsesModel().customHeaders())), properties, http);
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
        QwenScoringModel qwenScoringModel(QwenProperties properties, QwenHttpClient http) {
            QwenProperties.ScoringModel scoring = properties.scoringModel();
            return connectionOptions(new BuilderOptions(PREFIX + "scoring-model"), properties)
                    .option("modelName", SCORING + "model-name", scoring.modelName())
                    .option("topN", SCORING + "top-n", scoring.topN())
                    .option("instruct", SCORING + "instruct", scoring.instruct())
                    .option("maxDocumentsPerRequest", SCORING + "max-documents-per-request",
                            scoring.maxDocumentsPerRequest())
                    .option("maxTokensPerRequest", SCORING + "max-tokens-per-request", scoring.maxTokensPerRequest())
                    .build(() -> connection(QwenScoringModel.builder(), properties, ConnectionOverrides.NONE, http)
                            .modelName(scoring.modelName())
                            .topN(scoring.topN())
                            .instruct(scoring.instruct())
                            .maxDocumentsPerRequest(scoring.maxDocumentsPerRequest())
                            .maxTokensPerRequest(scoring.maxTokensPerRequest())
                            .customHeaders(emptyToNull(scoring.customHeaders()))
                            .build());
        }
    }

    /**
     * The Batch API clients (files, batch jobs, whole chat batches at half price), from the shared connection
     * properties; a {@link QwenBatchChat} uses {@code chat-model.model-name}. Creating them sends nothing.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(QwenBatches.class)
    static class BatchConfiguration {

        @Bean
        @ConditionalOnMissingBean
        QwenFiles qwenFiles(QwenProperties properties, QwenHttpClient http) {
            return buildShared(QwenFiles.builder(), properties, http);
        }

        @Bean
        @ConditionalOnMissingBean
        QwenBatches qwenBatches(QwenProperties properties, QwenHttpClient http) {
            return buildShared(QwenBatches.builder(), properties, http);
        }

        @Bean
        @ConditionalOnMissingBean
        QwenBatchChat qwenBatchChat(QwenProperties properties, QwenHttpClient http) {
            String modelName = properties.chatModel().modelName();
            return buildShared(QwenBatchChat.builder().modelName(modelName), properties, http, sharedOptions(properties)
                    .option("modelName", PREFIX + "chat-model.model-name", modelName));
        }

        /**
         * {@link QwenBatchEmbeddings}, with {@code embedding-model.model-name} and {@code dimensions}; needs
         * qwen-langchain4j-embeddings.
         */
        @Configuration(proxyBeanMethods = false)
        @ConditionalOnClass(QwenBatchEmbeddings.class)
        static class BatchEmbeddingsConfiguration {

            @Bean
            @ConditionalOnMissingBean
            QwenBatchEmbeddings qwenBatchEmbeddings(QwenProperties properties, QwenHttpClient http) {
                QwenProperties.EmbeddingModel embedding = properties.embeddingModel();
                return buildShared(QwenBatchEmbeddings.builder().modelName(embedding.modelName())
                        .dimensions(embedding.dimensions()), properties, http, sharedOptions(properties)
                        .option("modelName", PREFIX + "embedding-model.model-name", embedding.modelName())
                        .option("dimensions", PREFIX + "embedding-model.dimensions", embedding.dimensions()));
            }
        }
    }

    /**
     * A chat or streaming chat model from {@code chat} under {@code section} ({@code langchain4j.qwen.chat-model} or a
     * named {@code langchain4j.qwen.chat-models.NAME}), whose properties invalid options are reported under.
     */
    static <M, B extends QwenBaseChatModel.Builder<M, B>> M buildChatModel(
            B builder, QwenProperties properties, String section, QwenProperties.ChatModel chat,
            ConnectionOverrides overrides, QwenHttpClient http, ObjectProvider<ChatModelListener> listeners) {
        String at = section + ".";
        String searchAt = at + "search-options.";
        QwenProperties.SearchOptions search = chat.searchOptions();
        BuilderOptions options = connectionOptions(new BuilderOptions(section), properties, overrides)
                .option("modelName", at + "model-name", chat.modelName())
                .option("temperature", at + "temperature", chat.temperature())
                .option("topP", at + "top-p", chat.topP())
                .option("topK", at + "top-k", chat.topK())
                .option("maxTokens", at + "max-tokens", chat.maxTokens())
                .option("maxOutputTokens", at + "max-tokens", chat.maxTokens())
                .option("stop", at + "stop", chat.stop())
                .option("stopSequences", at + "stop", chat.stop())
                .option("seed", at + "seed", chat.seed())
                .option("presencePenalty", at + "presence-penalty", chat.presencePenalty())
                .option("repetitionPenalty", at + "repetition-penalty", chat.repetitionPenalty())
                .option("thinkingBudget", at + "thinking-budget", chat.thinkingBudget())
                .option("customParameters", at + "custom-parameters", chat.customParameters())
                .option("forcedSearch", searchAt + "forced-search", search.forcedSearch())
                .option("searchStrategy", searchAt + "search-strategy", search.searchStrategy())
                .option("enableSearchExtension", searchAt + "enable-search-extension", search.enableSearchExtension())
                .option("freshness", searchAt + "freshness", search.freshness())
                .option("assignedSiteList", searchAt + "assigned-site-list", search.assignedSiteList())
                .option("voice", at + "audio-output.voice", chat.audioOutput().voice())
                .option("format", at + "audio-output.format", chat.audioOutput().format());
        return options.build(() -> connection(builder, properties, overrides, http)
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
                .cacheSystemMessages(chat.cacheSystemMessages())
                .cacheConversation(chat.cacheConversation())
                .audioOutput(audioOutput(chat.audioOutput()))
                .customParameters(emptyToNull(chat.customParameters()))
                .customHeaders(emptyToNull(chat.customHeaders()))
                .listeners(listeners.orderedStream().toList())
                .build());
    }

    /**
     * The spoken-answer options, or null when none is set. A format without a voice is refused by
     * {@link QwenAudioOutput} ("voice must be set"), which the caller reports under {@code audio-output.voice}.
     */
    private static QwenAudioOutput audioOutput(QwenProperties.AudioOutput audio) {
        if (audio.isEmpty()) {
            return null;
        }
        return audio.format() == null ? QwenAudioOutput.voice(audio.voice())
                : QwenAudioOutput.of(audio.voice(), audio.format());
    }

    private static <M, B extends QwenResponsesBaseChatModel.Builder<M, B>> M buildResponsesModel(
            B builder, QwenProperties properties, QwenHttpClient http, ObjectProvider<ChatModelListener> listeners) {
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
        return options.build(() -> connection(builder, properties, ConnectionOverrides.NONE, http)
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

    /**
     * Builds a client from the shared connection properties, e.g. {@link QwenFiles}, with its own options already
     * set on {@code builder}; an invalid connection option is reported under its {@code langchain4j.qwen.*} property.
     */
    private static <T, B extends QwenConnectionBuilder<T, B>> T buildShared(
            B builder, QwenProperties properties, QwenHttpClient http) {
        return buildShared(builder, properties, http, sharedOptions(properties));
    }

    /** The same, with {@code options} naming the properties of the builder's own options too. */
    private static <T, B extends QwenConnectionBuilder<T, B>> T buildShared(
            B builder, QwenProperties properties, QwenHttpClient http, BuilderOptions options) {
        return options.build(() -> connection(builder, properties, ConnectionOverrides.NONE, http).build());
    }

    private static BuilderOptions sharedOptions(QwenProperties properties) {
        return connectionOptions(new BuilderOptions(QwenProperties.PREFIX), properties);
    }

    /** Applies the connection properties every model shares (proxy included) to its builder. */
    private static <B extends QwenConnectionBuilder<?, B>> B connection(B builder, QwenProperties properties) {
        return connection(builder, properties, ConnectionOverrides.NONE, null);
    }

    /**
     * Applies the shared connection properties, then a named model's {@code overrides}, the proxy and the customized
     * client ({@code http}, null for the library's own) to a builder. A named model that sets a region without a
     * base URL calls that region, whatever the shared base URL.
     */
    private static <B extends QwenConnectionBuilder<?, B>> B connection(
            B builder, QwenProperties properties, ConnectionOverrides overrides, QwenHttpClient http) {
        boolean ownRegion = overrides.region() != null && overrides.baseUrl() == null;
        builder.apiKey(firstSet(overrides.apiKey(), properties.apiKey()))
                .region(firstSet(overrides.region(), properties.region()))
                .baseUrl(ownRegion ? null : firstSet(overrides.baseUrl(), properties.baseUrl()))
                .timeout(firstSet(overrides.timeout(), properties.timeout()))
                .maxRetries(firstSet(overrides.maxRetries(), properties.maxRetries()))
                .maxConcurrentCalls(properties.maxConcurrentCalls())
                .logRequests(firstSet(overrides.logRequests(), properties.logRequests()))
                .logResponses(firstSet(overrides.logResponses(), properties.logResponses()))
                .httpClient(http == null ? null : http.client());
        return proxy(builder, properties.proxy());
    }

    /** Applies {@code proxy.*}: a host gives a proxy of its type (HTTP by default); {@code type=direct} none. */
    private static <B extends QwenConnectionBuilder<?, B>> B proxy(B builder, QwenProperties.Proxy proxy) {
        java.net.Proxy.Type type = proxy.type() != null ? proxy.type() : java.net.Proxy.Type.HTTP;
        if (type == java.net.Proxy.Type.DIRECT) {
            builder.proxy(java.net.Proxy.NO_PROXY);
        } else if (proxy.host() != null && !proxy.host().isBlank()) {
            if (proxy.port() == null || proxy.port() < 1 || proxy.port() > 65535) {
                throw new InvalidConfigurationPropertyValueException(PREFIX + "proxy.port", proxy.port(),
                        "A proxy needs a port from 1 to 65535 with " + PREFIX + "proxy.host");
            }
            // unresolved: OkHttp resolves the proxy's name on each new connection, so a DNS change is followed
            builder.proxy(new java.net.Proxy(type,
                    java.net.InetSocketAddress.createUnresolved(proxy.host().strip(), proxy.port())));
        }
        if (proxy.username() != null || proxy.password() != null) {
            builder.proxyAuthentication(proxy.username(), proxy.password());
        }
        return builder;
    }

    private static <T> T firstSet(T override, T shared) {
        return override != null ? override : shared;
    }

    /** The shared connection options; never the API key, whose value must not reach a message. */
    private static BuilderOptions connectionOptions(BuilderOptions options, QwenProperties properties) {
        return connectionOptions(options, properties, ConnectionOverrides.NONE);
    }

    /**
     * The connection options, each named after the property that set it (a named model's override or the shared
     * one); never the API key or the proxy password, whose values must not reach a message.
     */
    private static BuilderOptions connectionOptions(BuilderOptions options, QwenProperties properties,
                                                    ConnectionOverrides overrides) {
        QwenProperties.Proxy proxy = properties.proxy();
        return options
                .option("baseUrl", overrides.property("base-url", overrides.baseUrl()),
                        firstSet(overrides.baseUrl(), properties.baseUrl()))
                .option("timeout", overrides.property("timeout", overrides.timeout()),
                        firstSet(overrides.timeout(), properties.timeout()))
                .option("maxRetries", overrides.property("max-retries", overrides.maxRetries()),
                        firstSet(overrides.maxRetries(), properties.maxRetries()))
                .option("maxConcurrentCalls", PREFIX + "max-concurrent-calls", properties.maxConcurrentCalls())
                .option("proxyAuthentication", PREFIX + "proxy.username", proxy.username());
    }

    private static <K, V> Map<K, V> emptyToNull(Map<K, V> map) {
        return map == null || map.isEmpty() ? null : map;
    }
}
