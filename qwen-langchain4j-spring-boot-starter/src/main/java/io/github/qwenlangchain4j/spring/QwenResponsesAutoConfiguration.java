package io.github.qwenlangchain4j.spring;

import static io.github.qwenlangchain4j.spring.PropertyChecks.acceptedIfSet;
import static io.github.qwenlangchain4j.spring.PropertyChecks.require;
import static io.github.qwenlangchain4j.spring.QwenConnections.emptyToNull;

import dev.langchain4j.model.chat.listener.ChatModelListener;
import io.github.qwenlangchain4j.responses.QwenBuiltInTool;
import io.github.qwenlangchain4j.responses.QwenConversations;
import io.github.qwenlangchain4j.responses.QwenResponsesBaseChatModel;
import io.github.qwenlangchain4j.responses.QwenResponsesChatModel;
import io.github.qwenlangchain4j.responses.QwenResponsesChatRequestParameters;
import io.github.qwenlangchain4j.responses.QwenResponsesStreamingChatModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Fallback;

/**
 * The Responses API beans, from {@code langchain4j.qwen.responses-model.*} and the shared connection: a
 * {@link QwenResponsesChatModel}, a {@link QwenResponsesStreamingChatModel} (with the {@link ChatModelListener} beans)
 * and a {@link QwenConversations}. Off unless {@code langchain4j.qwen.responses-model.enabled=true} and an API key is
 * set; each backs off when the application defines a bean of its type.
 *
 * <p>The models implement {@code ChatModel} and {@code StreamingChatModel} like the chat-model beans. They are
 * {@link Fallback @Fallback} beans so that adding them does not make existing by-type injection ambiguous: with
 * both present, {@code ChatModel} resolves to the {@code QwenChatModel}; with the chat-model beans switched off
 * (or another non-fallback {@code ChatModel} defined), the other one wins. Injecting the concrete type always
 * gets the Responses model.
 */
@AutoConfiguration(after = QwenConnectionAutoConfiguration.class)
@ConditionalOnQwenApiKey
@ConditionalOnBooleanProperty(name = QwenResponsesAutoConfiguration.SECTION + ".enabled")
public class QwenResponsesAutoConfiguration {

    /** The section the Responses beans are read from. */
    static final String SECTION = QwenProperties.PREFIX + ".responses-model";

    private static final String AT = SECTION + ".";

    /** Creates the auto-configuration; Spring Boot instantiates it from its {@code AutoConfiguration.imports}. */
    public QwenResponsesAutoConfiguration() {}

    @Bean
    @Fallback
    @ConditionalOnMissingBean
    QwenResponsesChatModel qwenResponsesChatModel(
            QwenProperties properties, QwenHttpClient http, ObjectProvider<ChatModelListener> listeners) {
        return build(QwenResponsesChatModel.builder(), properties, http, listeners);
    }

    @Bean
    @Fallback
    @ConditionalOnMissingBean
    QwenResponsesStreamingChatModel qwenResponsesStreamingChatModel(
            QwenProperties properties, QwenHttpClient http, ObjectProvider<ChatModelListener> listeners) {
        return build(QwenResponsesStreamingChatModel.builder(), properties, http, listeners);
    }

    @Bean
    @ConditionalOnMissingBean
    QwenConversations qwenConversations(QwenProperties properties, QwenHttpClient http) {
        QwenConversations.Builder builder = QwenConnections.apply(QwenConversations.builder(), properties, http)
                .customHeaders(emptyToNull(properties.responsesModel().customHeaders()));
        return PropertyChecks.build(SECTION, builder::build);
    }

    /**
     * A Responses model, each option checked under its property first: the sampling options by
     * {@link QwenResponsesChatRequestParameters}, the type the model applies them with.
     */
    private static <M, B extends QwenResponsesBaseChatModel.Builder<M, B>> M build(
            B builder, QwenProperties properties, QwenHttpClient http, ObjectProvider<ChatModelListener> listeners) {
        QwenProperties.ResponsesModel responses = properties.responsesModel();
        QwenConnections.apply(builder, properties, http)
                .modelName(require(
                        AT + "model-name",
                        responses.modelName(),
                        name -> !name.isBlank(),
                        "modelName must be set, e.g. \"" + QwenResponsesBaseChatModel.DEFAULT_MODEL_NAME + "\""))
                .temperature(acceptedIfSet(
                        AT + "temperature",
                        responses.temperature(),
                        value -> parameters().temperature(value).build()))
                .topP(acceptedIfSet(
                        AT + "top-p",
                        responses.topP(),
                        value -> parameters().topP(value).build()))
                .maxTokens(acceptedIfSet(
                        AT + "max-tokens",
                        responses.maxTokens(),
                        value -> parameters().maxOutputTokens(value).build()))
                .enableThinking(responses.enableThinking())
                .reasoningEffort(ChatModelFactory.reasoningEffort(AT + "reasoning-effort", responses.reasoningEffort()))
                .builtInTools(builtInTools(responses.builtInTools()))
                .store(responses.store())
                .sessionCache(responses.sessionCache())
                .parallelToolCalls(responses.parallelToolCalls())
                .customParameters(emptyToNull(responses.customParameters()))
                .customHeaders(emptyToNull(responses.customHeaders()))
                .listeners(ServerAwareListener.forModel(
                        listeners, QwenConnections.baseUrl(properties, ConnectionOverrides.NONE, http.offline())));
        return PropertyChecks.build(SECTION, builder::build);
    }

    private static QwenResponsesChatRequestParameters.Builder parameters() {
        return QwenResponsesChatRequestParameters.builder();
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
            String property = AT + "built-in-tools[" + i + "]";
            if (name.contains("-")) {
                throw new InvalidConfigurationPropertyValueException(
                        property,
                        name,
                        "Qwen's built-in tool types are" + " written with underscores, e.g. " + name.replace('-', '_')
                                + "; Qwen would ignore " + name);
            }
            try {
                tools.add(QwenBuiltInTool.of(Map.of("type", name)));
            } catch (IllegalArgumentException e) {
                InvalidConfigurationPropertyValueException translated = new InvalidConfigurationPropertyValueException(
                        property,
                        name,
                        e.getMessage() + ". Tools that need options (file_search, mcp) cannot be"
                                + " named here: define the Responses models as your own beans, with"
                                + " QwenBuiltInTool.fileSearch(...) or QwenBuiltInTool.mcp(...)");
                translated.addSuppressed(e);
                throw translated;
            }
        }
        return tools;
    }
}
