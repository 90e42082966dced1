package io.github.qwenlangchain4j.spring;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Switch of the starter's Micrometer instrumentation, bound from {@code langchain4j.qwen.observations.*}: an
 * {@code Observation} per model call (traces) and the OpenTelemetry GenAI metrics ({@code gen_ai.client.*}). Only
 * read when Micrometer is on the classpath; see {@link QwenObservationAutoConfiguration}.
 *
 * @param enabled Whether every call of the Qwen chat, streaming chat, Responses and embedding models is observed
 *     (a trace span and the gen_ai.client.operation.duration, gen_ai.client.token.usage metrics) when Micrometer is
 *     on the classpath. Default true.
 */
@ConfigurationProperties(QwenObservationProperties.PREFIX)
public record QwenObservationProperties(
        @DefaultValue("true") boolean enabled) {

    /** The prefix of these properties. */
    public static final String PREFIX = QwenProperties.PREFIX + ".observations";
}
