package io.github.qwenlangchain4j;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.model.chat.response.ChatResponse;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 end to end: the real error shapes of Qwen (compatible mode and native DashScope) through
 * {@link QwenChatModel} and {@link QwenStreamingChatModel} against WireMock: what each becomes, and what is retried.
 * Every body is a real wire shape; its source is in the comment above it.
 */
class QwenErrorShapesWireTest extends QwenWireMockSupport {

    /** lobehub users' openai-node error text "400 data: {...}": the body of a rejected stream request. */
    static final String SSE_FRAMED_DATA_INSPECTION =
            "data: {\"error\":{\"code\":\"data_inspection_failed\",\"param\":null,"
                    + "\"message\":\"Input text data may contain inappropriate content.\",\"type\":\"data_inspection_failed\"}}\n\n";

    /** DashScope native SSE error framing (also in alibaba/higress ai-proxy's qwen provider). */
    static final String NATIVE_SSE_FRAMED_INVALID_PARAMETER = "id:1\nevent:error\n:HTTP_STATUS/400\n"
            + "data:{\"code\":\"InvalidParameter\",\"message\":\"<400> InternalError.Algo.InvalidParameter: Range of"
            + " max_tokens should be [1, 32768]\",\"request_id\":\"f19efcde-711c-9eff-af2f-e6a09d189750\"}\n\n";

    /**
     * Native flat 429 of issue 12, Throttling.RateQuota wrapping an upstream JSON error (the inner shape is
     * MoonshotAI/MoonshotAI-Cookbook#16's engine_overloaded_error).
     */
    static final String NATIVE_THROTTLING_429 = "{\"code\":\"Throttling.RateQuota\",\"message\":\"{\\\"error\\\":"
            + "{\\\"message\\\":\\\"The engine is currently overloaded, please try again later\\\","
            + "\\\"type\\\":\\\"engine_overloaded_error\\\"}}\"}";

    /** A first text chunk, in compatible mode's chunk shape (as in fixtures/stream/mid_stream_error.sse.txt). */
    static final String TEXT_CHUNK = "data: {\"id\":\"chatcmpl-e2\",\"object\":\"chat.completion.chunk\","
            + "\"created\":1745000200,\"model\":\"qwen-plus\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\","
            + "\"content\":\"Here is the first part\"},\"finish_reason\":null}]}\n\n";

    /** DashScope's flat in-stream error inside a 200 stream (issue 12). */
    static final String FLAT_IN_STREAM_THROTTLING =
            "data: {\"request_id\":\"req-failed\",\"code\":\"Throttling.RateQuota\",\"message\":\"Requests rate limit exceeded\"}\n\n";

    private QwenStreamingChatModel.Builder streamingModel() {
        return QwenStreamingChatModel.builder().apiKey(API_KEY).baseUrl(baseUrl());
    }

    private static ResponseDefinitionBuilder sseWithoutRequestId(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "text/event-stream;charset=UTF-8")
                .withBody(body);
    }

    private static ResponseDefinitionBuilder jsonWithoutRequestId(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(body);
    }

    // ---- SSE-framed HTTP error bodies ----

    @Test
    void should_report_an_sse_framed_400_of_a_streaming_request_as_content_filtered_exactly_once() throws Exception {
        stubChat(sseWithoutRequestId(400, SSE_FRAMED_DATA_INSPECTION).withHeader("x-request-id", REQUEST_ID));
        RecordingHandler handler = new RecordingHandler();

        streamingModel().maxRetries(2).build().chat("hi", handler);
        Throwable error = handler.awaitError();

        assertThat(error)
                .isInstanceOf(ContentFilteredException.class)
                .hasMessageContaining("HTTP 400")
                .hasMessageContaining("data_inspection_failed")
                .hasMessageContaining("Input text data may contain inappropriate content.")
                .hasMessageContaining(REQUEST_ID);
        Thread.sleep(300); // longer than a first retry's delay: a wrong retry or a second callback would show now
        assertThat(handler.errors).hasSize(1);
        assertThat(handler.terminalCalls).hasValue(1);
        assertThat(handler.texts).isEmpty();
        assertThat(requestCount()).as("content moderation is not retried").isEqualTo(1);
    }

    @Test
    void should_report_an_sse_framed_400_of_a_synchronous_call_as_content_filtered() {
        // Same lobehub/openai-node body, to a non-streaming call.
        stubChat(sseWithoutRequestId(400, SSE_FRAMED_DATA_INSPECTION));

        Throwable thrown = catchThrowable(() -> model().maxRetries(2).build().chat(UserMessage.from("Hi")));

        assertThat(thrown).isInstanceOf(ContentFilteredException.class).hasMessageContaining("request id: none");
        assertThat(requestCount()).isEqualTo(1);
    }

    @Test
    void should_read_the_native_sse_error_framing_for_a_streaming_request() throws Exception {
        stubChat(sseWithoutRequestId(400, NATIVE_SSE_FRAMED_INVALID_PARAMETER));
        RecordingHandler handler = new RecordingHandler();

        streamingModel().maxRetries(2).build().chat("hi", handler);

        assertThat(handler.awaitError())
                .isExactlyInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("HTTP 400")
                .hasMessageContaining("InvalidParameter")
                .hasMessageContaining("Range of max_tokens should be [1, 32768]")
                .hasMessageContaining("f19efcde-711c-9eff-af2f-e6a09d189750");
        assertThat(handler.terminalCalls).hasValue(1);
        assertThat(requestCount()).isEqualTo(1);
    }

    // ---- rate limits ----

    @Test
    void should_retry_a_native_throttling_429_and_then_raise_a_rate_limit() {
        stubChat(jsonWithoutRequestId(429, NATIVE_THROTTLING_429));

        Throwable thrown = catchThrowable(() -> model().maxRetries(2).build().chat(UserMessage.from("Hi")));

        assertThat(thrown)
                .isInstanceOf(RateLimitException.class)
                .hasMessageContaining("HTTP 429")
                .hasMessageContaining("Throttling.RateQuota")
                .hasMessageContaining("The engine is currently overloaded");
        assertThat(requestCount()).as("1 attempt + 2 retries").isEqualTo(3);
    }

    @Test
    void should_retry_a_native_throttling_429_of_a_streaming_request_and_then_report_a_rate_limit() throws Exception {
        stubChat(jsonWithoutRequestId(429, NATIVE_THROTTLING_429));
        RecordingHandler handler = new RecordingHandler();

        streamingModel().maxRetries(1).build().chat("hi", handler);

        assertThat(handler.awaitError())
                .isInstanceOf(RateLimitException.class)
                .hasMessageContaining("Throttling.RateQuota");
        assertThat(handler.terminalCalls).hasValue(1);
        assertThat(requestCount()).as("1 attempt + 1 retry").isEqualTo(2);
    }

    @Test
    void should_retry_a_compatible_throttling_429_and_then_succeed() {
        // Compatible-mode 429 with a native code and no request_id (issue 12).
        stubInSequence(
                jsonWithoutRequestId(
                        429,
                        "{\"error\":{\"code\":\"Throttling.RateQuota\","
                                + "\"message\":\"Requests rate limit exceeded, please try again later.\"}}"),
                json(Fixtures.read("chat/chat_response_nonstream_basic.json")));

        ChatResponse response = model().maxRetries(1).build().chat(UserMessage.from("Hi"));

        assertThat(response.aiMessage().text()).contains("My name is Qwen.");
        assertThat(requestCount()).isEqualTo(2);
    }

    // ---- content moderation and server errors ----

    @Test
    void should_never_retry_data_inspection_failed() {
        // Model Studio error-code page (alibabacloud.com/help/en/model-studio/error-code): 400 DataInspectionFailed.
        stubChat(jsonWithoutRequestId(
                400,
                "{\"code\":\"DataInspectionFailed\",\"message\":\"Input or output data may"
                        + " contain inappropriate content.\",\"request_id\":\"dif-1\"}"));

        Throwable thrown = catchThrowable(() -> model().maxRetries(2).build().chat(UserMessage.from("Hi")));

        assertThat(thrown)
                .isInstanceOf(ContentFilteredException.class)
                .isNotInstanceOf(RetriableException.class)
                .hasMessageContaining("HTTP 400")
                .hasMessageContaining("DataInspectionFailed")
                .hasMessageContaining("dif-1");
        assertThat(requestCount()).isEqualTo(1);
    }

    @Test
    void should_never_retry_a_data_inspection_prefix_behind_invalid_parameter_error() {
        // https://github.com/QwenLM/qwen-code/issues/3145: "API Error: 400 <400>
        // InternalError.Algo.DataInspectionFailed: Input text data may contain inappropriate content."
        stubChat(
                error(
                        400,
                        openAiError(
                                "invalid_parameter_error",
                                "<400> InternalError.Algo.DataInspectionFailed: Input text data may contain inappropriate content.")));

        Throwable thrown = catchThrowable(() -> model().maxRetries(2).build().chat(UserMessage.from("Hi")));

        assertThat(thrown)
                .isInstanceOf(ContentFilteredException.class)
                .hasMessageContaining("InternalError.Algo.DataInspectionFailed")
                .hasMessageContaining(REQUEST_ID);
        assertThat(requestCount()).isEqualTo(1);
    }

    @Test
    void should_not_retry_arrearage() {
        // Model Studio error-code page: 400 Arrearage, in compatible mode's OpenAI-style shape.
        stubChat(jsonWithoutRequestId(
                400,
                "{\"error\":{\"code\":\"Arrearage\",\"message\":\"Access denied, please make"
                        + " sure your account is in good standing.\",\"type\":\"Arrearage\"}}"));

        Throwable thrown = catchThrowable(() -> model().maxRetries(2).build().chat(UserMessage.from("Hi")));

        assertThat(thrown).isExactlyInstanceOf(InvalidRequestException.class).hasMessageContaining("Arrearage");
        assertThat(requestCount()).isEqualTo(1);
    }

    @Test
    void should_retry_a_503_model_unavailable_and_then_succeed() {
        // Model Studio error-code page: 503 ModelUnavailable "Model is unavailable, please try again later."
        stubInSequence(
                jsonWithoutRequestId(
                        503,
                        "{\"code\":\"ModelUnavailable\",\"message\":\"Model is unavailable, please"
                                + " try again later.\",\"request_id\":\"mu-1\"}"),
                json(Fixtures.read("chat/chat_response_nonstream_basic.json")));

        ChatResponse response = model().maxRetries(1).build().chat(UserMessage.from("Hi"));

        assertThat(response.aiMessage().text()).contains("My name is Qwen.");
        assertThat(requestCount()).isEqualTo(2);
    }

    @Test
    void should_retry_a_503_model_unavailable_until_max_retries() {
        // Model Studio error-code page: 503 ModelUnavailable.
        stubChat(jsonWithoutRequestId(
                503,
                "{\"code\":\"ModelUnavailable\",\"message\":\"Model is unavailable, please"
                        + " try again later.\",\"request_id\":\"mu-2\"}"));

        Throwable thrown = catchThrowable(() -> model().maxRetries(1).build().chat(UserMessage.from("Hi")));

        assertThat(thrown)
                .isInstanceOf(InternalServerException.class)
                .hasMessageContaining("HTTP 503")
                .hasMessageContaining("ModelUnavailable")
                .hasMessageContaining("mu-2");
        assertThat(requestCount()).isEqualTo(2);
    }

    @Test
    void should_retry_a_503_model_unavailable_of_a_streaming_request_before_the_first_event() throws Exception {
        // Model Studio error-code page: 503 ModelUnavailable; then the recorded basic stream.
        stubInSequence(
                jsonWithoutRequestId(
                        503,
                        "{\"code\":\"ModelUnavailable\",\"message\":\"Model is unavailable, please"
                                + " try again later.\",\"request_id\":\"mu-3\"}"),
                sse(Fixtures.sseFromJsonLines("chat/stream_basic.sse.jsonl")));
        RecordingHandler handler = new RecordingHandler();

        streamingModel().maxRetries(1).build().chat("hi", handler);

        assertThat(handler.awaitResponse().aiMessage().text()).endsWith("My name is Qwen.");
        assertThat(requestCount()).isEqualTo(2);
    }

    // ---- in-stream errors ----

    @Test
    void should_report_a_flat_in_stream_throttling_error_after_partial_text_once_without_retrying() throws Exception {
        stubChat(sseWithoutRequestId(200, TEXT_CHUNK + FLAT_IN_STREAM_THROTTLING));
        RecordingHandler handler = new RecordingHandler();

        streamingModel().maxRetries(2).build().chat("hi", handler);
        Throwable error = handler.awaitError();

        assertThat(error)
                .isInstanceOf(RateLimitException.class)
                .hasMessageContaining("Throttling.RateQuota")
                .hasMessageContaining("Requests rate limit exceeded")
                .hasMessageContaining("req-failed");
        assertThat(handler.texts).containsExactly("Here is the first part");
        Thread.sleep(300); // longer than a first retry's delay: a wrong retry or a second callback would show now
        assertThat(handler.errors).hasSize(1);
        assertThat(handler.terminalCalls).hasValue(1);
        assertThat(requestCount())
                .as("never retried after output was delivered")
                .isEqualTo(1);
    }

    @Test
    void should_report_a_flat_in_stream_throttling_error_after_event_error_lines() throws Exception {
        // The flat in-stream error as DashScope frames errors natively (id/event/status comment lines before data).
        stubChat(sseWithoutRequestId(
                200, TEXT_CHUNK + "id:2\nevent:error\n:HTTP_STATUS/429\n" + FLAT_IN_STREAM_THROTTLING));
        RecordingHandler handler = new RecordingHandler();

        streamingModel().maxRetries(2).build().chat("hi", handler);

        assertThat(handler.awaitError()).isInstanceOf(RateLimitException.class).hasMessageContaining("req-failed");
        assertThat(handler.texts).containsExactly("Here is the first part");
        assertThat(handler.terminalCalls).hasValue(1);
        assertThat(requestCount()).isEqualTo(1);
    }

    @Test
    void should_report_the_compatible_in_stream_data_inspection_error_after_partial_text() throws Exception {
        // In a 200 stream after a text chunk: compatible mode's output moderation error.
        stubChat(sse(TEXT_CHUNK + "data: {\"error\":{\"message\":\"Output data may contain inappropriate content.\","
                + "\"type\":\"data_inspection_failed\",\"param\":null,\"code\":\"data_inspection_failed\"}}\n\n"));
        RecordingHandler handler = new RecordingHandler();

        streamingModel().maxRetries(2).build().chat("hi", handler);

        assertThat(handler.awaitError())
                .isInstanceOf(ContentFilteredException.class)
                .hasMessageContaining("Output data may contain inappropriate content.")
                .hasMessageContaining(REQUEST_ID);
        assertThat(handler.texts).containsExactly("Here is the first part");
        assertThat(handler.terminalCalls).hasValue(1);
        assertThat(requestCount()).isEqualTo(1);
    }

    @Test
    void should_raise_a_flat_in_stream_throttling_error_from_a_synchronous_call_that_streams_without_retrying() {
        // DashScope's flat in-stream error (issue 12), to chat() streaming internally because thinking is on.
        stubChat(sseWithoutRequestId(200, TEXT_CHUNK + FLAT_IN_STREAM_THROTTLING));

        Throwable thrown = catchThrowable(
                () -> model().enableThinking(true).maxRetries(2).build().chat(UserMessage.from("Hi")));

        assertThat(thrown).isInstanceOf(RateLimitException.class).hasMessageContaining("req-failed");
        assertThat(sentBody().get("stream").asBoolean()).isTrue();
    }

    @Test
    void should_raise_an_in_stream_data_inspection_error_from_a_synchronous_call_without_sending_it_again() {
        // In a 200 stream after a text chunk: compatible mode's output moderation error. ContentFilteredException is
        // an InvalidRequestException, which chat() inspects to re-plan: moderation must not be taken for a refusal.
        stubChat(sse(TEXT_CHUNK + "data: {\"error\":{\"message\":\"Output data may contain inappropriate content.\","
                + "\"type\":\"data_inspection_failed\",\"param\":null,\"code\":\"data_inspection_failed\"}}\n\n"));

        Throwable thrown = catchThrowable(
                () -> model().enableThinking(true).maxRetries(2).build().chat(UserMessage.from("Hi")));

        assertThat(thrown).isInstanceOf(ContentFilteredException.class).hasMessageContaining(REQUEST_ID);
        assertThat(requestCount()).isEqualTo(1);
    }

    @Test
    void should_retry_a_flat_in_stream_throttling_error_that_comes_before_any_output() throws Exception {
        // DashScope's flat in-stream error (issue 12) as the first event: nothing was delivered, so it may be retried.
        stubChat(sseWithoutRequestId(200, FLAT_IN_STREAM_THROTTLING));
        RecordingHandler handler = new RecordingHandler();

        streamingModel().maxRetries(1).build().chat("hi", handler);

        assertThat(handler.awaitError()).isInstanceOf(RateLimitException.class).hasMessageContaining("req-failed");
        assertThat(handler.texts).isEmpty();
        assertThat(handler.terminalCalls).hasValue(1);
        assertThat(requestCount()).as("1 attempt + 1 retry").isEqualTo(2);
    }

    // ---- request id of the gateway shape ----

    @Test
    void should_name_the_error_id_of_the_gateway_shape_when_no_other_request_id_came() {
        // Workspace / token-plan gateway shape (issue 12 point 4): request id only in error.id, no x-request-id.
        stubChat(
                jsonWithoutRequestId(
                        400,
                        "{\"error\":{\"message\":\"The parameter is invalid.\","
                                + "\"type\":\"invalid_request_error\",\"code\":\"invalid_parameter_error\",\"id\":\"gw-req-123\"}}"));

        Throwable thrown = catchThrowable(() -> model().maxRetries(0).build().chat(UserMessage.from("Hi")));

        assertThat(thrown)
                .isExactlyInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("HTTP 400")
                .hasMessageContaining("invalid_parameter_error")
                .hasMessageContaining("gw-req-123");
    }

    /** Each call gets the next response; the last one repeats. */
    private void stubInSequence(ResponseDefinitionBuilder... responses) {
        String state = STARTED;
        for (int i = 0; i < responses.length; i++) {
            String next = i + 1 < responses.length ? "after-" + (i + 1) : state;
            server.stubFor(post(urlEqualTo(CHAT_PATH))
                    .inScenario("sequence")
                    .whenScenarioStateIs(state)
                    .willReturn(responses[i])
                    .willSetStateTo(next));
            state = next;
        }
    }
}
