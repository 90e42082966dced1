package io.github.qwenlangchain4j;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/** How non-streaming responses are parsed: the documentation's fixtures and the quirks of real traffic. */
class QwenChatModelResponseTest extends QwenWireMockSupport {

    @Test
    void should_parse_text_usage_cached_tokens_finish_reason_and_metadata() {
        stubChat(okJson(Fixtures.read("chat/chat_response_nonstream_basic.json"))
                .withHeader("x-request-id", "req-from-header-42"));

        ChatResponse response = model().build().chat(UserMessage.from("Who are you?"));

        assertThat(response.aiMessage().text())
                .isEqualTo("I am a large-scale language model developed by Alibaba Cloud. My name is Qwen.");
        assertThat(response.aiMessage().thinking()).isNull();
        assertThat(response.aiMessage().hasToolExecutionRequests()).isFalse();
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(response.id()).isEqualTo("chatcmpl-6ada9ed2-7f33-9de2-8bb0-78bd4035025a");
        assertThat(response.modelName()).isEqualTo("qwen-plus");

        QwenTokenUsage usage = (QwenTokenUsage) response.tokenUsage();
        assertThat(usage.inputTokenCount()).isEqualTo(3019);
        assertThat(usage.outputTokenCount()).isEqualTo(104);
        assertThat(usage.totalTokenCount()).isEqualTo(3123);
        assertThat(usage.cachedTokens()).isEqualTo(2048);
        assertThat(usage.reasoningTokens()).isNull();

        QwenChatResponseMetadata metadata = (QwenChatResponseMetadata) response.metadata();
        assertThat(metadata.requestId()).isEqualTo("req-from-header-42");
        assertThat(metadata.created()).isEqualTo(1735120033L);
    }

    @Test
    void should_take_the_request_id_from_the_completion_id_when_the_header_is_absent() {
        stubChat(okJson(Fixtures.read("chat/chat_response_nonstream_basic.json")));

        ChatResponse response = model().build().chat(UserMessage.from("Who are you?"));

        assertThat(((QwenChatResponseMetadata) response.metadata()).requestId())
                .isEqualTo("6ada9ed2-7f33-9de2-8bb0-78bd4035025a");
    }

    @Test
    void should_parse_thinking_and_reasoning_tokens() {
        stubChat(json(Fixtures.read("chat/vision_response_thinking_qwen3.7-plus.json")));

        ChatResponse response = model().modelName("qwen3.7-plus").build().chat(UserMessage.from("Describe it"));

        assertThat(response.aiMessage().text()).startsWith("This image depicts a heartwarming scene");
        assertThat(response.aiMessage().thinking()).startsWith("The user wants a description of the image.");
        QwenTokenUsage usage = (QwenTokenUsage) response.tokenUsage();
        assertThat(usage.reasoningTokens()).isEqualTo(539);
        assertThat(usage.cachedTokens()).isNull();
        assertThat(usage.totalTokenCount()).isEqualTo(3297);
        assertThat(response.modelName()).isEqualTo("qwen3.7-plus");
    }

    @Test
    void should_parse_a_non_streaming_tool_call_with_an_extra_index() {
        stubChat(json(completionWith(Fixtures.read("chat/message_tool_call_single.json"), "tool_calls")));

        AiMessage message =
                model().build().chat(UserMessage.from("Weather in Shanghai?")).aiMessage();

        assertThat(message.text()).isNull();
        assertThat(message.toolExecutionRequests())
                .containsExactly(ToolExecutionRequest.builder()
                        .id("call_6596dafa2a6a46f7a217da")
                        .name("get_current_weather")
                        .arguments("{\"location\": \"Shanghai\"}")
                        .build());
    }

    @Test
    void should_parse_parallel_tool_calls_in_order_and_report_tool_execution() {
        stubChat(json(completionWith(Fixtures.read("chat/message_tool_call_parallel.json"), "tool_calls")));

        ChatResponse response = model().build().chat(UserMessage.from("Weather in Beijing and Shanghai?"));

        assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_EXECUTION);
        assertThat(response.aiMessage().toolExecutionRequests())
                .extracting(ToolExecutionRequest::id, ToolExecutionRequest::name, ToolExecutionRequest::arguments)
                .containsExactly(
                        Tuple.tuple(
                                "call_c2d8a3a24c4d4929b26ae2", "get_current_weather", "{\"location\": \"Beijing\"}"),
                        Tuple.tuple(
                                "call_dc7f2f678f1944da9194cd", "get_current_weather", "{\"location\": \"Shanghai\"}"));
    }

    @Test
    void should_parse_a_plain_message_with_null_tool_calls() {
        stubChat(json(completionWith(Fixtures.read("chat/message_no_tool_call.json"), "stop")));

        ChatResponse response = model().build().chat(UserMessage.from("Hello"));

        assertThat(response.aiMessage().text()).startsWith("Hello! How can I help you?");
        assertThat(response.aiMessage().hasToolExecutionRequests()).isFalse();
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
    }

    @Test
    void should_parse_a_web_search_answer_in_utf_8() {
        stubChat(json(Fixtures.read("chat/web_search_response_nonstream.json")));

        ChatResponse response = model().enableSearch(true).build().chat(UserMessage.from("阿里巴巴9月发布了哪些模型？"));

        assertThat(response.aiMessage().text()).startsWith("根据已有的知识库信息").contains("Qwen3-Max-Preview");
        assertThat(((QwenTokenUsage) response.tokenUsage()).cachedTokens()).isZero();
        assertThat(response.tokenUsage().totalTokenCount()).isEqualTo(2201);
    }

    @Test
    void should_ignore_unknown_fields_and_any_key_order() {
        stubChat(json(Fixtures.read("written/chat_response_unknown_fields_reordered.json")));

        ChatResponse response = model().build().chat(UserMessage.from("Capital of France?"));

        assertThat(response.aiMessage().text()).isEqualTo("Paris is the capital");
        assertThat(response.finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(response.modelName()).isEqualTo("qwen-plus-2025-07-28");
        assertThat(response.tokenUsage().inputTokenCount()).isEqualTo(52);
        assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(12);
        assertThat(response.tokenUsage().totalTokenCount()).isEqualTo(64);
        assertThat(((QwenTokenUsage) response.tokenUsage()).cachedTokens()).isNull();
        assertThat(((QwenChatResponseMetadata) response.metadata()).created()).isEqualTo(1760000000L);
    }

    @Test
    void should_fail_on_a_200_body_without_choices_instead_of_answering_nothing() {
        stubChat(json(Fixtures.read("written/chat_response_no_choices.json")));
        QwenChatModel model = model().build();

        assertThatThrownBy(() -> model.chat(UserMessage.from("Hi")))
                .isInstanceOf(LangChain4jException.class)
                .isNotInstanceOf(RetriableException.class)
                .hasMessageContaining("choices")
                .hasMessageContaining(REQUEST_ID);
        assertThat(requestCount()).as("a malformed body is not retried").isEqualTo(1);
    }

    @Test
    void should_fail_on_a_200_body_with_empty_choices() {
        stubChat(json("{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"choices\":[],\"model\":\"qwen-plus\"}"));
        QwenChatModel model = model().build();

        assertThatThrownBy(() -> model.chat(UserMessage.from("Hi")))
                .isInstanceOf(LangChain4jException.class)
                .hasMessageContaining("choices");
    }

    @Test
    void should_fail_on_a_200_body_that_is_not_json_without_retrying() {
        stubChat(json("<html><body>Bad gateway page from a proxy</body></html>"));
        QwenChatModel model = model().build();

        assertThatThrownBy(() -> model.chat(UserMessage.from("Hi")))
                .isInstanceOf(LangChain4jException.class)
                .isNotInstanceOf(RetriableException.class)
                .hasMessageContaining("Malformed")
                .hasMessageContaining(REQUEST_ID);
        assertThat(requestCount()).isEqualTo(1);
    }

    /** A completion around one of the documentation's bare assistant messages. */
    private static String completionWith(String message, String finishReason) {
        return """
                {"choices": [{"message": %s, "finish_reason": "%s", "index": 0, "logprobs": null}],
                 "object": "chat.completion",
                 "usage": {"prompt_tokens": 264, "completion_tokens": 21, "total_tokens": 285},
                 "created": 1741855367, "system_fingerprint": null, "model": "qwen-plus",
                 "id": "chatcmpl-%s"}
                """.formatted(message, finishReason, REQUEST_ID);
    }
}
