package io.github.qwenlangchain4j.responses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ToolChoice;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import io.github.qwenlangchain4j.QwenApiError;
import io.github.qwenlangchain4j.QwenTokenUsage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * {@link QwenResponsesChatModel} against the shapes of Qwen's Responses API: requests as its reference documents
 * them (flat function tools, built-in tools, input items), responses from its docs and from real traffic (fixture
 * sources in {@code fixtures/responses/README.md}: Model Studio "OpenAI Responses API reference",
 * https://www.alibabacloud.com/help/en/model-studio/qwen-api-via-openai-responses, and public projects' probes).
 */
class QwenResponsesChatModelTest extends ResponsesWireMockSupport {

    private ChatResponse chat(QwenResponsesChatModel model, ChatRequest request) {
        return model.chat(request);
    }

    private static ChatRequest ask(String question) {
        return ChatRequest.builder().messages(UserMessage.from(question)).build();
    }

    @Nested
    class Requests_are_sent_as_qwen_documents_them {

        @Test
        void messages_become_input_items_and_function_tools_are_flat_beside_built_in_tools() throws Exception {
            respondWithFixture("response_basic_legacy_doc.json");
            ToolSpecification weather = ToolSpecification.builder()
                    .name("get_weather")
                    .description("Get weather information for a specified city")
                    .parameters(JsonObjectSchema.builder()
                            .addStringProperty("city", "The name of the city")
                            .required("city")
                            .build())
                    .build();

            model().modelName("qwen3.5-plus")
                    .builtInTools(QwenBuiltInTool.webSearch())
                    .enableThinking(true)
                    .build()
                    .chat(ChatRequest.builder()
                            .messages(SystemMessage.from("Be brief."), UserMessage.from("Weather in Singapore?"))
                            .toolSpecifications(weather)
                            .build());

            JsonNode body = sentBody();
            assertThat(body.path("model").asText()).isEqualTo("qwen3.5-plus");
            assertThat(body.path("input").toString())
                    .isEqualTo("[{\"role\":\"system\",\"content\":\"Be brief.\"},"
                            + "{\"role\":\"user\",\"content\":\"Weather in Singapore?\"}]");
            // the shape of fixtures/responses/request_function_call_roundtrip.json (Qwen's function-calling example)
            assertThat(body.path("tools").get(0).toString())
                    .isEqualTo("{\"type\":\"function\",\"name\":\"get_weather\","
                            + "\"description\":\"Get weather information for a specified city\",\"parameters\":{\"type\":"
                            + "\"object\",\"properties\":{\"city\":{\"type\":\"string\",\"description\":\"The name of the city\"}},"
                            + "\"required\":[\"city\"]}}");
            assertThat(body.path("tools").get(1).toString()).isEqualTo("{\"type\":\"web_search\"}");
            assertThat(body.path("enable_thinking").asBoolean()).isTrue();
            assertThat(body.has("stream")).isFalse();
            assertThat(sentRequest().getHeader("Authorization")).isEqualTo("Bearer " + API_KEY);
            assertThat(sentRequest().containsHeader("x-dashscope-session-cache"))
                    .isFalse();
        }

        @Test
        void tool_calls_and_their_results_become_function_call_items_each_output_right_after_its_call()
                throws Exception {
            respondWithFixture("response_basic_legacy_doc.json");
            AiMessage calls = AiMessage.from(List.of(
                    ToolExecutionRequest.builder()
                            .id("call_1")
                            .name("get_weather")
                            .arguments("{\"city\":\"A\"}")
                            .build(),
                    ToolExecutionRequest.builder()
                            .id("call_2")
                            .name("get_weather")
                            .arguments("{\"city\":\"B\"}")
                            .build()));

            model().build()
                    .chat(ChatRequest.builder()
                            .messages(
                                    UserMessage.from("Weather in A and B?"),
                                    calls,
                                    ToolExecutionResultMessage.from("call_1", "get_weather", "sunny"),
                                    ToolExecutionResultMessage.from("call_2", "get_weather", "rainy"))
                            .build());

            JsonNode input = sentBody().path("input");
            assertThat(input).hasSize(5);
            assertThat(input.get(1).toString())
                    .isEqualTo("{\"type\":\"function_call\",\"call_id\":\"call_1\","
                            + "\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"A\\\"}\"}");
            // Qwen: "function_call_output must immediately follow its function_call"
            assertThat(input.get(2).toString())
                    .isEqualTo("{\"type\":\"function_call_output\",\"call_id\":\"call_1\"," + "\"output\":\"sunny\"}");
            assertThat(input.get(3).path("call_id").asText()).isEqualTo("call_2");
            assertThat(input.get(3).path("type").asText()).isEqualTo("function_call");
            assertThat(input.get(4).path("output").asText()).isEqualTo("rainy");
        }

        @Test
        void images_are_input_image_parts_and_multi_turn_options_are_sent() throws Exception {
            respondWithFixture("response_basic_legacy_doc.json");

            model().sessionCache(true)
                    .store(true)
                    .build()
                    .chat(ChatRequest.builder()
                            .messages(UserMessage.from(
                                    TextContent.from("What is this?"),
                                    ImageContent.from("https://example.com/cat.png")))
                            .parameters(QwenResponsesChatRequestParameters.builder()
                                    .previousResponseId("resp_1")
                                    .customParameters(Map.of("reasoning", Map.of("effort", "high")))
                                    .build())
                            .build());

            JsonNode body = sentBody();
            assertThat(body.path("input").get(0).path("content").toString())
                    .isEqualTo("[{\"type\":\"input_text\",\"text\":\"What is this?\"},{\"type\":\"input_image\","
                            + "\"image_url\":\"https://example.com/cat.png\"}]");
            assertThat(body.path("previous_response_id").asText()).isEqualTo("resp_1");
            assertThat(body.path("store").asBoolean()).isTrue();
            assertThat(body.path("reasoning").path("effort").asText()).isEqualTo("high");
            assertThat(sentRequest().getHeader("x-dashscope-session-cache")).isEqualTo("enable");
        }

        @Test
        void a_conversation_id_is_sent_as_the_conversation_string() throws Exception {
            respondWithFixture("response_basic_legacy_doc.json");

            model().build()
                    .chat(ChatRequest.builder()
                            .messages(UserMessage.from("Hi"))
                            .parameters(QwenResponsesChatRequestParameters.builder()
                                    .conversationId("conv_1")
                                    .build())
                            .build());

            // fixtures/responses/request_with_conversation.json: "conversation" is the id itself
            assertThat(sentBody().path("conversation").asText()).isEqualTo("conv_1");
        }
    }

    @Nested
    class Responses_are_mapped {

        @Test
        void text_reasoning_usage_and_ids_of_a_real_response() {
            respondWithFixture("response_text_reasoning_real.json");

            ChatResponse response = model().build().chat(ask("What is the capital of France?"));

            assertThat(response.aiMessage().text()).isEqualTo("The capital of France is **Paris**.");
            assertThat(response.aiMessage().thinking()).startsWith("The user is asking a simple factual question");
            QwenResponsesChatResponseMetadata metadata = (QwenResponsesChatResponseMetadata) response.metadata();
            assertThat(metadata.responseId()).isEqualTo("resp_b7f63a50-d3ca-96e4-a352-bef7e911ae32");
            assertThat(metadata.id()).isEqualTo(metadata.responseId());
            assertThat(metadata.requestId()).isEqualTo("req-42");
            assertThat(metadata.modelName()).isEqualTo("qwen3.8-max");
            assertThat(metadata.status()).isEqualTo("completed");
            assertThat(metadata.finishReason()).isEqualTo(FinishReason.STOP);
            QwenTokenUsage usage = metadata.tokenUsage();
            assertThat(usage.inputTokenCount()).isEqualTo(100);
            assertThat(usage.totalTokenCount()).isEqualTo(usage.inputTokenCount() + usage.outputTokenCount());
            assertThat(usage.reasoningTokens()).isNotNull();
        }

        @Test
        void web_search_calls_come_back_with_their_sources() {
            respondWithFixture("response_web_search.json");

            ChatResponse response =
                    model().builtInTools(QwenBuiltInTool.webSearch()).build().chat(ask("Alibaba Cloud?"));

            QwenResponsesChatResponseMetadata metadata = (QwenResponsesChatResponseMetadata) response.metadata();
            QwenBuiltInToolCall search = metadata.builtInToolCalls().stream()
                    .filter(call -> call.type().equals("web_search_call"))
                    .findFirst()
                    .orElseThrow();
            assertThat(search.status()).isEqualTo("completed");
            assertThat(search.queries()).containsExactly("Web search"); // Qwen's placeholder query, as sent
            assertThat(search.sources())
                    .extracting(QwenSource::url)
                    .containsExactly("https://cn.aliyun.com/", "https://www.aliyun.com/");
            assertThat(response.aiMessage().text()).isNotBlank();
            assertThat(response.aiMessage().thinking()).contains("Alibaba Cloud");
        }

        @Test
        void code_interpreter_calls_carry_the_code_and_its_output() {
            respondWithFixture("response_code_interpreter.json");

            ChatResponse response = model().builtInTools(QwenBuiltInTool.codeInterpreter())
                    .build()
                    .chat(ask("12^3?"));

            QwenResponsesChatResponseMetadata metadata = (QwenResponsesChatResponseMetadata) response.metadata();
            QwenBuiltInToolCall call = metadata.builtInToolCalls().get(0);
            assertThat(call.type()).isEqualTo("code_interpreter_call");
            assertThat(call.code()).isNotBlank();
            assertThat(call.output()).contains("1728");
            assertThat(metadata.tokenUsage().reasoningTokens()).isEqualTo(105); // the SDK print in the seed fixtures
        }

        @Test
        void function_calls_become_tool_execution_requests() {
            respondWithFixture("response_function_call.json");

            ChatResponse response = model().build().chat(ask("Weather in Singapore?"));

            assertThat(response.aiMessage().hasToolExecutionRequests()).isTrue();
            ToolExecutionRequest request =
                    response.aiMessage().toolExecutionRequests().get(0);
            assertThat(request.name()).isEqualTo("get_weather");
            assertThat(request.arguments()).contains("Singapore");
            assertThat(request.id()).startsWith("call_");
            assertThat(response.metadata().finishReason()).isEqualTo(FinishReason.TOOL_EXECUTION);
        }

        @Test
        void an_incomplete_response_has_finish_reason_length() {
            respondWith(200, """
                    {"id":"resp_1","object":"response","status":"incomplete","model":"qwen3.5-plus",
                     "incomplete_details":{"reason":"max_output_tokens"},
                     "output":[{"type":"message","id":"msg_1","role":"assistant","status":"incomplete",
                       "content":[{"type":"output_text","text":"Once upon","annotations":[]}]}],
                     "usage":{"input_tokens":5,"output_tokens":16,"total_tokens":21}}""");

            ChatResponse response = model().build().chat(ask("Tell a story"));

            assertThat(response.aiMessage().text()).isEqualTo("Once upon");
            assertThat(response.metadata().finishReason()).isEqualTo(FinishReason.LENGTH);
        }
    }

    @Nested
    class Errors {

        @Test
        void qwen_flat_error_bodies_map_like_chat_errors_with_the_request_id() {
            respondWith(
                    400, io.github.qwenlangchain4j.Fixtures.read("responses/error_400_unsupported_model_real.json"));

            assertThatThrownBy(() -> model().modelName("__nope__").build().chat(ask("Hi")))
                    .isInstanceOf(dev.langchain4j.exception.ModelNotFoundException.class)
                    .hasMessageContaining("Unsupported model")
                    .hasMessageNotContaining(API_KEY);
        }

        @Test
        void a_previous_response_id_qwen_does_not_know_is_an_invalid_request() {
            respondWith(
                    400,
                    io.github.qwenlangchain4j.Fixtures.read(
                            "responses/error_400_previous_response_not_found_real.json"));

            assertThatThrownBy(() -> model().build()
                            .chat(ChatRequest.builder()
                                    .messages(UserMessage.from("Hi"))
                                    .parameters(QwenResponsesChatRequestParameters.builder()
                                            .previousResponseId("resp_gone")
                                            .build())
                                    .build()))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("Not found previous_response_id")
                    .cause()
                    .isInstanceOf(QwenApiError.class);
        }
    }

    @Nested
    class Bad_input_fails_before_sending {

        private void refused(QwenResponsesChatModel model, ChatRequest request, String message) {
            assertThatThrownBy(() -> model.chat(request))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(message);
            assertThat(server.getAllServeEvents()).isEmpty();
        }

        private ChatRequest with(QwenResponsesChatRequestParameters parameters) {
            return ChatRequest.builder()
                    .messages(UserMessage.from("Hi"))
                    .parameters(parameters)
                    .build();
        }

        @Test
        void previous_response_id_with_conversation_id() {
            refused(
                    model().build(),
                    with(QwenResponsesChatRequestParameters.builder()
                            .previousResponseId("resp_1")
                            .conversationId("conv_1")
                            .build()),
                    "cannot be used together");
        }

        @Test
        void continuing_with_store_disabled() {
            refused(
                    model().store(false).build(),
                    with(QwenResponsesChatRequestParameters.builder()
                            .previousResponseId("resp_1")
                            .build()),
                    "store is false");
        }

        @Test
        void fewer_than_16_output_tokens() {
            refused(model().maxTokens(8).build(), ask("Hi"), "at least 16");
        }

        @Test
        void web_extractor_without_web_search_or_without_thinking() {
            refused(
                    model().builtInTools(QwenBuiltInTool.webExtractor()).build(),
                    ask("Read example.com"),
                    "needs webSearch()");
            refused(
                    model().builtInTools(QwenBuiltInTool.webSearch(), QwenBuiltInTool.webExtractor())
                            .enableThinking(false)
                            .build(),
                    ask("Read example.com"),
                    "Normal mode does not support web_extractor");
        }

        @Test
        void image_search_without_an_image() {
            refused(
                    model().builtInTools(QwenBuiltInTool.imageSearch()).build(),
                    ask("Find cats"),
                    "no user message has one");
        }

        @Test
        void tool_choice_required_with_several_tools() {
            ToolSpecification a = ToolSpecification.builder().name("a").build();
            refused(
                    model().builtInTools(QwenBuiltInTool.webSearch()).build(),
                    ChatRequest.builder()
                            .messages(UserMessage.from("Hi"))
                            .toolSpecifications(a)
                            .toolChoice(ToolChoice.REQUIRED)
                            .build(),
                    "only with a single tool");
        }

        @Test
        void out_of_range_sampling() {
            assertThatThrownBy(() -> model().temperature(2.0).build())
                    .hasMessageContaining("temperature must be in [0, 2)");
            assertThatThrownBy(() -> model().topP(0.0).build()).hasMessageContaining("topP must be in (0, 1]");
        }
    }
}
