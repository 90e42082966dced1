package io.github.qwenlangchain4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.actuate.autoconfigure.context.properties.ConfigurationPropertiesReportEndpointAutoConfiguration;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.MapPropertySource;

/**
 * /actuator/configprops never shows the API key or the proxy password: called through the endpoint bean that the actuator's own
 * auto-configuration creates, with every {@code show-values} setting, including {@code always}.
 */
class ActuatorConfigPropsTest {

    private static final String KEY = "sk-actuator-SECRET-77aa99bb";
    private static final String PROXY_PASSWORD = "proxy-actuator-SECRET-31";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(QwenAutoConfigurations.of(ConfigurationPropertiesReportEndpointAutoConfiguration.class))
            .withPropertyValues(
                    "langchain4j.qwen.api-key=" + KEY,
                    "langchain4j.qwen.max-retries=4",
                    "langchain4j.qwen.chat-model.custom-headers.X-DashScope-ApiKey=" + KEY,
                    "langchain4j.qwen.responses-model.custom-headers.X-Responses-ApiKey=" + KEY,
                    "langchain4j.qwen.scoring-model.custom-headers.X-Rerank-ApiKey=" + KEY,
                    "langchain4j.qwen.proxy.host=proxy.corp",
                    "langchain4j.qwen.proxy.port=3128",
                    "langchain4j.qwen.proxy.username=corp-user",
                    "langchain4j.qwen.proxy.password=" + PROXY_PASSWORD,
                    "langchain4j.qwen.chat-models.router.custom-headers.X-Router-ApiKey=" + KEY,
                    // A non-web context: the endpoint is "available" once exposed over JMX.
                    "spring.jmx.enabled=true",
                    "management.endpoints.jmx.exposure.include=configprops");

    @ParameterizedTest(name = "show-values={0}")
    @ValueSource(strings = {"never", "when-authorized", "always"})
    void should_sanitize_the_api_key_in_configprops(String showValues) {
        runner.withPropertyValues("management.endpoint.configprops.show-values=" + showValues)
                .run(context -> {
                    assertThat(context).hasSingleBean(ConfigurationPropertiesReportEndpoint.class);
                    String report = String.valueOf(context.getBean(ConfigurationPropertiesReportEndpoint.class)
                            .configurationPropertiesWithPrefix("langchain4j.qwen")
                            .getContexts()
                            .values()
                            .iterator()
                            .next()
                            .getBeans()
                            .values()
                            .iterator()
                            .next()
                            .getProperties());

                    assertThat(report).contains("apiKey").doesNotContain(KEY).doesNotContain(PROXY_PASSWORD);
                    if (showValues.equals("always")) {
                        assertThat(report)
                                .as("values are shown, so the report is real")
                                .contains("maxRetries=4")
                                .contains("apiKey=******")
                                .contains("X-DashScope-ApiKey=******")
                                .contains("X-Responses-ApiKey=******")
                                .contains("X-Router-ApiKey=******")
                                .contains("X-Rerank-ApiKey=******")
                                .contains("username=corp-user")
                                .contains("password=******");
                    }
                });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "langchain4j.qwen.proxy.password",
                "langchain4j.qwen.chat-models.eu.api-key",
                "langchain4j.qwen.embedding-models.docs.custom-headers.X-Key",
                "LANGCHAIN4J_QWEN_PROXY_PASSWORD",
                "LANGCHAIN4J_QWEN_APIKEY",
                "LANGCHAIN4J_QWEN_CHATMODELS_EU_APIKEY"
            })
    void should_sanitize_the_proxy_password_and_named_model_secrets_in_the_env_endpoint(String key) {
        // the keys as /actuator/env reports them: property names, or environment variable names
        runner.run(context -> {
            SanitizingFunction sanitizer = context.getBean(SanitizingFunction.class);
            SanitizableData data =
                    new SanitizableData(new MapPropertySource("application", Map.of(key, KEY)), key, KEY);

            assertThat(sanitizer.apply(data).getValue()).isEqualTo(SanitizableData.SANITIZED_VALUE);
            assertThat(sanitizer
                            .apply(new SanitizableData(null, "langchain4j.qwen.proxy.username", "corp-user"))
                            .getValue())
                    .isEqualTo("corp-user");
        });
    }
}
