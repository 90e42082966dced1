package io.github.qwenlangchain4j.spring;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The connection every Qwen bean shares, when {@code langchain4j.qwen.api-key} has text (or
 * {@code langchain4j.qwen.offline=true}): binds
 * {@link QwenProperties} ({@code langchain4j.qwen.*}) and creates the one OkHttp client the
 * {@link QwenHttpClientCustomizer} beans describe. The auto-configurations of the models and clients run after it and
 * apply these properties to their builders (each value checked under its property first). With the actuator on the
 * classpath, it also masks the Qwen secrets in the {@code configprops} and {@code env} endpoints.
 *
 * <p>Without a key nothing is created and nothing fails; {@link QwenApiKeyReporter} says so once at startup.
 */
@AutoConfiguration
@ConditionalOnQwenApiKey
@EnableConfigurationProperties(QwenProperties.class)
public class QwenConnectionAutoConfiguration {

    /** Creates the auto-configuration; Spring Boot instantiates it from its {@code AutoConfiguration.imports}. */
    public QwenConnectionAutoConfiguration() {}

    /** Binds {@code langchain4j.qwen.region} with a message that lists the regions when the value names none. */
    @Bean
    @ConfigurationPropertiesBinding
    static QwenRegionConverter qwenRegionConverter() {
        return new QwenRegionConverter();
    }

    /**
     * The client the {@link QwenHttpClientCustomizer} beans describe, built once and shared by every Qwen bean; with
     * the offline server when {@link QwenOfflineAutoConfiguration} started one.
     */
    @Bean
    QwenHttpClient qwenHttpClient(
            ObjectProvider<QwenHttpClientCustomizer> customizers, ObjectProvider<QwenOfflineServer> offline) {
        return QwenHttpClient.of(customizers, offline.getIfAvailable());
    }

    /**
     * Masks the API keys, the proxy password and custom header values in the actuator's {@code configprops} and
     * {@code env} endpoints.
     * Spring Boot 3 and 4 mask nothing by key when {@code show-values} is {@code always} or {@code when-authorized}.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.SanitizingFunction")
    static class ActuatorSanitizingConfiguration {

        @Bean
        SanitizingFunction qwenSecretsSanitizingFunction() {
            return data -> {
                String key = data.getLowerCaseKey().replace("-", "").replace("_", "");
                boolean secret = key.equals("apikey")
                        || key.endsWith(".apikey")
                        || key.contains("customheaders")
                        || key.equals("proxy.password")
                        || key.endsWith(".proxy.password");
                return secret
                                        && (key.startsWith("langchain4j.qwen")
                                                || !key.contains(".")
                                                || key.startsWith("chatmodel.")
                                                || key.startsWith("embeddingmodel.")
                                                || key.startsWith("responsesmodel.")
                                                || key.startsWith("scoringmodel.")
                                                || key.startsWith("proxy.")
                                                || key.startsWith("chatmodels.")
                                                || key.startsWith("embeddingmodels."))
                                || isQwenSecretEnvironmentVariable(key)
                        ? data.withSanitizedValue()
                        : data;
            };
        }

        /**
         * Whether {@code key} (lower case, without dashes and underscores) is an environment variable that sets a Qwen
         * secret, such as {@code LANGCHAIN4J_QWEN_APIKEY} or {@code LANGCHAIN4J_QWEN_PROXY_PASSWORD}.
         */
        static boolean isQwenSecretEnvironmentVariable(String key) {
            return !key.contains(".")
                    && key.startsWith("langchain4jqwen")
                    && (key.endsWith("apikey") || key.endsWith("proxypassword") || key.contains("customheaders"));
        }
    }
}
