package io.github.qwenlangchain4j.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.NonRetriableException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.exception.TimeoutException;
import io.github.qwenlangchain4j.QwenApiError;
import io.github.qwenlangchain4j.QwenRegion;
import io.github.qwenlangchain4j.internal.api.ChatCompletionResponse;
import io.github.qwenlangchain4j.internal.api.ErrorBody;
import io.github.qwenlangchain4j.internal.json.Json;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 12: the error shapes Qwen (compatible mode and native DashScope) really sends, each classified by
 * {@link ErrorMapper}: exception type, retriable or not, code, request id, and a message naming status, code and
 * request id. Every body is a real wire shape; its source is in the comment above it.
 */
class QwenErrorShapesTest {

    static final String API_KEY = "sk-fake-not-a-real-key-0123456789abcdef";
    static final String BASE_URL = QwenRegion.SINGAPORE.baseUrl();

    final ErrorMapper mapper = new ErrorMapper(Json.MAPPER, BASE_URL, new Redactor(API_KEY));

    static QwenApiError details(RuntimeException e) {
        assertThat(e.getCause()).isInstanceOf(QwenApiError.class);
        return (QwenApiError) e.getCause();
    }

    // ---- SSE-framed HTTP error bodies ----

    @Test
    void should_map_an_sse_framed_data_inspection_400_to_content_filtered() {
        // openai-node error text seen by lobehub users: "400 data: {...}" — the body of a rejected stream request
        // is SSE-framed, whatever the Content-Type says.
        String body = "data: {\"error\":{\"code\":\"data_inspection_failed\",\"param\":null,"
                + "\"message\":\"Input text data may contain inappropriate content.\",\"type\":\"data_inspection_failed\"}}";

        RuntimeException e = mapper.fromHttpError(400, body, null, null);

        assertThat(e)
                .isInstanceOf(ContentFilteredException.class)
                .isInstanceOf(NonRetriableException.class)
                .hasMessageContaining("HTTP 400")
                .hasMessageContaining("data_inspection_failed")
                .hasMessageContaining("Input text data may contain inappropriate content.")
                .hasMessageContaining("request id: none");
        assertThat(details(e).statusCode()).isEqualTo(400);
        assertThat(details(e).code()).isEqualTo("data_inspection_failed");
        assertThat(details(e).qwenMessage()).isEqualTo("Input text data may contain inappropriate content.");
        assertThat(details(e).requestId()).isNull();
    }

    @Test
    void should_prefer_the_request_id_header_for_an_sse_framed_body() {
        // Same lobehub/openai-node body as above, with the x-request-id header compatible mode sends.
        String body = "data: {\"error\":{\"code\":\"data_inspection_failed\",\"param\":null,"
                + "\"message\":\"Input text data may contain inappropriate content.\",\"type\":\"data_inspection_failed\"}}";

        RuntimeException e = mapper.fromHttpError(400, body, "hdr-7", null);

        assertThat(e).isInstanceOf(ContentFilteredException.class).hasMessageContaining("hdr-7");
        assertThat(details(e).requestId()).isEqualTo("hdr-7");
    }

    @Test
    void should_map_an_sse_framed_invalid_parameter_and_take_the_request_id_from_the_completion_id() {
        // Qwen3.6-27B via OpenRouter, provider error log.
        String body = "data: {\"error\":{\"code\":\"invalid_parameter_error\",\"param\":null,"
                + "\"message\":\"Range of top_logprobs should be [0, 5]\",\"type\":\"invalid_request_error\"},"
                + "\"id\":\"chatcmpl-54036480-037a-9e3e-b1fe-50453ba831a1\"}";

        RuntimeException e = mapper.fromHttpError(400, body, null, null);

        assertThat(e)
                .isExactlyInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("HTTP 400")
                .hasMessageContaining("invalid_parameter_error")
                .hasMessageContaining("Range of top_logprobs should be [0, 5]")
                .hasMessageContaining("54036480-037a-9e3e-b1fe-50453ba831a1")
                .hasMessageNotContaining("chatcmpl-");
        assertThat(details(e).code()).isEqualTo("invalid_parameter_error");
        assertThat(details(e).requestId()).isEqualTo("54036480-037a-9e3e-b1fe-50453ba831a1");
    }

    @Test
    void should_map_the_native_sse_error_framing_with_id_event_and_status_comment_lines() {
        // DashScope native SSE error framing (also handled by alibaba/higress ai-proxy's qwen provider).
        String body = "id:1\nevent:error\n:HTTP_STATUS/400\ndata:{\"code\":\"InvalidParameter\",\"message\":\"<400>"
                + " InternalError.Algo.InvalidParameter: Range of max_tokens should be [1, 32768]\","
                + "\"request_id\":\"f19efcde-711c-9eff-af2f-e6a09d189750\"}\n\n";

        RuntimeException e = mapper.fromHttpError(400, body, null, null);

        assertThat(e)
                .isExactlyInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("HTTP 400")
                .hasMessageContaining("InvalidParameter")
                .hasMessageContaining("Range of max_tokens should be [1, 32768]")
                .hasMessageContaining("f19efcde-711c-9eff-af2f-e6a09d189750");
        assertThat(details(e).code()).isEqualTo("InvalidParameter");
        assertThat(details(e).requestId()).isEqualTo("f19efcde-711c-9eff-af2f-e6a09d189750");
    }

    @Test
    void should_map_the_native_sse_error_framing_with_crlf_line_ends() {
        // The DashScope native framing above, as a server writing \r\n line ends would send it.
        String body = "id:1\r\nevent:error\r\n:HTTP_STATUS/400\r\ndata:{\"code\":\"InvalidParameter\",\"message\":"
                + "\"<400> InternalError.Algo.InvalidParameter: Range of max_tokens should be [1, 32768]\","
                + "\"request_id\":\"f19efcde-711c-9eff-af2f-e6a09d189750\"}\r\n\r\n";

        RuntimeException e = mapper.fromHttpError(400, body, null, null);

        assertThat(e).isExactlyInstanceOf(InvalidRequestException.class);
        assertThat(details(e).requestId()).isEqualTo("f19efcde-711c-9eff-af2f-e6a09d189750");
    }

    // ---- content moderation hidden behind a generic code ----

    @Test
    void should_map_a_native_data_inspection_prefix_behind_a_generic_code_to_content_filtered() {
        // https://github.com/QwenLM/qwen-code/issues/3145:
        // "API Error: 400 <400> InternalError.Algo.DataInspectionFailed: Input text data may contain inappropriate
        // content." — compatible mode wraps it in invalid_parameter_error.
        String body = "{\"error\":{\"code\":\"invalid_parameter_error\",\"param\":null,\"message\":\"<400>"
                + " InternalError.Algo.DataInspectionFailed: Input text data may contain inappropriate content.\","
                + "\"type\":\"invalid_request_error\"},\"request_id\":\"qc-3145\"}";

        RuntimeException e = mapper.fromHttpError(400, body, null, null);

        assertThat(e)
                .isInstanceOf(ContentFilteredException.class)
                .isInstanceOf(NonRetriableException.class)
                .hasMessageContaining("HTTP 400")
                .hasMessageContaining("invalid_parameter_error")
                .hasMessageContaining("InternalError.Algo.DataInspectionFailed")
                .hasMessageContaining("qc-3145");
        assertThat(details(e).code()).isEqualTo("invalid_parameter_error");
    }

    @Test
    void should_read_the_native_code_in_front_of_a_message() {
        // Prefix format of https://github.com/QwenLM/qwen-code/issues/3145 and of the DashScope SSE framing above.
        assertThat(ErrorKind.nativeCodeOf("<400> InternalError.Algo.DataInspectionFailed: Input text data"))
                .isEqualTo("InternalError.Algo.DataInspectionFailed");
        assertThat(ErrorKind.nativeCodeOf("<400> InternalError.Algo.InvalidParameter: Range of max_tokens"))
                .isEqualTo("InternalError.Algo.InvalidParameter");
        assertThat(ErrorKind.nativeCodeOf("Range of max_tokens should be [1, 32768]"))
                .isNull();
        assertThat(ErrorKind.nativeCodeOf(null)).isNull();
    }

    // ---- rate limits ----

    @Test
    void should_map_a_throttling_rate_quota_429_without_a_request_id_to_a_retriable_rate_limit() {
        // Compatible-mode 429 with a native code and no request_id (issue 12).
        String body = "{\"error\":{\"code\":\"Throttling.RateQuota\","
                + "\"message\":\"Requests rate limit exceeded, please try again later.\"}}";

        RuntimeException e = mapper.fromHttpError(429, body, null, null);

        assertThat(e)
                .isInstanceOf(RateLimitException.class)
                .isInstanceOf(RetriableException.class)
                .hasMessageContaining("HTTP 429")
                .hasMessageContaining("Throttling.RateQuota")
                .hasMessageContaining("Requests rate limit exceeded, please try again later.")
                .hasMessageContaining("request id: none");
        assertThat(details(e).code()).isEqualTo("Throttling.RateQuota");
        assertThat(details(e).requestId()).isNull();
        assertThat(RetryPolicy.cannotHaveReachedServer(e)).isTrue();
    }

    @Test
    void should_map_a_native_429_whose_message_is_an_embedded_json_error_to_rate_limit() {
        // Native flat 429 from issue 12: Throttling.RateQuota whose message is itself an upstream JSON error; the
        // inner error is the engine_overloaded_error shape of MoonshotAI/MoonshotAI-Cookbook#16.
        String body =
                "{\"code\":\"Throttling.RateQuota\",\"message\":\"{\\\"error\\\":{\\\"message\\\":\\\"The engine is"
                        + " currently overloaded, please try again later\\\",\\\"type\\\":\\\"engine_overloaded_error\\\"}}\"}";

        RuntimeException e = mapper.fromHttpError(429, body, "hdr-429", null);

        assertThat(e)
                .isInstanceOf(RateLimitException.class)
                .isInstanceOf(RetriableException.class)
                .hasMessageContaining("HTTP 429")
                .hasMessageContaining("Throttling.RateQuota")
                .hasMessageContaining("The engine is currently overloaded")
                .hasMessageContaining("hdr-429");
        assertThat(details(e).code()).isEqualTo("Throttling.RateQuota");
        assertThat(details(e).requestId()).isEqualTo("hdr-429");
    }

    // ---- Arrearage ----

    @Test
    void should_map_arrearage_to_a_non_retriable_invalid_request() {
        // Model Studio error-code page (alibabacloud.com/help/en/model-studio/error-code): 400 Arrearage.
        String body = "{\"error\":{\"code\":\"Arrearage\",\"message\":\"Access denied, please make sure your account is"
                + " in good standing.\",\"type\":\"Arrearage\"}}";

        RuntimeException e = mapper.fromHttpError(400, body, "r-arr", null);

        assertThat(e)
                .isExactlyInstanceOf(InvalidRequestException.class)
                .isNotInstanceOf(RetriableException.class)
                .hasMessageContaining("HTTP 400")
                .hasMessageContaining("Arrearage")
                .hasMessageContaining("Access denied, please make sure your account is in good standing.")
                .hasMessageContaining("r-arr");
        assertThat(details(e).code()).isEqualTo("Arrearage");
        assertThat(RetryPolicy.cannotHaveReachedServer(e)).isFalse();
    }

    // ---- the Model Studio error-code page, both body shapes ----

    static Stream<Arguments> modelStudioRows() {
        // Model Studio error-code page: alibabacloud.com/help/en/model-studio/error-code
        return Stream.of(
                Arguments.of(
                        408,
                        "RequestTimeOut",
                        "Request timed out, please try again later.",
                        TimeoutException.class,
                        true),
                Arguments.of(
                        500,
                        "InternalError",
                        "An internal error has occured, please try again later or contact service support.",
                        InternalServerException.class,
                        true),
                // code and status from the page; the message here is ours, not quoted
                Arguments.of(
                        500,
                        "InternalError.Timeout",
                        "An internal timeout error has occured.",
                        TimeoutException.class,
                        true),
                Arguments.of(
                        503,
                        "ModelUnavailable",
                        "Model is unavailable, please try again later.",
                        InternalServerException.class,
                        true),
                Arguments.of(
                        400,
                        "DataInspectionFailed",
                        "Input or output data may contain inappropriate content.",
                        ContentFilteredException.class,
                        false),
                Arguments.of(429, "Throttling", "Requests throttling triggered.", RateLimitException.class, true),
                Arguments.of(
                        429,
                        "Throttling.AllocationQuota",
                        "Allocated quota exceeded, please increase your quota limit.",
                        RateLimitException.class,
                        true));
    }

    @ParameterizedTest(name = "flat HTTP {0} {1} -> {3}")
    @MethodSource("modelStudioRows")
    void should_classify_the_flat_native_shape_of_the_model_studio_codes(
            int status, String code, String message, Class<? extends Throwable> expected, boolean retriable) {
        // Flat native DashScope shape {"code","message","request_id"} with the error-code page's rows.
        String body =
                "{\"code\":\"" + code + "\",\"message\":\"" + message + "\",\"request_id\":\"ms-" + status + "\"}";

        RuntimeException e = mapper.fromHttpError(status, body, null, null);

        assertClassified(e, expected, retriable, status, code, message, "ms-" + status);
    }

    @ParameterizedTest(name = "openai-style HTTP {0} {1} -> {3}")
    @MethodSource("modelStudioRows")
    void should_classify_the_openai_shape_of_the_model_studio_codes(
            int status, String code, String message, Class<? extends Throwable> expected, boolean retriable) {
        // OpenAI-style compatible-mode shape with the error-code page's rows; request id from the top level.
        String body = "{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + code + "\",\"param\":null,\"code\":\""
                + code + "\"},\"id\":\"chatcmpl-ms-" + status + "\",\"request_id\":\"ms-" + status + "\"}";

        RuntimeException e = mapper.fromHttpError(status, body, null, null);

        assertClassified(e, expected, retriable, status, code, message, "ms-" + status);
    }

    @ParameterizedTest(name = "{0} on HTTP 400 -> {1}")
    @MethodSource("codesThatWinOverTheStatus")
    void should_classify_native_codes_before_the_status(String code, Class<? extends Throwable> expected) {
        // Native DashScope codes (error-code page) in a synthetic flat body on HTTP 400: the code decides, not the
        // status.
        String body = "{\"code\":\"" + code + "\",\"message\":\"m\",\"request_id\":\"r\"}";

        RuntimeException e = mapper.fromHttpError(400, body, null, null);

        assertThat(e).isExactlyInstanceOf(expected).hasMessageContaining(code).hasMessageContaining("HTTP 400");
    }

    static Stream<Arguments> codesThatWinOverTheStatus() {
        return Stream.of(
                Arguments.of("Throttling.RateQuota", RateLimitException.class),
                Arguments.of("Throttling.BurstRate", RateLimitException.class),
                Arguments.of("LimitRequests", RateLimitException.class),
                Arguments.of("InternalError.Algo", InternalServerException.class),
                Arguments.of("SystemError", InternalServerException.class),
                Arguments.of("ServiceUnavailable", InternalServerException.class),
                Arguments.of("ModelServiceFailed", InternalServerException.class),
                Arguments.of("EngineOverloadedError", InternalServerException.class),
                Arguments.of("InternalError.Timeout", TimeoutException.class),
                Arguments.of("RequestTimeOut", TimeoutException.class),
                Arguments.of("InvalidApiKey", AuthenticationException.class),
                Arguments.of("AccessDenied", AuthenticationException.class),
                Arguments.of("AccessDenied.Unpurchased", AuthenticationException.class),
                Arguments.of("ModelNotFound", ModelNotFoundException.class),
                Arguments.of("model_not_found", ModelNotFoundException.class),
                Arguments.of("DataInspectionFailed", ContentFilteredException.class),
                Arguments.of("data_inspection_failed", ContentFilteredException.class));
    }

    @ParameterizedTest(name = "{0} on HTTP 500 -> InvalidRequestException")
    @MethodSource("badRequestCodes")
    void should_not_treat_a_bad_request_code_as_a_server_error_even_on_a_5xx(String code) {
        // "InternalError.Algo.InvalidParameter" starts with InternalError but is a bad request (error-code page).
        // Synthetic body: the codes of issue 12's bad-request list on a 5xx, to show the code wins over the status.
        String body = "{\"code\":\"" + code + "\",\"message\":\"m\",\"request_id\":\"r\"}";

        RuntimeException e = mapper.fromHttpError(500, body, null, null);

        assertThat(e).isExactlyInstanceOf(InvalidRequestException.class).isNotInstanceOf(RetriableException.class);
    }

    static Stream<String> badRequestCodes() {
        return Stream.of(
                "InternalError.Algo.InvalidParameter",
                "InvalidParameter",
                "Arrearage",
                "BadRequest.TooLarge",
                "BadRequest.EmptyInput");
    }

    private static void assertClassified(
            RuntimeException e,
            Class<? extends Throwable> expected,
            boolean retriable,
            int status,
            String code,
            String message,
            String requestId) {
        assertThat(e)
                .isInstanceOf(expected)
                .hasMessageContaining("HTTP " + status)
                .hasMessageContaining(code)
                .hasMessageContaining(message)
                .hasMessageContaining(requestId);
        if (retriable) {
            assertThat(e).isInstanceOf(RetriableException.class);
        } else {
            assertThat(e).isInstanceOf(NonRetriableException.class);
        }
        assertThat(details(e).statusCode()).isEqualTo(status);
        assertThat(details(e).code()).isEqualTo(code);
        assertThat(details(e).requestId()).isEqualTo(requestId);
    }

    // ---- in-stream errors ----

    @Test
    void should_map_the_compatible_in_stream_data_inspection_error() throws JsonProcessingException {
        // In a 200 stream after a text chunk (compatible mode's output moderation).
        ChatCompletionResponse chunk = Json.MAPPER.readValue(
                "{\"error\":{\"message\":\"Output data may contain"
                        + " inappropriate content.\",\"type\":\"data_inspection_failed\",\"param\":null,"
                        + "\"code\":\"data_inspection_failed\"}}",
                ChatCompletionResponse.class);
        ErrorBody.Error error = chunk.error();

        RuntimeException e = mapper.fromStreamError(error.code(), error.type(), error.message(), "stream-1");

        assertThat(e)
                .isInstanceOf(ContentFilteredException.class)
                .isInstanceOf(NonRetriableException.class)
                .hasMessageContaining("in a 200 stream")
                .hasMessageContaining("data_inspection_failed")
                .hasMessageContaining("Output data may contain inappropriate content.")
                .hasMessageContaining("stream-1");
        assertThat(details(e).statusCode()).isEqualTo(400);
    }

    @Test
    void should_synthesise_and_map_the_flat_native_in_stream_throttling_error() throws JsonProcessingException {
        // DashScope's flat in-stream shape inside a 200 stream (issue 12).
        ChatCompletionResponse chunk = Json.MAPPER.readValue(
                "{\"request_id\":\"req-failed\","
                        + "\"code\":\"Throttling.RateQuota\",\"message\":\"Requests rate limit exceeded\"}",
                ChatCompletionResponse.class);
        ErrorBody.Error error = chunk.error();

        assertThat(error).isNotNull();
        assertThat(error.code()).isEqualTo("Throttling.RateQuota");
        assertThat(error.message()).isEqualTo("Requests rate limit exceeded");
        assertThat(chunk.requestId()).isEqualTo("req-failed");

        RuntimeException e = mapper.fromStreamError(error.code(), error.type(), error.message(), chunk.requestId());

        assertThat(e)
                .isInstanceOf(RateLimitException.class)
                .hasMessageContaining("in a 200 stream")
                .hasMessageContaining("Throttling.RateQuota")
                .hasMessageContaining("Requests rate limit exceeded")
                .hasMessageContaining("req-failed");
        assertThat(details(e).statusCode()).isEqualTo(429);
        assertThat(details(e).requestId()).isEqualTo("req-failed");
    }

    @Test
    void should_not_take_a_normal_chunk_for_a_flat_error() throws JsonProcessingException {
        // A normal compatible-mode chunk (choices present) never carries a top-level code.
        ChatCompletionResponse chunk = Json.MAPPER.readValue(
                "{\"id\":\"chatcmpl-1\",\"choices\":[{\"index\":0," + "\"delta\":{\"content\":\"Hi\"}}]}",
                ChatCompletionResponse.class);
        assertThat(chunk.error()).isNull();
    }

    @Test
    void should_classify_native_in_stream_codes_like_http_ones() {
        // Native codes of the error-code page, arriving in a 200 stream.
        assertThat(mapper.fromStreamError("Throttling.AllocationQuota", null, "m", "r"))
                .isInstanceOf(RateLimitException.class);
        assertThat(mapper.fromStreamError("ModelUnavailable", null, "m", "r"))
                .isInstanceOf(InternalServerException.class);
        assertThat(mapper.fromStreamError("InternalError.Timeout", null, "m", "r"))
                .isInstanceOf(TimeoutException.class);
        assertThat(mapper.fromStreamError(
                        "InvalidParameter",
                        null,
                        "<400> InternalError.Algo.DataInspectionFailed: Output data may contain inappropriate content.",
                        "r"))
                .isInstanceOf(ContentFilteredException.class);
        assertThat(mapper.fromStreamError("Arrearage", "Arrearage", "m", "r"))
                .isExactlyInstanceOf(InvalidRequestException.class);
        assertThat(mapper.fromStreamError("InvalidApiKey", null, "m", "r")).isInstanceOf(AuthenticationException.class);
    }

    // ---- where the request id comes from ----

    @Test
    void should_take_the_request_id_from_error_id_on_the_gateway_shape() {
        // Workspace / token-plan gateway shape (issue 12 point 4): the request id only in error.id.
        String body = "{\"error\":{\"message\":\"The parameter is invalid.\",\"type\":\"invalid_request_error\","
                + "\"code\":\"invalid_parameter_error\",\"id\":\"gw-req-123\"}}";

        RuntimeException e = mapper.fromHttpError(400, body, null, null);

        assertThat(e)
                .isExactlyInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("HTTP 400")
                .hasMessageContaining("invalid_parameter_error")
                .hasMessageContaining("gw-req-123");
        assertThat(details(e).requestId()).isEqualTo("gw-req-123");
    }

    @Test
    void should_take_the_request_id_from_error_id_on_the_gateway_shape_in_a_stream() throws JsonProcessingException {
        // The gateway shape of issue 12 point 4, arriving as an in-stream error.
        ChatCompletionResponse chunk = Json.MAPPER.readValue(
                "{\"error\":{\"message\":\"The parameter is invalid.\","
                        + "\"type\":\"invalid_request_error\",\"code\":\"invalid_parameter_error\",\"id\":\"gw-req-123\"}}",
                ChatCompletionResponse.class);
        QwenClient client =
                QwenClient.builder().apiKey(API_KEY).baseUrl(BASE_URL).build();

        RuntimeException e = client.streamError(chunk.error(), null);

        assertThat(e).isExactlyInstanceOf(InvalidRequestException.class).hasMessageContaining("gw-req-123");
        assertThat(details(e).requestId()).isEqualTo("gw-req-123");
    }

    @Test
    void should_take_request_ids_in_the_documented_order() {
        // Order (issue 12): x-request-id header, body request_id, top-level id without "chatcmpl-",
        // error.request_id, error.id. Bodies are the OpenAI-style compatible-mode shape with each field added.
        String all = "{\"error\":{\"message\":\"m\",\"code\":\"invalid_parameter_error\",\"request_id\":\"err-rid\","
                + "\"id\":\"err-id\"},\"id\":\"chatcmpl-top-id\",\"request_id\":\"body-rid\"}";
        String noBodyRid =
                "{\"error\":{\"message\":\"m\",\"code\":\"invalid_parameter_error\",\"request_id\":\"err-rid\","
                        + "\"id\":\"err-id\"},\"id\":\"chatcmpl-top-id\"}";
        String onlyErrorIds = "{\"error\":{\"message\":\"m\",\"code\":\"invalid_parameter_error\","
                + "\"request_id\":\"err-rid\",\"id\":\"err-id\"}}";
        String onlyErrorId = "{\"error\":{\"message\":\"m\",\"code\":\"invalid_parameter_error\",\"id\":\"err-id\"}}";

        assertThat(details(mapper.fromHttpError(400, all, "hdr", null)).requestId())
                .isEqualTo("hdr");
        assertThat(details(mapper.fromHttpError(400, all, null, null)).requestId())
                .isEqualTo("body-rid");
        assertThat(details(mapper.fromHttpError(400, noBodyRid, null, null)).requestId())
                .isEqualTo("top-id");
        assertThat(details(mapper.fromHttpError(400, onlyErrorIds, null, null)).requestId())
                .isEqualTo("err-rid");
        assertThat(details(mapper.fromHttpError(400, onlyErrorId, null, null)).requestId())
                .isEqualTo("err-id");
        assertThat(details(mapper.fromHttpError(400, onlyErrorId, "  ", null)).requestId())
                .as("a blank header does not hide the body's id")
                .isEqualTo("err-id");
    }

    @Test
    void should_scrub_the_api_key_from_an_sse_framed_body() {
        // The lobehub/openai-node SSE-framed body, with the key echoed in the message.
        String body = "data: {\"error\":{\"code\":\"invalid_api_key\",\"param\":null,\"message\":\"Incorrect API key"
                + " provided: " + API_KEY + "\",\"type\":\"invalid_request_error\"}}";

        RuntimeException e = mapper.fromHttpError(401, body, null, null);

        assertThat(e).isInstanceOf(AuthenticationException.class);
        assertThat(e.getMessage()).doesNotContain(API_KEY);
        assertThat(details(e).qwenMessage()).doesNotContain(API_KEY);
    }
}
