package io.github.qwenlangchain4j.samples.spring;

import io.github.qwenlangchain4j.testkit.QwenMockServer;
import java.util.Map;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * When no API key is configured, starts QwenMockServer and points the starter at it, and says so in the log: the
 * sample then works offline, with canned answers that echo what they received.
 */
final class OfflineFallback implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        ConfigurableEnvironment environment = event.getEnvironment();
        String key = environment.getProperty("langchain4j.qwen.api-key");
        if (key != null && !key.isBlank()) {
            return;
        }
        QwenMockServer mock = QwenMockServer.start();
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "qwenOfflineMock",
                        Map.of(
                                "langchain4j.qwen.api-key", mock.apiKey(),
                                "langchain4j.qwen.base-url", mock.baseUrl())));
        event.getSpringApplication().addListeners((ApplicationListener<ContextClosedEvent>) closed -> mock.close());
        System.out.println("OFFLINE: no DASHSCOPE_API_KEY is set, so this app talks to QwenMockServer at "
                + mock.baseUrl() + " (answers are canned, not Qwen's)");
    }
}
