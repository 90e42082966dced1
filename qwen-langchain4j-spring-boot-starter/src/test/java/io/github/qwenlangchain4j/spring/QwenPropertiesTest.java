package io.github.qwenlangchain4j.spring;

import static io.github.qwenlangchain4j.spring.QwenWireMock.API_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.qwenlangchain4j.QwenRegion;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.MapPropertySource;

/** QwenProperties binds the documented names, and its toString never shows the API key nor header values. */
class QwenPropertiesTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(QwenAutoConfigurations.of())
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
                    assertThat(properties.region()).isEqualTo(QwenRegion.HONG_KONG);
                    assertThat(properties.timeout()).isEqualTo(Duration.ofSeconds(90));
                    assertThat(properties.maxRetries()).isEqualTo(5);
                    assertThat(properties.logRequests()).isTrue();
                    assertThat(properties.logResponses()).isTrue();
                    assertThat(properties.chatModel().enabled()).isTrue();
                    assertThat(properties.embeddingModel().enabled()).isTrue();
                });
    }

    @Test
    void should_bind_the_region_in_any_relaxed_form() {
        for (String value : List.of("singapore", "SINGAPORE", "Singapore")) {
            runner.withPropertyValues("langchain4j.qwen.region=" + value)
                    .run(context -> assertThat(
                                    context.getBean(QwenProperties.class).region())
                            .isEqualTo(QwenRegion.SINGAPORE));
        }
        for (String value : List.of("china-beijing", "china_beijing", "CHINA_BEIJING")) {
            runner.withPropertyValues("langchain4j.qwen.region=" + value)
                    .run(context -> assertThat(
                                    context.getBean(QwenProperties.class).region())
                            .isEqualTo(QwenRegion.CHINA_BEIJING));
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
                .run(context -> assertThat(context.getBean(QwenProperties.class)
                                .chatModel()
                                .customParameters())
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
                        "langchain4j.qwen.embedding-model.custom-headers.X-Proxy-Token=proxy-SECRET",
                        "langchain4j.qwen.responses-model.custom-headers.X-Responses-Token=proxy-SECRET")
                .run(context -> {
                    String text = context.getBean(QwenProperties.class).toString();

                    assertThat(text)
                            .contains("apiKey=***")
                            .contains("modelName=qwen-max")
                            .contains("X-Proxy-Token")
                            .contains("X-Responses-Token")
                            .doesNotContain(API_KEY)
                            .doesNotContain("proxy-SECRET");
                });
    }

    @Test
    void should_show_an_unset_api_key_as_null() {
        QwenProperties unset = new QwenProperties(
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        assertThat(unset.toString()).contains("apiKey=null");
        QwenProperties properties = new QwenProperties(
                API_KEY,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                new QwenProperties.ChatModel(
                        true,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        Map.of("n", 1),
                        null,
                        null,
                        null,
                        null),
                null,
                null,
                null,
                new QwenProperties.Proxy(null, "proxy.corp", 3128, "corp-user", "proxy-SECRET"),
                null,
                null);
        assertThat(properties.toString())
                .contains("apiKey=***")
                .contains("customParameters={n=1}")
                .contains("customHeaders=[]")
                .doesNotContain(API_KEY)
                .contains("host=proxy.corp")
                .contains("password=***")
                .doesNotContain("proxy-SECRET");
    }

    @Test
    void should_default_every_section_when_nothing_is_set() {
        runner.run(context -> {
            QwenProperties properties = context.getBean(QwenProperties.class);
            assertThat(properties.region()).isNull();
            assertThat(properties.timeout()).isNull();
            assertThat(properties.chatModel().enabled()).isTrue();
            assertThat(properties.chatModel().modelName()).isNull();
            assertThat(properties.chatModel().stop()).isNull();
            assertThat(properties.chatModel().searchOptions().isEmpty()).isTrue();
            assertThat(properties.chatModel().audioOutput().isEmpty()).isTrue();
            assertThat(properties.chatModel().cacheSystemMessages()).isNull();
            assertThat(properties.chatModel().cacheConversation()).isNull();
            assertThat(properties.chatModel().customParameters()).isEmpty();
            assertThat(properties.chatModel().customHeaders()).isEmpty();
            assertThat(properties.embeddingModel().enabled()).isTrue();
            assertThat(properties.embeddingModel().customHeaders()).isEmpty();
            assertThat(properties.responsesModel().enabled())
                    .as("off unless asked for")
                    .isFalse();
            assertThat(properties.responsesModel().builtInTools()).isNull();
            assertThat(properties.responsesModel().customParameters()).isEmpty();
            assertThat(properties.responsesModel().customHeaders()).isEmpty();
        });
        // A direct constructor call, with null sections, gets the same defaults.
        QwenProperties constructed = new QwenProperties(
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        assertThat(constructed.chatModel().enabled()).isTrue();
        assertThat(constructed.chatModel().searchOptions().isEmpty()).isTrue();
        assertThat(constructed.chatModel().audioOutput().isEmpty()).isTrue();
        assertThat(constructed.embeddingModel().enabled()).isTrue();
        assertThat(constructed.responsesModel().enabled()).isFalse();
        assertThat(constructed.responsesModel().builtInTools()).isNull();
        assertThat(constructed.responsesModel().customHeaders()).isEmpty();
    }

    @Test
    void should_bind_enabled_false_and_keep_the_other_defaults() {
        runner.withPropertyValues(
                        "langchain4j.qwen.chat-model.enabled=false", "langchain4j.qwen.embedding-model.enabled=false")
                .run(context -> {
                    QwenProperties properties = context.getBean(QwenProperties.class);
                    assertThat(properties.chatModel().enabled()).isFalse();
                    assertThat(properties.chatModel().searchOptions().isEmpty()).isTrue();
                    assertThat(properties.embeddingModel().enabled()).isFalse();
                });
    }

    @Test
    void should_keep_the_types_of_yaml_values_in_custom_parameters_and_the_order_of_maps_and_lists() {
        Map<String, Object> yaml = new LinkedHashMap<>();
        // What the YAML loader gives: typed scalars, keys flattened in document order.
        yaml.put("langchain4j.qwen.chat-model.custom-parameters.max_input_tokens", 2048);
        yaml.put("langchain4j.qwen.chat-model.custom-parameters.incremental_output", true);
        yaml.put("langchain4j.qwen.chat-model.custom-parameters.translation_options.source_lang", "auto");
        yaml.put("langchain4j.qwen.chat-model.custom-parameters.translation_options.target_lang", "English");
        yaml.put("langchain4j.qwen.chat-model.custom-headers.X-B", "b");
        yaml.put("langchain4j.qwen.chat-model.custom-headers.X-A", "a");
        yaml.put("langchain4j.qwen.chat-model.stop[0]", "END");
        yaml.put("langchain4j.qwen.chat-model.stop[1]", "STOP");
        yaml.put("langchain4j.qwen.chat-model.search-options.assigned-site-list[0]", "qwen.ai");
        runner.withInitializer(context ->
                        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("yaml", yaml)))
                .run(context -> {
                    QwenProperties.ChatModel chat =
                            context.getBean(QwenProperties.class).chatModel();
                    assertThat(chat.customParameters())
                            .containsExactly(
                                    Map.entry("max_input_tokens", 2048),
                                    Map.entry("incremental_output", true),
                                    Map.entry(
                                            "translation_options",
                                            Map.of("source_lang", "auto", "target_lang", "English")));
                    assertThat(chat.customHeaders().keySet()).containsExactly("X-B", "X-A");
                    assertThat(chat.stop()).containsExactly("END", "STOP");
                    assertThat(chat.searchOptions().assignedSiteList()).containsExactly("qwen.ai");
                    assertThat(chat.searchOptions().isEmpty()).isFalse();
                    assertThatThrownBy(() -> chat.customHeaders().put("X-C", "c"))
                            .isInstanceOf(UnsupportedOperationException.class);
                    assertThatThrownBy(() -> chat.stop().add("MORE")).isInstanceOf(UnsupportedOperationException.class);
                });
    }
}
