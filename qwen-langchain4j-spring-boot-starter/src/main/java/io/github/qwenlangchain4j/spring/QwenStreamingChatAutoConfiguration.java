package io.github.qwenlangchain4j.spring;

import dev.langchain4j.model.chat.listener.ChatModelListener;
import io.github.qwenlangchain4j.QwenStreamingChatModel;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@link QwenStreamingChatModel} bean {@code qwenStreamingChatModel}, from the same
 * {@code langchain4j.qwen.chat-model.*} section as {@link QwenChatAutoConfiguration}'s model and the shared
 * connection, with the {@code ChatModelListener} beans in their {@code @Order}. On when an API key is set; off with
 * {@code langchain4j.qwen.chat-model.enabled=false}; backs off when the application defines a
 * {@link QwenStreamingChatModel}.
 */
@AutoConfiguration(after = QwenConnectionAutoConfiguration.class)
@ConditionalOnQwenApiKey
@ConditionalOnBooleanProperty(name = QwenChatAutoConfiguration.ENABLED, matchIfMissing = true)
public class QwenStreamingChatAutoConfiguration {

    /** Creates the auto-configuration; Spring Boot instantiates it from its {@code AutoConfiguration.imports}. */
    public QwenStreamingChatAutoConfiguration() {}

    @Bean
    @ConditionalOnMissingBean
    QwenStreamingChatModel qwenStreamingChatModel(
            QwenProperties properties, QwenHttpClient http, ObjectProvider<ChatModelListener> listeners) {
        return ChatModelFactory.build(
                QwenStreamingChatModel.builder(),
                properties,
                QwenChatAutoConfiguration.SECTION,
                properties.chatModel(),
                ConnectionOverrides.NONE,
                http,
                listeners);
    }
}
