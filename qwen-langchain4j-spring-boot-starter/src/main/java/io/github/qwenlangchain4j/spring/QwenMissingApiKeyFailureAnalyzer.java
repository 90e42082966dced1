package io.github.qwenlangchain4j.spring;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.embedding.EmbeddingModel;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * Explains a startup that failed for want of a {@code ChatModel}, {@code StreamingChatModel} or
 * {@code EmbeddingModel} bean when the reason is that {@code langchain4j.qwen.api-key} is not set. Other failures
 * are left to Spring Boot's own analyzers. Registered in {@code META-INF/spring.factories}.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class QwenMissingApiKeyFailureAnalyzer extends AbstractFailureAnalyzer<NoSuchBeanDefinitionException> {

    private final Environment environment;

    /**
     * Creates the analyzer; Spring Boot instantiates it with the application's environment.
     *
     * @param environment the environment the key is read from
     */
    public QwenMissingApiKeyFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, NoSuchBeanDefinitionException cause) {
        Class<?> type = cause.getBeanType();
        boolean qwenModelType = type != null
                && (ChatModel.class.isAssignableFrom(type)
                        || StreamingChatModel.class.isAssignableFrom(type)
                        || EmbeddingModel.class.isAssignableFrom(type));
        if (!qwenModelType
                || environment == null
                || OnQwenApiKeyCondition.hasApiKey(environment)
                || OnQwenApiKeyCondition.isOffline(environment)) {
            return null;
        }
        return new FailureAnalysis(
                "A bean of type " + type.getName() + " is required, but "
                        + QwenApiKeyReporter.missingKeyMessage(environment),
                "Set " + OnQwenApiKeyCondition.PROPERTY + " (for example from the DASHSCOPE_API_KEY environment"
                        + " variable: " + OnQwenApiKeyCondition.PROPERTY + "=${DASHSCOPE_API_KEY:}), or define your"
                        + " own bean of that type.",
                cause);
    }
}
