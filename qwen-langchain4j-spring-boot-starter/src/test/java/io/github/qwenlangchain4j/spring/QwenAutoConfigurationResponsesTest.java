package io.github.qwenlangchain4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import io.github.qwenlangchain4j.QwenChatModel;
import io.github.qwenlangchain4j.responses.QwenBuiltInTool;
import io.github.qwenlangchain4j.responses.QwenConversations;
import io.github.qwenlangchain4j.responses.QwenResponsesChatModel;
import io.github.qwenlangchain4j.responses.QwenResponsesStreamingChatModel;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Responses API beans: opt-in, from {@code langchain4j.qwen.responses-model.*}, overridable. */
class QwenAutoConfigurationResponsesTest {

    private static final String KEY = "langchain4j.qwen.api-key=sk-test-SECRET-1234567890";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(QwenAutoConfiguration.class));

    @Test
    void should_not_create_them_unless_enabled_so_that_chat_model_injection_stays_unambiguous() {
        runner.withPropertyValues(KEY).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(QwenResponsesChatModel.class)
                    .doesNotHaveBean(QwenResponsesStreamingChatModel.class).doesNotHaveBean(QwenConversations.class);
            assertThat(context).hasSingleBean(ChatModel.class).hasSingleBean(StreamingChatModel.class);
        });
    }

    @Test
    void should_create_both_models_and_conversations_from_the_properties_when_enabled() {
        runner.withPropertyValues(KEY, "langchain4j.qwen.responses-model.enabled=true",
                        "langchain4j.qwen.responses-model.model-name=qwen3.6-plus",
                        "langchain4j.qwen.responses-model.max-tokens=512",
                        "langchain4j.qwen.responses-model.enable-thinking=true",
                        "langchain4j.qwen.responses-model.built-in-tools=web_search,code_interpreter",
                        "langchain4j.qwen.responses-model.session-cache=true",
                        "langchain4j.qwen.region=china-beijing")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    QwenResponsesChatModel model = context.getBean(QwenResponsesChatModel.class);
                    assertThat(model.defaultRequestParameters().modelName()).isEqualTo("qwen3.6-plus");
                    assertThat(model.defaultRequestParameters().maxOutputTokens()).isEqualTo(512);
                    assertThat(model.defaultRequestParameters().enableThinking()).isTrue();
                    assertThat(model.defaultRequestParameters().builtInTools())
                            .containsExactly(QwenBuiltInTool.webSearch(), QwenBuiltInTool.codeInterpreter());
                    assertThat(model.toString()).contains("https://dashscope.aliyuncs.com/compatible-mode/v1")
                            .doesNotContain("SECRET");
                    assertThat(context).hasSingleBean(QwenResponsesStreamingChatModel.class)
                            .hasSingleBean(QwenConversations.class);
                    assertThat(context).hasBean("qwenResponsesChatModel").hasBean("qwenResponsesStreamingChatModel");
                    // the Chat Completions beans are still there, by their own type and name
                    assertThat(context).hasSingleBean(QwenChatModel.class).hasBean("qwenChatModel");
                });
    }

    @Test
    void should_back_off_when_the_application_defines_its_own() {
        runner.withPropertyValues(KEY, "langchain4j.qwen.responses-model.enabled=true")
                .withUserConfiguration(OwnModel.class)
                .run(context -> assertThat(context.getBean(QwenResponsesChatModel.class))
                        .isSameAs(context.getBean("myResponsesModel")));
    }

    @Test
    void should_fail_the_startup_naming_the_property_for_an_option_qwen_refuses() {
        runner.withPropertyValues(KEY, "langchain4j.qwen.responses-model.enabled=true",
                        "langchain4j.qwen.responses-model.temperature=2.5")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("langchain4j.qwen.responses-model.temperature"));
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnModel {
        @Bean
        QwenResponsesChatModel myResponsesModel() {
            return QwenResponsesChatModel.builder().apiKey("sk-own").build();
        }
    }
}
