package io.github.qwenlangchain4j.spring;

import dev.langchain4j.model.chat.listener.ChatModelListener;
import io.github.qwenlangchain4j.QwenChatModel;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@link QwenChatModel} bean {@code qwenChatModel}, from {@code langchain4j.qwen.chat-model.*} and the shared
 * connection, with the {@link ChatModelListener} beans in their {@code @Order}. On when an API key is set; off with
 * {@code langchain4j.qwen.chat-model.enabled=false}; backs off when the application defines a {@link QwenChatModel}.
 * The streaming twin is {@link QwenStreamingChatAutoConfiguration}, the named chat models
 * ({@code chat-models.NAME.*}) come from {@link QwenNamedModelsAutoConfiguration}.
 */
@AutoConfiguration(after = QwenConnectionAutoConfiguration.class)
@ConditionalOnQwenApiKey
@ConditionalOnBooleanProperty(name = QwenChatAutoConfiguration.ENABLED, matchIfMissing = true)
public class QwenChatAutoConfiguration {

    /** The switch of the chat and streaming chat model beans. */
    static final String ENABLED = QwenProperties.PREFIX + ".chat-model.enabled";

    /** The section the default chat models are read from. */
    static final String SECTION = QwenProperties.PREFIX + ".chat-model";

    /** Creates the auto-configuration; Spring Boot instantiates it from its {@code AutoConfiguration.imports}. */
    public QwenChatAutoConfiguration() {}

    @Bean
    @ConditionalOnMissingBean
    QwenChatModel qwenChatModel(
            QwenProperties properties, QwenHttpClient http, ObjectProvider<ChatModelListener> listeners) {
        return ChatModelFactory.build(
                QwenChatModel.builder(),
                properties,
                SECTION,
                properties.chatModel(),
                ConnectionOverrides.NONE,
                http,
                listeners);
    }
}
