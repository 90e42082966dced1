package io.github.qwenlangchain4j.spring;

import static io.github.qwenlangchain4j.spring.QwenWireMock.API_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.qwenlangchain4j.QwenRegion;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** QwenProperties binds the documented names, and its toString never shows the API key nor header values. */
class QwenPropertiesTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(QwenAutoConfiguration.class))
            .withPropertyValues("langchain4j.qwen.api-key=" + API_KEY);

    @Test
    void should_bind_the_shared_properties() {
        runner.withPropertyValues(
                        "langchain4j.qwen.region=hong-kong",
                        "langchain4j.qwen.timeout=90s",
                        "langchain4j.qwen.max-retries=5",
                        "langchain4j.qwen.log-requests=true",
                        "langchain4j.qwen.log-responses=true")
                .run(context -> {
                    QwenProperties properties = context.getBean(QwenProperties.class);
                    assertThat(properties.getRegion()).isEqualTo(QwenRegion.HONG_KONG);
                    assertThat(properties.getTimeout()).isEqualTo(Duration.ofSeconds(90));
                    assertThat(properties.getMaxRetries()).isEqualTo(5);
                    assertThat(properties.getLogRequests()).isTrue();
                    assertThat(properties.getLogResponses()).isTrue();
                    assertThat(properties.getChatModel().isEnabled()).isTrue();
                    assertThat(properties.getEmbeddingModel().isEnabled()).isTrue();
                });
    }

    @Test
    void should_bind_the_region_in_any_relaxed_form() {
        for (String value : List.of("singapore", "SINGAPORE", "Singapore")) {
            runner.withPropertyValues("langchain4j.qwen.region=" + value).run(context ->
                    assertThat(context.getBean(QwenProperties.class).getRegion()).isEqualTo(QwenRegion.SINGAPORE));
        }
        for (String value : List.of("china-beijing", "china_beijing", "CHINA_BEIJING")) {
            runner.withPropertyValues("langchain4j.qwen.region=" + value).run(context ->
                    assertThat(context.getBean(QwenProperties.class).getRegion()).isEqualTo(QwenRegion.CHINA_BEIJING));
        }
    }

    @Test
    void should_bind_custom_parameter_keys_as_written_and_dots_as_nesting() {
        runner.withPropertyValues(
                        "langchain4j.qwen.chat-model.custom-parameters[result_format]=message",
                        "langchain4j.qwen.chat-model.custom-parameters.plain_key=kept",
                        "langchain4j.qwen.chat-model.custom-parameters.camelKey=kept",
                        "langchain4j.qwen.chat-model.custom-parameters.outer.inner_key=nested",
                        "langchain4j.qwen.chat-model.custom-parameters[a.b]=dotted")
                .run(context -> assertThat(context.getBean(QwenProperties.class).getChatModel().getCustomParameters())
                        .isEqualTo(Map.of(
                                "result_format", "message",
                                "plain_key", "kept",
                                "camelKey", "kept",
                                "outer", Map.of("inner_key", "nested"),
                                "a.b", "dotted")));
    }

    @Test
    void should_not_show_the_api_key_or_header_values_in_to_string() {
        runner.withPropertyValues(
                        "langchain4j.qwen.chat-model.model-name=qwen-max",
                        "langchain4j.qwen.chat-model.custom-headers.X-Proxy-Token=proxy-SECRET",
                        "langchain4j.qwen.embedding-model.custom-headers.X-Proxy-Token=proxy-SECRET")
                .run(context -> {
                    String text = context.getBean(QwenProperties.class).toString();

                    assertThat(text).contains("apiKey=***").contains("modelName=qwen-max").contains("X-Proxy-Token")
                            .doesNotContain(API_KEY).doesNotContain("proxy-SECRET");
                });
    }

    @Test
    void should_show_an_unset_api_key_as_null() {
        assertThat(new QwenProperties().toString()).contains("apiKey=null");
        QwenProperties properties = new QwenProperties();
        properties.setApiKey(API_KEY);
        properties.getChatModel().setCustomHeaders(null);
        properties.getChatModel().setCustomParameters(Map.of("n", 1));
        assertThat(properties.toString()).contains("apiKey=***").contains("customParameters={n=1}")
                .doesNotContain(API_KEY);
    }
}
