package io.github.qwenlangchain4j.spring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The starter's auto-configurations for {@code ApplicationContextRunner} tests: every one but
 * {@link QwenObservationAutoConfiguration}, which the tests that observe add themselves. The runner orders them by
 * their {@code after} attributes, as Spring Boot does. {@code QwenAutoConfigurationConditionsTest} proves that this
 * list and the imports file agree.
 */
final class QwenAutoConfigurations {

    /** The auto-configurations of the offline switch, the connection, the models and the clients. */
    static final List<Class<?>> CAPABILITIES = List.of(
            QwenOfflineAutoConfiguration.class,
            QwenConnectionAutoConfiguration.class,
            QwenChatAutoConfiguration.class,
            QwenStreamingChatAutoConfiguration.class,
            QwenEmbeddingAutoConfiguration.class,
            QwenNamedModelsAutoConfiguration.class,
            QwenResponsesAutoConfiguration.class,
            QwenRerankAutoConfiguration.class,
            QwenBatchAutoConfiguration.class,
            QwenModelCatalogAutoConfiguration.class);

    private QwenAutoConfigurations() {}

    /** {@link #CAPABILITIES} and {@code others}, e.g. the observation or an actuator auto-configuration. */
    static AutoConfigurations of(Class<?>... others) {
        List<Class<?>> classes = new ArrayList<>(CAPABILITIES);
        classes.addAll(Arrays.asList(others));
        return AutoConfigurations.of(classes.toArray(Class<?>[]::new));
    }

    /**
     * A runner of {@link #CAPABILITIES} and {@code others} that calls {@code baseUrl} (a mock of Qwen) with
     * {@code apiKey}, as most tests start.
     */
    static ApplicationContextRunner runner(String apiKey, String baseUrl, Class<?>... others) {
        return new ApplicationContextRunner()
                .withConfiguration(of(others))
                .withPropertyValues("langchain4j.qwen.api-key=" + apiKey, "langchain4j.qwen.base-url=" + baseUrl);
    }
}
