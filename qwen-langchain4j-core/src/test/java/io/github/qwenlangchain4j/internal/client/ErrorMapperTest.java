package io.github.qwenlangchain4j.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.NonRetriableException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.exception.TimeoutException;
import io.github.qwenlangchain4j.Fixtures;
import io.github.qwenlangchain4j.QwenApiError;
import io.github.qwenlangchain4j.QwenRegion;
import io.github.qwenlangchain4j.internal.api.ChatCompletionResponse;
import io.github.qwenlangchain4j.internal.api.ErrorBody;
import io.github.qwenlangchain4j.internal.json.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ErrorMapperTest {

    static final String API_KEY = "sk-fake-not-a-real-key-0123456789abcdef";
    static final String BASE_URL = QwenRegion.SINGAPORE.baseUrl();

    final ErrorMapper mapper = new ErrorMapper(Json.MAPPER, BASE_URL, new Redactor(API_KEY));

    static String openAiStyle(String code, String message) {
        return "{\"error\":{\"message\":\"" + message + "\",\"type\":\"invalid_request_error\",\"param\":null,"
                + "\"code\":\"" + code + "\"},\"id\":\"chatcmpl-req-42\",\"request_id\":\"req-42\"}";
    }

    static QwenApiError details(RuntimeException e) {
        assertThat(e.getCause()).isInstanceOf(QwenApiError.class);
        return (QwenApiError) e.getCause();
    }

    // ---- the three shapes ----

    @Test
    void should_read_the_openai_style_fixture() {
        RuntimeException e =
                mapper.fromHttpError(401, Fixtures.read("errors/401_invalid_api_key_doc.json"), "hdr-1", null);

        assertThat(e)
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("401")
                .hasMessageContaining("invalid_api_key")
                .hasMessageContaining("Incorrect API key provided.")
                .hasMessageContaining("hdr-1");
        QwenApiError details = details(e);
        assertThat(details.statusCode()).isEqualTo(401);
        assertThat(details.code()).isEqualTo("invalid_api_key");
        assertThat(details.qwenMessage()).isEqualTo("Incorrect API key provided. ");
        assertThat(details.requestId()).isEqualTo("hdr-1");
    }

    @Test
    void should_read_the_chinese_doc_variant_fixture() {
        RuntimeException e =
                mapper.fromHttpError(401, Fixtures.read("errors/401_invalid_api_key_cn_doc_variant.json"), null, null);
        assertThat(e)
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("Invalid API-key provided.")
                .hasMessageContaining("request id: none");
    }

    @Test
    void should_read_the_flat_native_fixture_and_its_request_id() {
        RuntimeException e = mapper.fromHttpError(401, Fixtures.read("errors/401_native_flat_shape.json"), null, null);
        assertThat(e)
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("HTTP 401")
                .hasMessageContaining("InvalidApiKey")
                .hasMessageContaining("No API-key provided.")
                .hasMessageContaining("7438d53d-...");
        assertThat(details(e).code()).isEqualTo("InvalidApiKey");
        assertThat(details(e).requestId()).isEqualTo("7438d53d-...");
    }

    @Test
    void should_take_the_request_id_from_the_body_when_no_header_came() {
        RuntimeException e = mapper.fromHttpError(400, openAiStyle("invalid_parameter_error", "bad"), null, null);
        assertThat(details(e).requestId()).isEqualTo("req-42");
        assertThat(e).hasMessageContaining("req-42");
    }

    @Test
    void should_prefer_the_request_id_header_over_the_body() {
        RuntimeException e = mapper.fromHttpError(400, openAiStyle("invalid_parameter_error", "bad"), "hdr", null);
        assertThat(details(e).requestId()).isEqualTo("hdr");
    }

    @Test
    void should_map_the_in_stream_error_shape() throws JsonProcessingException {
        ChatCompletionResponse chunk = Json.MAPPER.readValue(
                "{\"error\":{\"code\":\"data_inspection_failed\",\"message\":\"Output data may contain inappropriate"
                        + " content.\",\"type\":\"data_inspection_failed\",\"param\":null}}",
                ChatCompletionResponse.class);
        ErrorBody.Error error = chunk.error();

        RuntimeException e = mapper.fromStreamError(error.code(), error.type(), error.message(), "stream-req");

        assertThat(e)
                .isInstanceOf(ContentFilteredException.class)
                .hasMessageContaining("data_inspection_failed")
                .hasMessageContaining("Output data may contain inappropriate content.")
                .hasMessageContaining("stream-req");
    }

    @Test
    void should_classify_in_stream_errors_by_code() {
        assertThat(mapper.fromStreamError("invalid_api_key", null, "no", "r"))
                .isInstanceOf(AuthenticationException.class);
        assertThat(mapper.fromStreamError("model_not_found", null, "no", "r"))
                .isInstanceOf(ModelNotFoundException.class);
        assertThat(mapper.fromStreamError("limit_requests", null, "slow down", "r"))
                .isInstanceOf(RateLimitException.class);
        assertThat(mapper.fromStreamError("internal_error", null, "oops", "r"))
                .isInstanceOf(InternalServerException.class);
        assertThat(mapper.fromStreamError(null, null, "oops", "r")).isInstanceOf(InternalServerException.class);
        assertThat(mapper.fromStreamError("invalid_parameter_error", null, "bad", "r"))
                .isExactlyInstanceOf(InvalidRequestException.class);
    }

    // ---- status to exception ----

    @Test
    void should_map_400_data_inspection_failed_to_content_filtered() {
        RuntimeException e = mapper.fromHttpError(
                400,
                openAiStyle("data_inspection_failed", "Input data may contain inappropriate content."),
                null,
                null);
        assertThat(e).isInstanceOf(ContentFilteredException.class).isInstanceOf(NonRetriableException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"invalid_parameter_error", "Arrearage", "InvalidParameter"})
    void should_map_other_400s_to_invalid_request(String code) {
        RuntimeException e =
                mapper.fromHttpError(400, openAiStyle(code, "Range of input length should be [1, 129024]"), "r1", null);
        assertThat(e)
                .isExactlyInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("HTTP 400")
                .hasMessageContaining(code)
                .hasMessageContaining("Range of input length")
                .hasMessageContaining("r1");
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403})
    void should_map_401_and_403_to_authentication_with_a_region_hint(int status) {
        RuntimeException e =
                mapper.fromHttpError(status, openAiStyle("invalid_api_key", "Incorrect API key"), "r", null);
        assertThat(e)
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("HTTP " + status)
                .hasMessageContaining(BASE_URL)
                .hasMessageContaining("SINGAPORE")
                .hasMessageContaining("region");
    }

    @Test
    void should_name_a_custom_base_url_in_the_authentication_hint() {
        ErrorMapper custom = new ErrorMapper(Json.MAPPER, "http://localhost:9999/v1", new Redactor(API_KEY));
        assertThat(custom.fromHttpError(401, openAiStyle("invalid_api_key", "no"), null, null))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("http://localhost:9999/v1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"model_not_found", "model_not_supported"})
    void should_map_404_model_codes_to_model_not_found(String code) {
        RuntimeException e =
                mapper.fromHttpError(404, openAiStyle(code, "The model `qwen-nope` does not exist"), null, null);
        assertThat(e)
                .isInstanceOf(ModelNotFoundException.class)
                .hasMessageContaining("404")
                .hasMessageContaining(code)
                .hasMessageContaining("qwen-nope");
    }

    @Test
    void should_map_a_404_without_a_model_code_to_invalid_request_naming_the_base_url() {
        RuntimeException e =
                mapper.fromHttpError(404, "{\"code\":\"NotFound\",\"message\":\"no such path\"}", null, null);
        assertThat(e).isExactlyInstanceOf(InvalidRequestException.class).hasMessageContaining(BASE_URL);
    }

    @Test
    void should_not_blame_the_model_for_a_404_that_names_no_code() {
        RuntimeException e = mapper.fromHttpError(404, "", null, null);
        assertThat(e).isExactlyInstanceOf(InvalidRequestException.class).hasMessageContaining(BASE_URL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit_requests", "limit_burst_rate", "insufficient_quota"})
    void should_map_429_to_rate_limit(String code) {
        RuntimeException e = mapper.fromHttpError(429, openAiStyle(code, "Requests rate limit exceeded"), "r", null);
        assertThat(e)
                .isInstanceOf(RateLimitException.class)
                .isInstanceOf(RetriableException.class)
                .hasMessageContaining("429")
                .hasMessageContaining(code);
    }

    @Test
    void should_keep_retry_after_in_the_details() {
        RuntimeException e =
                mapper.fromHttpError(429, openAiStyle("limit_requests", "slow"), "r", Duration.ofSeconds(3));
        assertThat(details(e).retryAfter()).isEqualTo(Duration.ofSeconds(3));
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504})
    void should_map_5xx_to_internal_server(int status) {
        RuntimeException e =
                mapper.fromHttpError(status, openAiStyle("internal_error", "An internal error"), "r", null);
        assertThat(e)
                .isInstanceOf(InternalServerException.class)
                .isInstanceOf(RetriableException.class)
                .hasMessageContaining("HTTP " + status);
    }

    // ---- bodies that are not the usual JSON ----

    @Test
    void should_use_a_non_json_body_as_the_message() {
        RuntimeException e = mapper.fromHttpError(502, "<html><body>Bad Gateway</body></html>", "r", null);
        assertThat(e)
                .isInstanceOf(InternalServerException.class)
                .hasMessageContaining("HTTP 502")
                .hasMessageContaining("Bad Gateway");
    }

    @Test
    void should_cut_a_long_non_json_body() {
        RuntimeException e = mapper.fromHttpError(500, "x".repeat(10_000), null, null);
        assertThat(e.getMessage().length()).isLessThan(1_000);
        assertThat(e).hasMessageContaining("...");
    }

    @Test
    void should_cope_with_empty_and_null_bodies() {
        assertThat(mapper.fromHttpError(503, "", "r", null))
                .isInstanceOf(InternalServerException.class)
                .hasMessageContaining("HTTP 503")
                .hasMessageContaining("(no message)")
                .hasMessageContaining("r");
        assertThat(mapper.fromHttpError(400, null, null, null))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("HTTP 400")
                .hasMessageContaining("request id: none");
        assertThat(mapper.fromHttpError(429, "   ", null, null)).isInstanceOf(RateLimitException.class);
    }

    @Test
    void should_cope_with_json_that_is_not_an_object() {
        assertThat(mapper.fromHttpError(500, "[1,2]", null, null))
                .isInstanceOf(InternalServerException.class)
                .hasMessageContaining("HTTP 500");
        assertThat(mapper.fromHttpError(400, "\"just a string\"", null, null))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void should_read_a_numeric_code() {
        RuntimeException e = mapper.fromHttpError(400, "{\"error\":{\"message\":\"bad\",\"code\":1234}}", null, null);
        assertThat(details(e).code()).isEqualTo("1234");
    }

    // ---- the API key never leaks ----

    @Test
    void should_scrub_an_api_key_the_server_echoes() {
        RuntimeException e = mapper.fromHttpError(
                401, openAiStyle("invalid_api_key", "Incorrect API key provided: " + API_KEY), null, null);
        assertThat(e.getMessage()).doesNotContain(API_KEY).contains("***");
        assertThat(details(e).qwenMessage()).doesNotContain(API_KEY);
        assertThat(details(e).getMessage()).doesNotContain(API_KEY);
    }

    @Test
    void should_scrub_an_api_key_echoed_in_a_non_json_body() {
        RuntimeException e = mapper.fromHttpError(500, "proxy error for Bearer " + API_KEY, null, null);
        assertThat(e.getMessage()).doesNotContain(API_KEY);
    }

    @Test
    void should_not_leak_part_of_the_api_key_when_a_long_body_is_cut() {
        // the key straddles the point where the body is cut
        String body = "y".repeat(490) + API_KEY + "z".repeat(100);
        RuntimeException e = mapper.fromHttpError(500, body, null, null);
        assertThat(e.getMessage()).doesNotContain(API_KEY.substring(0, 10));
    }

    @Test
    void should_scrub_the_api_key_from_in_stream_errors() {
        assertThat(mapper.fromStreamError("x", null, "key " + API_KEY, "r").getMessage())
                .doesNotContain(API_KEY);
    }

    // ---- I/O failures and malformed bodies ----

    @Test
    void should_map_timeouts_to_timeout_exceptions() {
        RuntimeException e = ErrorMapper.fromIo(new SocketTimeoutException("Read timed out"), "POST /chat/completions");
        assertThat(e)
                .isInstanceOf(TimeoutException.class)
                .isInstanceOf(RetriableException.class)
                .hasMessageContaining("Read timed out")
                .hasCauseInstanceOf(SocketTimeoutException.class);
        assertThat(ErrorMapper.fromIo(new java.io.InterruptedIOException("timeout"), "x"))
                .isInstanceOf(TimeoutException.class);
    }

    @Test
    void should_map_other_io_failures_to_retriable_exceptions_with_the_cause() {
        IOException cause = new ConnectException("Connection refused");
        RuntimeException e = ErrorMapper.fromIo(cause, "POST /chat/completions");
        assertThat(e)
                .isExactlyInstanceOf(RetriableException.class)
                .hasMessageContaining("Connection refused")
                .hasMessageContaining("POST /chat/completions");
        assertThat(e.getCause()).isSameAs(cause);
    }

    @Test
    void should_map_a_malformed_body_to_a_non_retried_exception_with_the_request_id() {
        IllegalStateException cause = new IllegalStateException("no choices");
        LangChain4jException e = ErrorMapper.malformed("no choices", "req-9", cause);
        assertThat(e)
                .isNotInstanceOf(RetriableException.class)
                .hasMessageContaining("Malformed")
                .hasMessageContaining("req-9");
        assertThat(e.getCause()).isSameAs(cause);
        assertThat(ErrorMapper.malformed("x", null, null)).hasMessageContaining("request id: none");
    }
}
