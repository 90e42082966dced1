package io.github.qwenlangchain4j;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Stream-only models (docs/ARCHITECTURE.md): {@code QwenChatModel.chat()} streams internally when it must (thinking on, stream-only models,
 * Qwen's "stream only" 400) and aggregates the stream into one response.
 */
class QwenChatModelStreamingFallbackTest extends QwenWireMockSupport {

    private static final String STREAM_ONLY =
            "This model only support stream mode, please enable the stream parameter.";
    private static final String THINKING_NOT_STREAMING =
            "parameter.enable_thinking must be set to false for non-streaming calls";

    @Test
    void should_stream_and_aggregate_text_thinking_and_usage_when_thinking_is_enabled() {
        stubChat(sse(Fixtures.read("written/stream_thinking_qwen-plus.sse.txt")));

        ChatResponse response = model().enableThinking(true).build().chat(UserMessage.from("17 * 3?"));

        JsonNode body = sentBody();
        assertThat(body.get("stream").asBoolean()).isTrue();
        assertThat(body.get("stream_options")).isEqualTo(parse("{\"include_usage\":true}"));
        assertThat(body.get("enable_thinking").asBoolean()).isTrue();

        assertThat(response.aiMessage().thinking()).isEqualTo("Okay, the user asks what 17 times 3 is. 17*3 = 51.");
        assertThat(response.aiMessage().text()).isEqualTo("17 × 3 = **51**.");
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(response.id()).isEqualTo("chatcmpl-3b1f0c2e-8d4a-9a57-b1c6-2f0e9d8c7b6a");
        QwenTokenUsage usage = (QwenTokenUsage) response.tokenUsage();
        assertThat(usage.inputTokenCount()).isEqualTo(18);
        assertThat(usage.outputTokenCount()).isEqualTo(42);
        assertThat(usage.totalTokenCount()).isEqualTo(60);
        assertThat(usage.reasoningTokens()).isEqualTo(30);
        assertThat(usage.cachedTokens()).isZero();
        QwenChatResponseMetadata metadata = (QwenChatResponseMetadata) response.metadata();
        assertThat(metadata.requestId()).isEqualTo(REQUEST_ID);
        assertThat(metadata.created()).isEqualTo(1760001234L);
    }

    @Test
    void should_stream_when_thinking_is_enabled_per_request() {
        stubChat(sse(Fixtures.read("written/stream_thinking_qwen-plus.sse.txt")));

        ChatResponse response = model().build()
                .chat(ChatRequest.builder()
                        .messages(UserMessage.from("17 * 3?"))
                        .parameters(QwenChatRequestParameters.builder()
                                .enableThinking(true)
                                .build())
                        .build());

        assertThat(sentBody().get("stream").asBoolean()).isTrue();
        assertThat(response.aiMessage().text()).isEqualTo("17 × 3 = **51**.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"qwq-plus", "qwen3-omni-flash", "qvq-max", "qwen3-vl-235b-a22b-thinking"})
    void should_go_straight_to_streaming_for_a_stream_only_model(String modelName) {
        stubChat(sse(omniThinkingFixture()));

        ChatResponse response = model().modelName(modelName).build().chat(UserMessage.from("Tell me a joke"));

        JsonNode body = sentBody();
        assertThat(body.get("model").asText()).isEqualTo(modelName);
        assertThat(body.get("stream").asBoolean()).isTrue();
        assertThat(body.at("/stream_options/include_usage").asBoolean()).isTrue();
        assertThat(response.aiMessage().thinking()).isEqualTo("嗯，");
        assertThat(response.aiMessage().text()).isEqualTo("告诉我！");
        assertThat(((QwenTokenUsage) response.tokenUsage()).reasoningTokens()).isEqualTo(195);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "qwen3-livetranslate-flash | " + STREAM_ONLY,
                "my-finetuned-hybrid       | " + THINKING_NOT_STREAMING,
                "my-finetuned-hybrid       | parameter.enable_thinking only support stream call",
                "qwen3-livetranslate-flash | current user api does not support http call."
            })
    void should_retry_as_a_stream_on_qwens_stream_only_400_and_remember_the_model(String modelName, String message) {
        stubStreamOnlyServer(message);
        QwenChatModel model = model().modelName(modelName).build();

        ChatResponse first = model.chat(UserMessage.from("Hi"));
        ChatResponse second = model.chat(UserMessage.from("Hi again"));

        assertThat(first.aiMessage().text())
                .isEqualTo("I am a large-scale language model from Alibaba Cloud. My name is Qwen.");
        assertThat(second.aiMessage().text()).isEqualTo(first.aiMessage().text());
        List<JsonNode> bodies = sentBodies();
        assertThat(bodies)
                .extracting(b -> b.path("stream").asBoolean(false))
                .as("non-streaming attempt, its streaming retry, then straight to streaming")
                .containsExactly(false, true, true);
        assertThat(bodies).extracting(b -> b.get("model").asText()).containsOnly(modelName);
    }

    @Test
    void should_remember_stream_only_per_model_name() {
        stubStreamOnlyServer(STREAM_ONLY);
        QwenChatModel model = model().modelName("qwen3-livetranslate-flash").build();

        model.chat(UserMessage.from("Hi"));
        model.chat(ChatRequest.builder()
                .messages(UserMessage.from("Hi"))
                .parameters(QwenChatRequestParameters.builder()
                        .modelName("qwen-plus")
                        .build())
                .build());

        List<JsonNode> bodies = sentBodies();
        assertThat(bodies)
                .extracting(b -> b.get("model").asText())
                .containsExactly("qwen3-livetranslate-flash", "qwen3-livetranslate-flash", "qwen-plus", "qwen-plus");
        assertThat(bodies)
                .extracting(b -> b.path("stream").asBoolean(false))
                .as("another model name still tries non-streaming first")
                .containsExactly(false, true, false, true);
    }

    @Test
    void should_not_stream_when_a_request_switches_off_thinking_set_on_the_builder() {
        stubBasicAnswer();

        ChatResponse response = model().enableThinking(true)
                .build()
                .chat(ChatRequest.builder()
                        .messages(UserMessage.from("Hi"))
                        .parameters(QwenChatRequestParameters.builder()
                                .enableThinking(false)
                                .build())
                        .build());

        assertThat(response.aiMessage().text()).contains("My name is Qwen.");
        JsonNode body = sentBody();
        assertThat(body.has("stream")).isFalse();
        assertThat(body.get("enable_thinking").asBoolean()).isFalse();
    }

    @Test
    void should_keep_custom_parameters_when_streaming_internally() {
        stubChat(sse(Fixtures.read("written/stream_thinking_qwen-plus.sse.txt")));

        model().enableThinking(true)
                .customParameters(java.util.Map.of("thinking_budget", 64, "x_flag", "on"))
                .build()
                .chat(UserMessage.from("17 * 3?"));

        JsonNode body = sentBody();
        assertThat(body.get("stream").asBoolean()).isTrue();
        assertThat(body.get("thinking_budget").asInt()).isEqualTo(64);
        assertThat(body.get("x_flag").asText()).isEqualTo("on");
    }

    @Test
    void should_not_fall_back_to_streaming_on_another_400() {
        stubChat(error(400, openAiError("invalid_parameter_error", "Range of top_p should be (0.0, 1.0]")));

        Throwable thrown = catchThrowable(() -> model().build().chat(UserMessage.from("Hi")));

        assertThat(thrown).isInstanceOf(InvalidRequestException.class).hasMessageContaining("top_p");
        assertThat(requestCount()).isEqualTo(1);
    }

    @Test
    void should_accumulate_streamed_tool_calls_by_index() {
        stubChat(sse(Fixtures.read("written/stream_tool_calls_parallel.sse.txt")));

        ChatResponse response =
                model().enableThinking(true).build().chat(UserMessage.from("Weather in Beijing and Shanghai?"));

        assertThat(response.aiMessage().text()).isNull();
        assertThat(response.aiMessage().toolExecutionRequests())
                .containsExactly(
                        ToolExecutionRequest.builder()
                                .id("call_c2d8a3a24c4d4929b26ae2")
                                .name("get_current_weather")
                                .arguments("{\"location\": \"Beijing\"}")
                                .build(),
                        ToolExecutionRequest.builder()
                                .id("call_dc7f2f678f1944da9194cd")
                                .name("get_current_weather")
                                .arguments("{\"location\": \"Shanghai\"}")
                                .build());
        assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_EXECUTION);
        assertThat(response.tokenUsage().totalTokenCount()).isEqualTo(308);
        assertThat(((QwenTokenUsage) response.tokenUsage()).reasoningTokens()).isNull();
    }

    @Test
    void should_map_an_in_stream_moderation_error_to_content_filtered() {
        stubChat(sse(Fixtures.read("written/stream_error_data_inspection_failed.sse.txt")));

        Throwable thrown =
                catchThrowable(() -> model().enableThinking(true).build().chat(UserMessage.from("Hi")));

        assertThat(thrown)
                .isInstanceOf(ContentFilteredException.class)
                .hasMessageContaining("data_inspection_failed")
                .hasMessageContaining("Output data may contain inappropriate content.")
                .hasMessageContaining(REQUEST_ID);
        assertThat(requestCount()).as("never retried after partial output").isEqualTo(1);
    }

    @Test
    void should_name_the_request_id_of_an_in_stream_error_when_no_header_was_sent() {
        stubChat(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "text/event-stream")
                .withBody(Fixtures.read("written/stream_error_data_inspection_failed.sse.txt")));

        Throwable thrown =
                catchThrowable(() -> model().enableThinking(true).build().chat(UserMessage.from("Hi")));

        assertThat(thrown)
                .isInstanceOf(ContentFilteredException.class)
                .hasMessageContaining("7c6b5a49-3828-9170-a6b5-c4d3e2f1a0b9");
    }

    @Test
    void should_fail_when_the_stream_ends_without_done() {
        stubChat(sse(Fixtures.read("written/stream_truncated_without_done.sse.txt")));

        Throwable thrown =
                catchThrowable(() -> model().enableThinking(true).build().chat(UserMessage.from("Hi")));

        assertThat(thrown)
                .isInstanceOf(LangChain4jException.class)
                .isNotInstanceOf(RetriableException.class)
                .hasMessageContaining("[DONE]")
                .hasMessageContaining(REQUEST_ID);
        assertThat(requestCount()).isEqualTo(1);
    }

    @Test
    void should_retry_a_stream_that_failed_before_its_first_event() {
        server.stubFor(post(urlEqualTo(CHAT_PATH))
                .inScenario("overloaded")
                .whenScenarioStateIs(STARTED)
                .willReturn(error(503, openAiError("ServiceUnavailable", "The service is temporarily unavailable.")))
                .willSetStateTo("recovered"));
        server.stubFor(post(urlEqualTo(CHAT_PATH))
                .inScenario("overloaded")
                .whenScenarioStateIs("recovered")
                .willReturn(sse(Fixtures.sseFromJsonLines("chat/stream_basic.sse.jsonl"))));

        ChatResponse response = model().enableThinking(true).build().chat(UserMessage.from("Hi"));

        assertThat(response.aiMessage().text()).endsWith("My name is Qwen.");
        assertThat(requestCount()).isEqualTo(2);
    }

    /** Refuses non-streaming calls with {@code message}, answers streaming ones with the basic stream. */
    @Test
    void should_plan_again_with_thinking_switched_off_when_an_unknown_model_refuses_json_mode_while_thinking() {
        // Qwen's refusal of JSON mode while thinking (Model Studio error-code page; presenton/presenton#184).
        server.stubFor(post(urlEqualTo(CHAT_PATH))
                .atPriority(5)
                .willReturn(error(
                        400,
                        openAiError(
                                "invalid_parameter_error",
                                "Json mode response is not supported when enable_thinking is true"))));
        server.stubFor(post(urlEqualTo(CHAT_PATH))
                .atPriority(1)
                .withRequestBody(matchingJsonPath("$.enable_thinking", equalTo("false")))
                .willReturn(json(Fixtures.read("chat/chat_response_nonstream_basic.json"))));
        QwenChatModel model = model().modelName("my-finetuned-hybrid").build();
        ChatRequest request = ChatRequest.builder()
                .messages(UserMessage.from("Answer in JSON"))
                .responseFormat(dev.langchain4j.model.chat.request.ResponseFormat.JSON)
                .build();

        model.chat(request);
        model.chat(request);

        List<JsonNode> bodies = sentBodies();
        assertThat(bodies)
                .extracting(b -> b.path("enable_thinking").asText("absent"))
                .as("refused once, then planned with thinking off, and remembered")
                .containsExactly("absent", "false", "false");
        assertThat(bodies)
                .extracting(b -> b.at("/response_format/type").asText())
                .containsOnly("json_object");
    }

    @Test
    void should_steer_by_instruction_and_stream_when_the_model_turns_out_to_think_always() {
        server.stubFor(post(urlEqualTo(CHAT_PATH))
                .atPriority(5)
                .willReturn(error(
                        400,
                        openAiError(
                                "invalid_parameter_error",
                                "Json mode response is not supported when enable_thinking is true"))));
        // The documented refusal of enable_thinking:false by a thinking-only model, with its native prefix.
        server.stubFor(post(urlEqualTo(CHAT_PATH))
                .atPriority(3)
                .withRequestBody(matchingJsonPath("$.enable_thinking", equalTo("false")))
                .willReturn(error(
                        400,
                        openAiError(
                                "invalid_parameter_error",
                                "<400> InternalError.Algo.InvalidParameter:"
                                        + " The value of the enable_thinking parameter is restricted to True."))));
        server.stubFor(post(urlEqualTo(CHAT_PATH))
                .atPriority(1)
                .withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
                .willReturn(sse(Fixtures.sseFromJsonLines("chat/stream_basic.sse.jsonl"))));

        ChatResponse response = model().modelName("my-reasoner")
                .build()
                .chat(ChatRequest.builder()
                        .messages(UserMessage.from("Answer in JSON"))
                        .responseFormat(dev.langchain4j.model.chat.request.ResponseFormat.JSON)
                        .build());

        assertThat(response.aiMessage().text()).isNotBlank();
        List<JsonNode> bodies = sentBodies();
        assertThat(bodies).hasSize(3);
        JsonNode last = bodies.get(2);
        assertThat(last.has("enable_thinking")).isFalse();
        assertThat(last.has("response_format")).isFalse();
        assertThat(last.path("stream").asBoolean()).isTrue();
    }

    @Test
    void should_give_up_when_a_refusal_teaches_nothing_new() {
        server.stubFor(post(urlEqualTo(CHAT_PATH))
                .willReturn(error(400, openAiError("invalid_parameter_error", THINKING_NOT_STREAMING))));

        Throwable thrown =
                catchThrowable(() -> model().modelName("my-hybrid").build().chat(UserMessage.from("Hi")));

        assertThat(thrown).isInstanceOf(InvalidRequestException.class).hasMessageContaining(THINKING_NOT_STREAMING);
        assertThat(sentBodies())
                .extracting(b -> b.path("stream").asBoolean(false))
                .containsExactly(false, true);
    }

    private void stubStreamOnlyServer(String message) {
        server.stubFor(post(urlEqualTo(CHAT_PATH))
                .atPriority(5)
                .willReturn(error(400, openAiError("invalid_parameter_error", message))));
        server.stubFor(post(urlEqualTo(CHAT_PATH))
                .atPriority(1)
                .withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
                .willReturn(sse(Fixtures.sseFromJsonLines("chat/stream_basic.sse.jsonl"))));
    }

    /**
     * The documentation's Omni thinking stream, which it prints one event per line; on the wire each event ends with a
     * blank line and the stream with {@code data: [DONE]}.
     */
    private static String omniThinkingFixture() {
        return Fixtures.read("chat/omni_stream_thinking_qwen3-omni-flash.sse.txt")
                        .lines()
                        .filter(line -> !line.isBlank())
                        .collect(Collectors.joining("\n\n", "", "\n\n"))
                + "data: [DONE]\n\n";
    }
}
