package io.github.qwenlangchain4j.samples.spring;

import java.util.Map;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * When no API key is configured, switches the starter offline ({@code langchain4j.qwen.offline=true}, as
 * {@code --langchain4j.qwen.offline=true} would): the starter then starts QwenMockServer, points the models at it and
 * says so in the log, and the sample works with canned answers that echo what they received.
 */
final class OfflineFallback implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        ConfigurableEnvironment environment = event.getEnvironment();
        String key = environment.getProperty("langchain4j.qwen.api-key");
        if ((key != null && !key.isBlank()) || environment.containsProperty("langchain4j.qwen.offline")) {
            return;
        }
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource("qwenOffline", Map.of("langchain4j.qwen.offline", "true")));
        System.out.println("OFFLINE: no DASHSCOPE_API_KEY is set, so this app talks to QwenMockServer"
                + " (answers are canned, not Qwen's)");
    }
}
