package io.github.qwenlangchain4j.spring;

import static io.github.qwenlangchain4j.spring.QwenWireMock.ANSWER;
import static io.github.qwenlangchain4j.spring.QwenWireMock.API_KEY;
import static io.github.qwenlangchain4j.spring.QwenWireMock.CONVERSATIONS_PATH;
import static io.github.qwenlangchain4j.spring.QwenWireMock.RESPONSES_PATH;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import io.github.qwenlangchain4j.QwenChatModel;
import io.github.qwenlangchain4j.QwenStreamingChatModel;
import io.github.qwenlangchain4j.responses.QwenBuiltInTool;
import io.github.qwenlangchain4j.responses.QwenConversation;
import io.github.qwenlangchain4j.responses.QwenConversations;
import io.github.qwenlangchain4j.responses.QwenResponsesChatModel;
import io.github.qwenlangchain4j.responses.QwenResponsesChatResponseMetadata;
import io.github.qwenlangchain4j.responses.QwenResponsesStreamingChatModel;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Responses API beans ({@code langchain4j.qwen.responses-model.*}): off by default, created when enabled, bound
 * to the request they send (observed on a WireMock server), backing off, and never making plain {@code ChatModel} or
 * {@code StreamingChatModel} injection ambiguous.
 */
class QwenResponsesAutoConfigurationTest {

    private static final String ENABLED = "langchain4j.qwen.responses-model.enabled=true";

    private final QwenWireMock qwen = new QwenWireMock();

    private final ApplicationContextRunner runner = QwenAutoConfigurations.runner(API_KEY, qwen.baseUrl());

    /** Every responses-model.* property, as an application would write them in application.properties. */
    private static final String[] RESPONSES_PROPERTIES = {
        ENABLED,
        "langchain4j.qwen.responses-model.model-name=qwen3-max",
        "langchain4j.qwen.responses-model.temperature=0.3",
        "langchain4j.qwen.responses-model.top-p=0.8",
        "langchain4j.qwen.responses-model.max-tokens=256",
        "langchain4j.qwen.responses-model.enable-thinking=true",
        "langchain4j.qwen.responses-model.built-in-tools=web_search, code_interpreter",
        "langchain4j.qwen.responses-model.store=false",
        "langchain4j.qwen.responses-model.session-cache=true",
        "langchain4j.qwen.responses-model.parallel-tool-calls=true",
        "langchain4j.qwen.responses-model.custom-parameters.reasoning.effort=high",
        "langchain4j.qwen.responses-model.custom-headers.X-Trace-Id=trace-responses",
    };

    @AfterEach
    void stopServer() {
        qwen.close();
    }

    @Test
    void should_create_no_responses_bean_unless_enabled() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(QwenResponsesChatModel.class);
            assertThat(context).doesNotHaveBean(QwenResponsesStreamingChatModel.class);
            assertThat(context).doesNotHaveBean(QwenConversations.class);
            assertThat(context).hasSingleBean(ChatModel.class).hasSingleBean(StreamingChatModel.class);
        });
        runner.withPropertyValues(
                        "langchain4j.qwen.responses-model.enabled=false",
                        "langchain4j.qwen.responses-model" + ".built-in-tools=web-search")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(QwenResponsesChatModel.class));
    }

    @Test
    void should_create_the_responses_models_and_conversations_when_enabled() {
        runner.withPropertyValues(ENABLED).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(QwenResponsesChatModel.class);
            assertThat(context).hasSingleBean(QwenResponsesStreamingChatModel.class);
            assertThat(context).hasSingleBean(QwenConversations.class);
            assertThat(context)
                    .hasBean("qwenResponsesChatModel")
                    .hasBean("qwenResponsesStreamingChatModel")
                    .hasBean("qwenConversations");
            // The chat-model beans are still there, beside them.
            assertThat(context).hasSingleBean(QwenChatModel.class).hasSingleBean(QwenStreamingChatModel.class);
        });
    }

    @Test
    void should_create_nothing_without_an_api_key() {
        new ApplicationContextRunner()
                .withConfiguration(QwenAutoConfigurations.of())
                .withPropertyValues(ENABLED, "langchain4j.qwen.api-key=")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(QwenResponsesChatModel.class);
                    assertThat(context).doesNotHaveBean(QwenResponsesStreamingChatModel.class);
                    assertThat(context).doesNotHaveBean(QwenConversations.class);
                });
    }

    @Test
    void should_send_every_responses_model_property_in_the_request() {
        runner.withPropertyValues(RESPONSES_PROPERTIES).run(context -> {
            ChatResponse response =
                    context.getBean(QwenResponsesChatModel.class).chat(UserMessage.from("Who are you?"));

            assertThat(response.aiMessage().text()).isEqualTo(ANSWER);
            assertThat(((QwenResponsesChatResponseMetadata) response.metadata()).responseId())
                    .isEqualTo(QwenWireMock.RESPONSE_ID);
            assertRequestCarriesTheProperties(qwen.onlyRequest(RESPONSES_PATH), qwen.onlyBody(RESPONSES_PATH));
            assertThat(qwen.onlyBody(RESPONSES_PATH).has("stream")
                            && qwen.onlyBody(RESPONSES_PATH).get("stream").asBoolean())
                    .isFalse();
        });
    }

    @Test
    void should_stream_with_every_responses_model_property() {
        runner.withPropertyValues(RESPONSES_PROPERTIES).run(context -> {
            StringBuilder partials = new StringBuilder();
            CompletableFuture<ChatResponse> done = new CompletableFuture<>();
            context.getBean(QwenResponsesStreamingChatModel.class)
                    .chat(List.of(UserMessage.from("Who are you?")), new StreamingChatResponseHandler() {
                        @Override
                        public void onPartialResponse(String partialResponse) {
                            partials.append(partialResponse);
                        }

                        @Override
                        public void onCompleteResponse(ChatResponse completeResponse) {
                            done.complete(completeResponse);
                        }

                        @Override
                        public void onError(Throwable error) {
                            done.completeExceptionally(error);
                        }
                    });

            ChatResponse response = done.get(30, TimeUnit.SECONDS);
            assertThat(partials.toString()).isEqualTo(ANSWER);
            assertThat(response.aiMessage().text()).isEqualTo(ANSWER);
            JsonNode body = qwen.onlyBody(RESPONSES_PATH);
            assertThat(body.get("stream").asBoolean()).isTrue();
            assertRequestCarriesTheProperties(qwen.onlyRequest(RESPONSES_PATH), body);
        });
    }

    private static void assertRequestCarriesTheProperties(LoggedRequest request, JsonNode body) {
        assertThat(body.get("model").asText()).isEqualTo("qwen3-max");
        assertThat(body.get("temperature").asDouble()).isEqualTo(0.3);
        assertThat(body.get("top_p").asDouble()).isEqualTo(0.8);
        assertThat(body.get("max_output_tokens").asInt()).isEqualTo(256);
        assertThat(body.get("enable_thinking").asBoolean()).isTrue();
        assertThat(body.get("store").asBoolean()).isFalse();
        assertThat(body.get("parallel_tool_calls").asBoolean()).isTrue();
        assertThat(body.get("reasoning").get("effort").asText()).isEqualTo("high");
        assertThat(body.get("tools")).hasSize(2);
        assertThat(body.get("tools").get(0).get("type").asText()).isEqualTo("web_search");
        assertThat(body.get("tools").get(0).size()).as("type only").isEqualTo(1);
        assertThat(body.get("tools").get(1).get("type").asText()).isEqualTo("code_interpreter");
        assertThat(request.getHeader("x-dashscope-session-cache")).isEqualTo("enable");
        assertThat(request.getHeader("X-Trace-Id")).isEqualTo("trace-responses");
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + API_KEY);
    }

    @Test
    void should_map_built_in_tool_names_to_built_in_tools() {
        runner.withPropertyValues(
                        ENABLED,
                        "langchain4j.qwen.responses-model.built-in-tools[0]=web_search",
                        "langchain4j.qwen.responses-model.built-in-tools[1]=web_extractor",
                        "langchain4j.qwen.responses-model.built-in-tools[2]=code_interpreter",
                        "langchain4j.qwen.responses-model.built-in-tools[3]=web_search_image",
                        "langchain4j.qwen.responses-model.built-in-tools[4]=image_search")
                .run(context -> {
                    List<QwenBuiltInTool> expected = List.of(
                            QwenBuiltInTool.webSearch(),
                            QwenBuiltInTool.webExtractor(),
                            QwenBuiltInTool.codeInterpreter(),
                            QwenBuiltInTool.webSearchImage(),
                            QwenBuiltInTool.imageSearch());
                    assertThat(context.getBean(QwenResponsesChatModel.class)
                                    .defaultRequestParameters()
                                    .builtInTools())
                            .isEqualTo(expected);
                    assertThat(context.getBean(QwenResponsesStreamingChatModel.class)
                                    .defaultRequestParameters()
                                    .builtInTools())
                            .isEqualTo(expected);
                });
        runner.withPropertyValues(ENABLED)
                .run(context -> assertThat(context.getBean(QwenResponsesChatModel.class)
                                .defaultRequestParameters()
                                .builtInTools())
                        .isNull());
    }

    @Test
    void should_fail_the_startup_naming_the_property_for_a_tool_that_cannot_be_named() {
        runner.withPropertyValues(ENABLED, "langchain4j.qwen.responses-model.built-in-tools=web_search,web-extractor")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("langchain4j.qwen.responses-model.built-in-tools[1]")
                        .hasMessageContaining("web_extractor"));
        runner.withPropertyValues(ENABLED, "langchain4j.qwen.responses-model.built-in-tools=file_search")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("langchain4j.qwen.responses-model.built-in-tools[0]")
                        .hasMessageContaining("vector_store_ids")
                        .hasMessageContaining("QwenBuiltInTool.fileSearch"));
        runner.withPropertyValues(ENABLED, "langchain4j.qwen.responses-model.built-in-tools=function")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("built-in-tools[0]")
                        .hasMessageContaining("ToolSpecifications"));
    }

    @Test
    void should_send_the_reasoning_effort_property_as_reasoning_effort() {
        runner.withPropertyValues(ENABLED, "langchain4j.qwen.responses-model.reasoning-effort=low")
                .run(context -> {
                    context.getBean(QwenResponsesChatModel.class).chat(UserMessage.from("Who are you?"));

                    assertThat(qwen.onlyBody(RESPONSES_PATH)
                                    .path("reasoning")
                                    .path("effort")
                                    .asText())
                            .isEqualTo("low");
                });
    }

    @Test
    void should_fail_the_startup_naming_the_reasoning_effort_property_for_an_unknown_effort() {
        runner.withPropertyValues(ENABLED, "langchain4j.qwen.responses-model.reasoning-effort=extreme")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("langchain4j.qwen.responses-model.reasoning-effort")
                        .hasMessageContaining("reasoningEffort must be one of none,"));
    }

    @Test
    void should_fail_the_startup_naming_an_invalid_option() {
        runner.withPropertyValues(ENABLED, "langchain4j.qwen.responses-model.temperature=2.5")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("langchain4j.qwen.responses-model.temperature")
                        .hasMessageContaining("in [0, 2)")
                        .hasMessageNotContaining(API_KEY));
    }

    @Test
    void should_keep_plain_chat_model_injection_on_the_chat_model_beans_when_both_are_enabled() {
        runner.withPropertyValues(ENABLED)
                .withUserConfiguration(PlainInjection.class)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    PlainInjection.Injected injected = context.getBean(PlainInjection.Injected.class);
                    assertThat(injected.chatModel()).isInstanceOf(QwenChatModel.class);
                    assertThat(injected.streamingChatModel()).isInstanceOf(QwenStreamingChatModel.class);
                    assertThat(injected.responses()).isSameAs(context.getBean(QwenResponsesChatModel.class));
                    assertThat(context.getBean(ChatModel.class)).isInstanceOf(QwenChatModel.class);
                    assertThat(context.getBean(StreamingChatModel.class)).isInstanceOf(QwenStreamingChatModel.class);
                    assertThat(context.getBeanProvider(ChatModel.class).getIfUnique())
                            .isInstanceOf(QwenChatModel.class);
                    // Both remain listed for code that asks for all of them.
                    assertThat(context.getBeansOfType(ChatModel.class))
                            .containsOnlyKeys("qwenChatModel", "qwenResponsesChatModel");
                });
    }

    @Test
    void should_give_plain_chat_model_injection_the_responses_models_when_the_chat_models_are_off() {
        runner.withPropertyValues(ENABLED, "langchain4j.qwen.chat-model.enabled=false")
                .withUserConfiguration(PlainInjection.class)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    PlainInjection.Injected injected = context.getBean(PlainInjection.Injected.class);
                    assertThat(injected.chatModel()).isInstanceOf(QwenResponsesChatModel.class);
                    assertThat(injected.streamingChatModel()).isInstanceOf(QwenResponsesStreamingChatModel.class);
                });
    }

    @Test
    void should_back_off_when_the_application_defines_its_own_responses_beans() {
        runner.withPropertyValues(ENABLED)
                .withUserConfiguration(OwnResponsesBeans.class)
                .run(context -> {
                    assertThat(context).hasSingleBean(QwenResponsesChatModel.class);
                    assertThat(context).getBean(QwenResponsesChatModel.class).isSameAs(OwnResponsesBeans.CHAT);
                    assertThat(context).hasSingleBean(QwenResponsesStreamingChatModel.class);
                    assertThat(context)
                            .getBean(QwenResponsesStreamingChatModel.class)
                            .isSameAs(OwnResponsesBeans.STREAMING);
                    assertThat(context).hasSingleBean(QwenConversations.class);
                    assertThat(context).getBean(QwenConversations.class).isSameAs(OwnResponsesBeans.CONVERSATIONS);
                    assertThat(context)
                            .doesNotHaveBean("qwenResponsesChatModel")
                            .doesNotHaveBean("qwenConversations");
                });
    }

    @Test
    void should_attach_the_chat_model_listeners_to_the_responses_models() {
        runner.withPropertyValues(ENABLED)
                .withBean(ChatModelListener.class, () -> new ChatModelListener() {})
                .run(context -> {
                    ChatModelListener listener = context.getBean(ChatModelListener.class);
                    assertThat(context.getBean(QwenResponsesChatModel.class).listeners())
                            .containsExactly(listener);
                    assertThat(context.getBean(QwenResponsesStreamingChatModel.class)
                                    .listeners())
                            .containsExactly(listener);
                });
    }

    @Test
    void should_call_the_conversations_api_with_the_connection_and_custom_headers() {
        runner.withPropertyValues(ENABLED, "langchain4j.qwen.responses-model.custom-headers.X-Trace-Id=trace-conv")
                .run(context -> {
                    QwenConversation conversation = context.getBean(QwenConversations.class)
                            .create(List.of(UserMessage.from("Hello")), Map.of("topic", "demo"));

                    assertThat(conversation.id()).isEqualTo("conv_starter");
                    LoggedRequest request = qwen.onlyRequest(CONVERSATIONS_PATH);
                    assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + API_KEY);
                    assertThat(request.getHeader("X-Trace-Id")).isEqualTo("trace-conv");
                    assertThat(qwen.onlyBody(CONVERSATIONS_PATH)
                                    .get("metadata")
                                    .get("topic")
                                    .asText())
                            .isEqualTo("demo");
                });
    }

    @Test
    void should_use_the_region_when_no_base_url_is_set() {
        new ApplicationContextRunner()
                .withConfiguration(QwenAutoConfigurations.of())
                .withPropertyValues(
                        "langchain4j.qwen.api-key=" + API_KEY, "langchain4j.qwen.region=china-beijing", ENABLED)
                .run(context -> assertThat(
                                context.getBean(QwenResponsesChatModel.class).toString())
                        .contains("baseUrl=" + io.github.qwenlangchain4j.QwenRegion.CHINA_BEIJING.responsesBaseUrl())
                        .doesNotContain(API_KEY));
    }

    /** An application bean that injects the LangChain4j interfaces by type, as most applications do. */
    @Configuration(proxyBeanMethods = false)
    static class PlainInjection {

        record Injected(ChatModel chatModel, StreamingChatModel streamingChatModel, QwenResponsesChatModel responses) {}

        @Bean
        Injected injected(
                ChatModel chatModel,
                StreamingChatModel streamingChatModel,
                ObjectProvider<QwenResponsesChatModel> responses) {
            return new Injected(chatModel, streamingChatModel, responses.getIfAvailable());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnResponsesBeans {

        static final QwenResponsesChatModel CHAT =
                QwenResponsesChatModel.builder().apiKey("sk-own").build();
        static final QwenResponsesStreamingChatModel STREAMING =
                QwenResponsesStreamingChatModel.builder().apiKey("sk-own").build();
        static final QwenConversations CONVERSATIONS =
                QwenConversations.builder().apiKey("sk-own").build();

        @Bean
        QwenResponsesChatModel myResponsesChatModel() {
            return CHAT;
        }

        @Bean
        QwenResponsesStreamingChatModel myResponsesStreamingChatModel() {
            return STREAMING;
        }

        @Bean
        QwenConversations myConversations() {
            return CONVERSATIONS;
        }
    }
}
