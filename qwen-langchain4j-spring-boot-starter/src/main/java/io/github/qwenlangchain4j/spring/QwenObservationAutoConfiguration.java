package io.github.qwenlangchain4j.spring;

import io.github.qwenlangchain4j.QwenCalls;
import io.github.qwenlangchain4j.embedding.QwenEmbeddingModel;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Micrometer instrumentation of the Qwen models, after OpenTelemetry's GenAI semantic conventions; on when
 * micrometer-observation is on the classpath (any Spring Boot application with the actuator) and a Qwen API key is
 * set, off with {@code langchain4j.qwen.observations.enabled=false}.
 *
 * <p>It defines a {@link QwenChatObservationListener} and, with qwen-langchain4j-embeddings, a
 * {@link QwenEmbeddingObservationListener}; the auto-configured models attach them like any listener bean. Each call
 * is an {@code Observation} of the application's {@link ObservationRegistry}, which Spring Boot turns into a trace
 * span and the {@code gen_ai.client.operation.duration} histogram (successes and failures, the conventions' buckets
 * through a {@code MeterFilter} bean); with micrometer-core and a {@link MeterRegistry}, the token usage goes to
 * {@code gen_ai.client.token.usage}, and the gauges {@code qwen.calls.running} and
 * {@code qwen.calls.waiting} count the calls in flight and those waiting for a concurrency limit. An application with a meter registry but no observation
 * registry still gets the timer.
 */
@AutoConfiguration
@ConditionalOnClass(name = "io.micrometer.observation.ObservationRegistry")
@ConditionalOnBooleanProperty(name = QwenObservationProperties.PREFIX + ".enabled", matchIfMissing = true)
@ConditionalOnQwenApiKey
@EnableConfigurationProperties({QwenObservationProperties.class, QwenProperties.class})
public class QwenObservationAutoConfiguration {

    /** Creates the auto-configuration; Spring Boot instantiates it from its {@code AutoConfiguration.imports}. */
    public QwenObservationAutoConfiguration() {}

    @Bean
    GenAiObserver qwenGenAiObserver(
            ObjectProvider<ObservationRegistry> observations,
            ObjectProvider<GenAiMeters> meters,
            QwenProperties properties,
            ObjectProvider<QwenOfflineServer> offline) {
        GenAiMeters tokenMeters = meters.getIfAvailable(() -> GenAiMeters.NONE);
        // the server of a model built elsewhere with these listener beans; the auto-configured models report their own
        String baseUrl = QwenConnections.baseUrl(properties, ConnectionOverrides.NONE, offline.getIfAvailable());
        return new GenAiObserver(observations.getIfAvailable(tokenMeters::standaloneRegistry), tokenMeters, baseUrl);
    }

    @Bean
    @ConditionalOnMissingBean
    QwenChatObservationListener qwenChatObservationListener(GenAiObserver observer) {
        return new QwenChatObservationListener(observer);
    }

    /** The embedding listener, when qwen-langchain4j-embeddings is on the classpath. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(QwenEmbeddingModel.class)
    static class EmbeddingObservationConfiguration {

        @Bean
        @ConditionalOnMissingBean
        QwenEmbeddingObservationListener qwenEmbeddingObservationListener(GenAiObserver observer) {
            return new QwenEmbeddingObservationListener(observer);
        }
    }

    /** The token meters, when micrometer-core is on the classpath; they need a {@link MeterRegistry} bean. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
    static class TokenMetersConfiguration {

        /**
         * The conventions' buckets and attributes on the {@code gen_ai.client.operation.duration} timer that the
         * observation handler makes; Spring Boot applies {@code MeterFilter} beans to every meter registry.
         */
        @Bean
        @ConditionalOnMissingBean(name = "qwenGenAiMeterFilter")
        MeterFilter qwenGenAiMeterFilter() {
            return new GenAiMeterFilter();
        }

        @Bean
        GenAiMeters qwenGenAiMeters(ObjectProvider<MeterRegistry> registries) {
            MeterRegistry registry = registries.getIfAvailable();
            return registry == null ? GenAiMeters.NONE : new MicrometerGenAiMeters(registry);
        }

        /**
         * {@code qwen.calls.running} and {@code qwen.calls.waiting}: the Qwen calls in flight and those waiting for
         * {@code langchain4j.qwen.max-concurrent-calls} (always 0 without a limit), read from {@link QwenCalls}.
         */
        @Bean
        @ConditionalOnMissingBean(name = "qwenCallsMeterBinder")
        MeterBinder qwenCallsMeterBinder() {
            return registry -> {
                Gauge.builder("qwen.calls.running", QwenCalls::running)
                        .description("Qwen API calls sent and not finished (an open stream counts until its end)")
                        .register(registry);
                Gauge.builder("qwen.calls.waiting", QwenCalls::waiting)
                        .description(
                                "Qwen API calls waiting for langchain4j.qwen.max-concurrent-calls to let them start")
                        .register(registry);
            };
        }
    }
}
