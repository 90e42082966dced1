package io.github.qwenlangchain4j.spring;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Says once, at startup, that the Qwen models are skipped because {@code langchain4j.qwen.api-key} is not set, and
 * how to set it: without this line an application that injects a {@code ChatModel} fails with a bare "required a
 * bean of type ChatModel". Registered in {@code META-INF/spring.factories}, so it runs before any bean is created.
 */
public class QwenApiKeyReporter implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final Logger log = LoggerFactory.getLogger(QwenApiKeyReporter.class);

    /** Creates the reporter; Spring Boot instantiates it from {@code spring.factories}. */
    public QwenApiKeyReporter() {}

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        if (!OnQwenApiKeyCondition.hasApiKey(context.getEnvironment())
                && !OnQwenApiKeyCondition.isOffline(context.getEnvironment())) {
            log.warn(missingKeyMessage(context.getEnvironment()));
        }
    }

    /** The one line that explains what is skipped and how to set the key. */
    static String missingKeyMessage(Environment environment) {
        return OnQwenApiKeyCondition.PROPERTY + " is not set: no Qwen ChatModel, StreamingChatModel or EmbeddingModel"
                + " beans are created. Set it, e.g. " + OnQwenApiKeyCondition.PROPERTY + "=${DASHSCOPE_API_KEY} (a key"
                + " of the region you call), or, to run offline on QwenMockServer, set "
                + QwenOfflineProperties.PROPERTY + "=true (with qwen-langchain4j-testkit on the classpath).";
    }
}
