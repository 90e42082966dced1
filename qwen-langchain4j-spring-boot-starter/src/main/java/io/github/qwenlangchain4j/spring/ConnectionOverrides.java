package io.github.qwenlangchain4j.spring;

import io.github.qwenlangchain4j.QwenRegion;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.env.Environment;

/**
 * The shared connection properties a named model ({@code chat-models.NAME.*}, {@code embedding-models.NAME.*})
 * overrides, read from the same section as its model options. Unset ones (null) keep the shared value.
 *
 * @param section the section they were read from, e.g. {@code langchain4j.qwen.chat-models.router}; null for none
 */
record ConnectionOverrides(
        String section,
        String apiKey,
        QwenRegion region,
        String baseUrl,
        Duration timeout,
        Integer maxRetries,
        Boolean logRequests,
        Boolean logResponses) {

    /** No override: the default models. */
    static final ConnectionOverrides NONE = new ConnectionOverrides(null, null, null, null, null, null, null, null);

    /** Reads the overrides under {@code section}, converting the region as {@code langchain4j.qwen.region} is. */
    static ConnectionOverrides bind(Environment environment, String section) {
        ApplicationConversionService conversion = new ApplicationConversionService();
        conversion.addConverter(new QwenRegionConverter());
        Binder binder = new Binder(
                ConfigurationPropertySources.get(environment),
                new PropertySourcesPlaceholdersResolver(environment),
                conversion);
        String at = section + ".";
        return new ConnectionOverrides(
                section,
                binder.bind(at + "api-key", String.class).orElse(null),
                binder.bind(at + "region", QwenRegion.class).orElse(null),
                binder.bind(at + "base-url", String.class).orElse(null),
                binder.bind(at + "timeout", Duration.class).orElse(null),
                binder.bind(at + "max-retries", Integer.class).orElse(null),
                binder.bind(at + "log-requests", Boolean.class).orElse(null),
                binder.bind(at + "log-responses", Boolean.class).orElse(null));
    }

    /** The property that sets {@code name} (kebab-case) for this model: the override when set, else the shared one. */
    String property(String name, Object override) {
        return override != null ? section + "." + name : QwenProperties.PREFIX + "." + name;
    }

    /**
     * Shows every override but the API key, which appears as {@code ***} when set.
     *
     * @return the overrides, without the API key
     */
    @Override
    public String toString() {
        return "ConnectionOverrides{section=" + section + ", apiKey=" + (apiKey == null ? "null" : "***")
                + ", region=" + region + ", baseUrl=" + baseUrl + ", timeout=" + timeout + ", maxRetries="
                + maxRetries + ", logRequests=" + logRequests + ", logResponses=" + logResponses + '}';
    }
}
