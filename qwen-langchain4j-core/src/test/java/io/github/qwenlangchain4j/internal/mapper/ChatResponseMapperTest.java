package io.github.qwenlangchain4j.internal.mapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import io.github.qwenlangchain4j.Fixtures;
import io.github.qwenlangchain4j.QwenChatResponseMetadata;
import io.github.qwenlangchain4j.QwenTokenUsage;
import io.github.qwenlangchain4j.internal.api.ChatCompletionResponse;
import io.github.qwenlangchain4j.internal.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChatResponseMapperTest {

    static ChatCompletionResponse parse(String json) {
        try {
            return Json.MAPPER.readValue(json, ChatCompletionResponse.class);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    /** A completion whose only choice carries the given message JSON. */
    static ChatCompletionResponse withMessage(String messageJson, String finishReason) {
        return parse("{\"id\":\"chatcmpl-abc\",\"model\":\"qwen-plus\",\"created\":1,\"choices\":[{\"index\":0,"
                + "\"message\":" + messageJson + ",\"finish_reason\":\"" + finishReason + "\"}]}");
    }

    static QwenChatResponseMetadata metadata(ChatResponse response) {
        return (QwenChatResponseMetadata) response.metadata();
    }

    // ---- fixtures ----

    @Test
    void should_map_the_basic_non_streaming_fixture() {
        ChatResponse response = ChatResponseMapper.toChatResponse(
                parse(Fixtures.read("chat/chat_response_nonstream_basic.json")), null);

        assertThat(response.aiMessage().text())
                .isEqualTo("I am a large-scale language model developed by Alibaba Cloud. My name is Qwen.");
        assertThat(response.aiMessage().thinking()).isNull();
        assertThat(response.aiMessage().hasToolExecutionRequests()).isFalse();
        QwenChatResponseMetadata metadata = metadata(response);
        assertThat(metadata.id()).isEqualTo("chatcmpl-6ada9ed2-7f33-9de2-8bb0-78bd4035025a");
        assertThat(metadata.modelName()).isEqualTo("qwen-plus");
        assertThat(metadata.created()).isEqualTo(1735120033L);
        assertThat(metadata.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(metadata.qwenFinishReason()).isEqualTo("stop");
        assertThat(metadata.requestId()).isEqualTo("6ada9ed2-7f33-9de2-8bb0-78bd4035025a");
        assertThat(metadata.tokenUsage()).isEqualTo(new QwenTokenUsage(3019, 104, 3123, 2048, null));
        assertThat(response.tokenUsage()).isInstanceOf(QwenTokenUsage.class);
    }

    @Test
    void should_map_thinking_and_reasoning_tokens_of_the_vision_fixture() {
        ChatResponse response = ChatResponseMapper.toChatResponse(
                parse(Fixtures.read("chat/vision_response_thinking_qwen3.7-plus.json")), null);

        assertThat(response.aiMessage().text()).startsWith("This image depicts a heartwarming scene");
        assertThat(response.aiMessage().thinking()).startsWith("The user wants a description of the image.");
        QwenTokenUsage usage = metadata(response).tokenUsage();
        assertThat(usage.inputTokenCount()).isEqualTo(2520);
        assertThat(usage.outputTokenCount()).isEqualTo(777);
        assertThat(usage.totalTokenCount()).isEqualTo(3297);
        assertThat(usage.reasoningTokens()).isEqualTo(539);
        // prompt_tokens_details is present but has no cached_tokens
        assertThat(usage.cachedTokens()).isNull();
        assertThat(metadata(response).requestId()).isEqualTo("be9bf2d1-2e70-91c4-b8bc-c7f5bbd30320");
    }

    @Test
    void should_map_a_single_tool_call_with_its_non_standard_index_and_unknown_fields() {
        ChatResponse response = ChatResponseMapper.toChatResponse(
                withMessage(Fixtures.read("chat/message_tool_call_single.json"), "tool_calls"), null);

        AiMessage message = response.aiMessage();
        assertThat(message.text()).isNull();
        assertThat(message.toolExecutionRequests())
                .containsExactly(ToolExecutionRequest.builder()
                        .id("call_6596dafa2a6a46f7a217da")
                        .name("get_current_weather")
                        .arguments("{\"location\": \"Shanghai\"}")
                        .build());
        assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_EXECUTION);
    }

    @Test
    void should_map_parallel_tool_calls_in_order() {
        ChatResponse response = ChatResponseMapper.toChatResponse(
                withMessage(Fixtures.read("chat/message_tool_call_parallel.json"), "tool_calls"), null);

        List<ToolExecutionRequest> requests = response.aiMessage().toolExecutionRequests();
        assertThat(requests)
                .extracting(ToolExecutionRequest::id)
                .containsExactly("call_c2d8a3a24c4d4929b26ae2", "call_dc7f2f678f1944da9194cd");
        assertThat(requests)
                .extracting(ToolExecutionRequest::arguments)
                .containsExactly("{\"location\": \"Beijing\"}", "{\"location\": \"Shanghai\"}");
        assertThat(requests).extracting(ToolExecutionRequest::name).containsOnly("get_current_weather");
    }

    @Test
    void should_map_a_message_with_null_tool_calls_as_plain_text() {
        ChatResponse response = ChatResponseMapper.toChatResponse(
                withMessage(Fixtures.read("chat/message_no_tool_call.json"), "stop"), null);
        assertThat(response.aiMessage().text()).startsWith("Hello! How can I help you?");
        assertThat(response.aiMessage().hasToolExecutionRequests()).isFalse();
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
    }

    @Test
    void should_default_missing_tool_arguments_to_an_empty_object() {
        ChatResponse response = ChatResponseMapper.toChatResponse(
                withMessage(
                        "{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[{\"index\":0,\"id\":\"c1\","
                                + "\"type\":\"function\",\"function\":{\"name\":\"now\",\"arguments\":\"\"}}]}",
                        "tool_calls"),
                null);
        assertThat(response.aiMessage().toolExecutionRequests().get(0).arguments())
                .isEqualTo("{}");
    }

    @Test
    void should_keep_text_next_to_tool_calls() {
        ChatResponse response = ChatResponseMapper.toChatResponse(
                withMessage(
                        "{\"role\":\"assistant\",\"content\":\"Checking.\",\"tool_calls\":[{\"id\":\"c1\","
                                + "\"function\":{\"name\":\"now\",\"arguments\":\"{}\"}}]}",
                        "tool_calls"),
                null);
        assertThat(response.aiMessage().text()).isEqualTo("Checking.");
        assertThat(response.aiMessage().toolExecutionRequests()).hasSize(1);
    }

    @Test
    void should_map_null_content_without_tool_calls_to_empty_text() {
        ChatResponse response = ChatResponseMapper.toChatResponse(
                withMessage("{\"role\":\"assistant\",\"content\":null}", "stop"), null);
        assertThat(response.aiMessage().text()).isEmpty();
    }

    @Test
    void should_parse_leniently_whatever_the_key_order_and_unknown_fields() {
        ChatResponse response = ChatResponseMapper.toChatResponse(parse("""
                {"usage": {"total_tokens": 3, "completion_tokens": 1, "prompt_tokens": 2, "new_field": {"x": 1}},
                 "brand_new": [1, 2, 3],
                 "choices": [{"finish_reason": "stop", "logprobs": null,
                              "message": {"extra": true, "content": "ok", "role": "assistant"}, "index": 0}],
                 "id": "chatcmpl-r1", "model": "qwen-max", "object": "chat.completion"}"""), null);
        assertThat(response.aiMessage().text()).isEqualTo("ok");
        assertThat(response.tokenUsage().totalTokenCount()).isEqualTo(3);
        assertThat(metadata(response).requestId()).isEqualTo("r1");
    }

    @Test
    void should_refuse_a_response_without_choices() {
        assertThatThrownBy(() -> ChatResponseMapper.toChatResponse(parse("{\"id\":\"x\",\"choices\":[]}"), null))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ChatResponseMapper.toChatResponse(parse("{\"id\":\"x\"}"), null))
                .isInstanceOf(IllegalStateException.class);
    }

    // ---- finish reasons ----

    @ParameterizedTest
    @CsvSource({
        "stop, STOP",
        "length, LENGTH",
        "tool_calls, TOOL_EXECUTION",
        "function_call, TOOL_EXECUTION",
        "content_filter, CONTENT_FILTER",
        "something_new, OTHER"
    })
    void should_map_finish_reasons(String wire, FinishReason expected) {
        assertThat(ChatResponseMapper.finishReason(wire, false)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"tool_calls", "content_filter", "something_new"})
    void should_keep_qwens_finish_reason_as_sent_beside_langchain4js_reading_of_it(String wire) {
        // the values of choices[].finish_reason on
        // alibabacloud.com/help/en/model-studio/qwen-api-via-openai-chat-completions; observations report them as sent
        ChatResponse response = ChatResponseMapper.toChatResponse(withMessage("{\"content\":\"Hi\"}", wire), null);

        assertThat(metadata(response).qwenFinishReason()).isEqualTo(wire);
        assertThat(metadata(response).finishReason()).isEqualTo(ChatResponseMapper.finishReason(wire, false));
        assertThat(metadata(response).toBuilder().build()).isEqualTo(metadata(response));
    }

    @Test
    void should_map_a_missing_finish_reason_to_null() {
        assertThat(ChatResponseMapper.finishReason(null, false)).isNull();
    }

    @Test
    void should_report_tool_execution_whenever_there_are_tool_calls() {
        assertThat(ChatResponseMapper.finishReason("stop", true)).isEqualTo(FinishReason.TOOL_EXECUTION);
        assertThat(ChatResponseMapper.finishReason(null, true)).isEqualTo(FinishReason.TOOL_EXECUTION);
    }

    // ---- request id ----

    @Test
    void should_prefer_the_request_id_header() {
        ChatResponse response = ChatResponseMapper.toChatResponse(
                parse(Fixtures.read("chat/chat_response_nonstream_basic.json")), "from-header");
        assertThat(metadata(response).requestId()).isEqualTo("from-header");
        assertThat(metadata(response).id()).isEqualTo("chatcmpl-6ada9ed2-7f33-9de2-8bb0-78bd4035025a");
    }

    @Test
    void should_take_the_request_id_from_the_completion_id_without_a_header() {
        assertThat(ChatResponseMapper.requestId("chatcmpl-123-abc", null)).isEqualTo("123-abc");
        assertThat(ChatResponseMapper.requestId("chatcmpl-123-abc", "")).isEqualTo("123-abc");
    }

    @Test
    void should_have_no_request_id_when_neither_header_nor_a_chatcmpl_id_gives_one() {
        assertThat(ChatResponseMapper.requestId("other-id", null)).isNull();
        assertThat(ChatResponseMapper.requestId(null, null)).isNull();
    }

    // ---- usage ----

    @Test
    void should_map_usage_without_details_to_null_details() {
        ChatResponse response = ChatResponseMapper.toChatResponse(
                parse("{\"id\":\"chatcmpl-1\",\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},"
                        + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2,"
                        + "\"total_tokens\":7}}"),
                null);
        QwenTokenUsage usage = metadata(response).tokenUsage();
        assertThat(usage).isEqualTo(new QwenTokenUsage(5, 2, 7, null, null));
        assertThat(usage.cachedTokens()).isNull();
        assertThat(usage.reasoningTokens()).isNull();
    }

    @Test
    void should_map_null_detail_objects_to_null_details() {
        ChatResponse response = ChatResponseMapper.toChatResponse(
                parse(
                        "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"hi\"}}],\"usage\":{\"prompt_tokens\":5,"
                                + "\"completion_tokens\":2,\"total_tokens\":7,\"prompt_tokens_details\":null,"
                                + "\"completion_tokens_details\":null}}"),
                null);
        assertThat(metadata(response).tokenUsage()).isEqualTo(new QwenTokenUsage(5, 2, 7, null, null));
    }

    @Test
    void should_have_no_token_usage_when_the_response_has_none() {
        ChatResponse response = ChatResponseMapper.toChatResponse(
                withMessage("{\"role\":\"assistant\",\"content\":\"hi\"}", "stop"), null);
        assertThat(response.tokenUsage()).isNull();
        assertThat(ChatResponseMapper.toTokenUsage(null)).isNull();
    }
}
