package io.github.qwenlangchain4j.spring;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The offline switch, {@code langchain4j.qwen.offline}: with it the application runs on a {@code QwenMockServer}
 * the starter starts, without an API key or network. See {@link QwenOfflineAutoConfiguration}.
 *
 * @param offline Whether every Qwen bean calls an offline QwenMockServer, which the starter starts on a free loopback
 *     port with the application and stops with it, instead of Qwen; no API key is needed, and api-key, region,
 *     base-url and the proxy settings are not used. Needs io.github.qwenlangchain4j:qwen-langchain4j-testkit on the
 *     classpath; the application refuses to start without it. Default false.
 */
@ConfigurationProperties(QwenProperties.PREFIX)
public record QwenOfflineProperties(@DefaultValue("false") boolean offline) {

    /** The property that switches the starter offline. */
    public static final String PROPERTY = QwenProperties.PREFIX + ".offline";
}
