package io.github.qwenlangchain4j;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Errors and retries (docs/ARCHITECTURE.md): every error shape and status mapped to LangChain4j's exceptions, and what is retried. */
class QwenChatModelErrorTest extends QwenWireMockSupport {

    static Stream<Arguments> errorRows() {
        return Stream.of(
                Arguments.of(
                        400,
                        "data_inspection_failed",
                        "Input data may contain inappropriate content.",
                        ContentFilteredException.class),
                Arguments.of(
                        400,
                        "invalid_parameter_error",
                        "Range of top_p should be (0.0, 1.0]",
                        InvalidRequestException.class),
                Arguments.of(
                        400,
                        "invalid_parameter_error",
                        "Range of input length should be [1, 129024]",
                        InvalidRequestException.class),
                Arguments.of(
                        400,
                        "Arrearage",
                        "Access denied, please make sure your account is in good standing.",
                        InvalidRequestException.class),
                Arguments.of(401, "invalid_api_key", "Incorrect API key provided. ", AuthenticationException.class),
                Arguments.of(403, "AccessDenied", "Access denied.", AuthenticationException.class),
                Arguments.of(
                        404,
                        "model_not_found",
                        "The model `qwen-foo` does not exist or you do not have access to it.",
                        ModelNotFoundException.class),
                Arguments.of(
                        404,
                        "model_not_supported",
                        "Unsupported model `qwen-foo` for OpenAI compatibility mode",
                        ModelNotFoundException.class),
                Arguments.of(
                        429, "limit_requests", "You exceeded your current requests list.", RateLimitException.class),
                Arguments.of(429, "insufficient_quota", "You exceeded your current quota.", RateLimitException.class),
                Arguments.of(
                        500,
                        "internal_error",
                        "An internal error has occured, please try again later.",
                        InternalServerException.class),
                Arguments.of(502, "bad_gateway", "Bad gateway.", InternalServerException.class),
                Arguments.of(
                        503,
                        "ServiceUnavailable",
                        "The service is temporarily unavailable.",
                        InternalServerException.class),
                Arguments.of(
                        504, "RequestTimeOut", "Request timed out, please try again later.", TimeoutException.class));
    }

    @ParameterizedTest(name = "HTTP {0} {1} -> {3}")
    @MethodSource("errorRows")
    void should_map_openai_shaped_errors_with_status_code_message_and_request_id(
            int status, String code, String message, Class<? extends Throwable> expected) {
        stubChat(error(status, openAiError(code, message)));

        Throwable thrown = chatFailure(model().maxRetries(0).build());

        assertThat(thrown)
                .isInstanceOf(expected)
                .hasMessageContaining("HTTP " + status)
                .hasMessageContaining(code)
                .hasMessageContaining(message.strip())
                .hasMessageContaining(REQUEST_ID);
    }

    @ParameterizedTest(name = "HTTP {0} {1} -> {3}")
    @MethodSource("errorRows")
    void should_map_flat_dashscope_shaped_errors_with_the_request_id_from_the_body(
            int status, String code, String message, Class<? extends Throwable> expected) {
        String bodyRequestId = "7438d53d-1b6a-9e0e-9b2a-4f2e8f1d0c3a";
        stubChat(aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"code\":\"" + code + "\",\"message\":\"" + message + "\",\"request_id\":\"" + bodyRequestId
                        + "\"}"));

        Throwable thrown = chatFailure(model().maxRetries(0).build());

        assertThat(thrown)
                .isInstanceOf(expected)
                .hasMessageContaining("HTTP " + status)
                .hasMessageContaining(code)
                .hasMessageContaining(message.strip())
                .hasMessageContaining(bodyRequestId);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "errors/401_invalid_api_key_doc.json",
                "errors/401_invalid_api_key_cn_doc_variant.json",
                "errors/401_native_flat_shape.json"
            })
    void should_say_that_keys_are_bound_to_a_region_and_name_the_base_url_on_401(String fixture) {
        stubChat(error(401, Fixtures.read(fixture)));

        Throwable thrown = chatFailure(model().build());

        assertThat(thrown)
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("HTTP 401")
                .hasMessageContaining("region")
                .hasMessageContaining(baseUrl())
                .hasMessageContaining(REQUEST_ID);
        assertThat(requestCount()).as("401 is not retried").isEqualTo(1);
    }

    @Test
    void should_take_the_request_id_from_the_flat_fixture_body_when_no_header_is_sent() {
        stubChat(aResponse()
                .withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody(Fixtures.read("errors/401_native_flat_shape.json")));

        Throwable thrown = chatFailure(model().build());

        assertThat(thrown)
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("InvalidApiKey")
                .hasMessageContaining("No API-key provided.")
                .hasMessageContaining("7438d53d-...");
    }

    @Test
    void should_keep_a_non_json_error_body_in_the_message() {
        stubChat(aResponse()
                .withStatus(502)
                .withHeader("x-request-id", REQUEST_ID)
                .withBody("<html><body><h1>502 Bad Gateway</h1></body></html>"));

        Throwable thrown = chatFailure(model().maxRetries(0).build());

        assertThat(thrown)
                .isInstanceOf(InternalServerException.class)
                .hasMessageContaining("HTTP 502")
                .hasMessageContaining("502 Bad Gateway")
                .hasMessageContaining(REQUEST_ID);
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {400, 401, 403, 404})
    void should_not_retry_client_errors(int status) {
        String code = status == 404 ? "model_not_found" : "invalid_parameter_error";
        stubChat(error(status, openAiError(code, "Refused.")));

        Throwable thrown = chatFailure(model().maxRetries(2).build());

        assertThat(thrown).isInstanceOf(LangChain4jException.class).isNotInstanceOf(RetriableException.class);
        assertThat(requestCount()).isEqualTo(1);
    }

    @Test
    void should_retry_a_rate_limit_and_then_succeed() {
        stubInSequence(
                error(429, openAiError("limit_requests", "Requests rate limit exceeded, please try again later.")),
                json(Fixtures.read("chat/chat_response_nonstream_basic.json")));

        ChatResponse response = model().build().chat(UserMessage.from("Hi"));

        assertThat(response.aiMessage().text()).contains("My name is Qwen.");
        assertThat(requestCount()).isEqualTo(2);
    }

    @Test
    void should_honour_a_retry_after_header_if_one_ever_appears() {
        stubInSequence(
                error(429, openAiError("limit_burst_rate", "Request rate increased too quickly."))
                        .withHeader("Retry-After", "0"),
                json(Fixtures.read("chat/chat_response_nonstream_basic.json")));

        ChatResponse response = model().maxRetries(1).build().chat(UserMessage.from("Hi"));

        assertThat(response.aiMessage().text()).contains("My name is Qwen.");
        assertThat(requestCount()).isEqualTo(2);
    }

    @Test
    void should_count_a_503_with_retry_after_zero_as_one_attempt() {
        // OkHttp on its own would silently repeat such a 503 once, doubling every attempt.
        stubChat(error(503, openAiError("ServiceUnavailable", "busy")).withHeader("Retry-After", "0"));

        assertThatThrownBy(() -> model().maxRetries(1).build().chat(UserMessage.from("Hi")))
                .isInstanceOf(InternalServerException.class);
        assertThat(requestCount()).isEqualTo(2);
    }

    @Test
    void should_give_up_after_max_retries_on_a_server_error() {
        stubChat(error(503, openAiError("ServiceUnavailable", "The service is temporarily unavailable.")));

        Throwable thrown = chatFailure(model().maxRetries(2).build());

        assertThat(thrown).isInstanceOf(InternalServerException.class).hasMessageContaining("HTTP 503");
        assertThat(requestCount()).as("1 attempt + 2 retries").isEqualTo(3);
    }

    @Test
    void should_map_a_read_timeout_to_a_timeout_exception() {
        stubChat(json(Fixtures.read("chat/chat_response_nonstream_basic.json")).withFixedDelay(2000));

        Throwable thrown = chatFailure(
                model().timeout(Duration.ofMillis(300)).maxRetries(0).build());

        assertThat(thrown).isInstanceOf(TimeoutException.class).hasMessageContaining("timed out");
        assertThat(requestCount()).isEqualTo(1);
    }

    @Test
    void should_retry_after_a_read_timeout() {
        stubInSequence(
                json(Fixtures.read("chat/chat_response_nonstream_basic.json")).withFixedDelay(2000),
                json(Fixtures.read("chat/chat_response_nonstream_basic.json")));

        ChatResponse response =
                model().timeout(Duration.ofMillis(300)).maxRetries(1).build().chat(UserMessage.from("Hi"));

        assertThat(response.aiMessage().text()).contains("My name is Qwen.");
        assertThat(requestCount()).isEqualTo(2);
    }

    @Test
    void should_retry_a_connection_reset_and_then_succeed() {
        stubInSequence(
                aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
                json(Fixtures.read("chat/chat_response_nonstream_basic.json")));

        ChatResponse response = model().build().chat(UserMessage.from("Hi"));

        assertThat(response.aiMessage().text()).contains("My name is Qwen.");
        assertThat(requestCount()).isEqualTo(2);
    }

    @Test
    void should_keep_the_io_cause_when_the_connection_keeps_failing() {
        stubChat(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        Throwable thrown = chatFailure(model().maxRetries(1).build());

        assertThat(thrown).isInstanceOf(RetriableException.class).hasCauseInstanceOf(IOException.class);
        assertThat(requestCount()).isEqualTo(2);
    }

    @Test
    void should_never_put_the_api_key_in_an_exception_even_when_the_server_echoes_it() {
        stubChat(error(
                401,
                openAiError(
                        "invalid_api_key",
                        "Incorrect API key provided: " + API_KEY + ". You can find your API key in the console.")));

        Throwable thrown = chatFailure(model().build());

        assertThat(thrown)
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("Incorrect API key provided");
        assertNoKeyAnywhere(thrown);
    }

    @Test
    void should_never_put_the_api_key_in_an_exception_from_a_non_json_body() {
        stubChat(aResponse().withStatus(500).withBody("upstream rejected key " + API_KEY));

        Throwable thrown = chatFailure(model().maxRetries(0).build());

        assertThat(thrown).isInstanceOf(InternalServerException.class).hasMessageContaining("upstream rejected key");
        assertNoKeyAnywhere(thrown);
    }

    private static Throwable chatFailure(QwenChatModel model) {
        Throwable thrown = catchThrowable(() -> model.chat(UserMessage.from("Hi")));
        assertThat(thrown).as("chat() must fail").isNotNull();
        return thrown;
    }

    private static void assertNoKeyAnywhere(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            assertThat(t.getMessage()).doesNotContain(API_KEY);
            assertThat(t.toString()).doesNotContain(API_KEY);
        }
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
