package io.github.qwenlangchain4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The mock refuses what Qwen refuses on models that think, with Qwen's own messages, and speaks Qwen's other error
 * shapes. Sources: Model Studio "Deep thinking" (which models think by default, which only think), its error-code page
 * ("Json mode response is not supported when enable_thinking is true", "The value of the enable_thinking parameter
 * is restricted to True."), the tool_choice refusal a curl against qwen3.5-plus got (cloudwego/eino#994), and the
 * SSE-framed 400 of a refused stream request (openai-node's "400 data: {...}" errors of Qwen users).
 */
class QwenMockServerThinkingAndErrorShapesTest extends MockServerHttpSupport {

    private static String request(String model, String extra) {
        return "{\"model\":\"" + model + "\"" + extra
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"Reply in JSON\"}]}";
    }

    private static JsonNode error(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body()).path("error");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"qwen3.6-plus", "qwen3.5-flash", "qwen3.7-max", "qwen3-32b", "qwen3.5-397b-a17b", "glm-4.7"})
    void should_refuse_json_mode_on_a_model_that_thinks_by_default_unless_thinking_is_switched_off(String model)
            throws Exception {
        String jsonMode = ",\"stream\":true,\"response_format\":{\"type\":\"json_object\"}";

        HttpResponse<String> refused = chat(request(model, jsonMode));
        HttpResponse<String> served = chat(request(model, jsonMode + ",\"enable_thinking\":false"));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("Json mode response is not supported when enable_thinking is true");
        assertThat(served.statusCode()).isEqualTo(200);
    }

    @Test
    void should_serve_json_mode_on_qwen_plus_which_does_not_think_by_default() throws Exception {
        assertThat(chat(request("qwen-plus", ",\"response_format\":{\"type\":\"json_object\"}"))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void should_refuse_a_forced_tool_while_thinking_with_qwens_message() throws Exception {
        String forced = ",\"stream\":true,\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
                + "\"parameters\":{\"type\":\"object\",\"properties\":{}}}}],"
                + "\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}";

        HttpResponse<String> refused = chat(request("qwen3.5-plus", forced));
        HttpResponse<String> served = chat(request("qwen3.5-plus", forced + ",\"enable_thinking\":false"));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body())
                .contains("<400> InternalError.Algo.InvalidParameter: The tool_choice parameter does"
                        + " not support being set to required or object in thinking mode");
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.body()).contains("get_weather");
    }

    @Test
    void should_refuse_switching_thinking_off_on_a_thinking_only_model() throws Exception {
        HttpResponse<String> response =
                chat(request("qwen3-235b-a22b-thinking-2507", ",\"stream\":true,\"enable_thinking\":false"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("The value of the enable_thinking parameter is restricted to True.");
    }

    @Test
    void should_answer_a_commercial_model_that_thinks_by_default_without_streaming_but_refuse_an_open_weight_one()
            throws Exception {
        HttpResponse<String> commercial = chat(request("qwen3.6-plus", ""));
        HttpResponse<String> openWeight = chat(request("qwen3.5-397b-a17b", ""));

        assertThat(commercial.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(commercial.body())
                        .at("/choices/0/message/reasoning_content")
                        .asText())
                .startsWith("[offline] Thinking about");
        assertThat(openWeight.statusCode()).isEqualTo(400);
        assertThat(error(openWeight).path("message").asText())
                .isEqualTo("parameter.enable_thinking must be set to false for non-streaming calls");
    }

    @Test
    void should_answer_a_refused_stream_request_with_an_sse_framed_400() throws Exception {
        HttpResponse<String> response = chat("{\"model\":\"qwen-plus\",\"stream\":true,\"tool_choice\":\"required\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        assertThat(response.body()).startsWith("data: {\"error\":{");
        JsonNode event =
                JSON.readTree(response.body().substring("data: ".length()).strip());
        assertThat(event.at("/error/code").asText()).isEqualTo("invalid_parameter_error");
        assertThat(event.path("id").asText())
                .isEqualTo("chatcmpl-"
                        + response.headers().firstValue("x-request-id").orElseThrow());
        assertThat(event.has("request_id")).isFalse();
    }

    @Test
    void should_send_scripted_native_errors_in_the_flat_shape() throws Exception {
        server.enqueue(MockReply.nativeError(
                429, "Throttling.RateQuota", "Requests rate limit exceeded, please try again later."));

        HttpResponse<String> response = chat(request("qwen-plus", ""));

        assertThat(response.statusCode()).isEqualTo(429);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("code").asText()).isEqualTo("Throttling.RateQuota");
        assertThat(body.path("message").asText()).isEqualTo("Requests rate limit exceeded, please try again later.");
        assertThat(body.path("request_id").asText())
                .isEqualTo(response.headers().firstValue("x-request-id").orElseThrow());
    }

    @Test
    void should_end_a_stream_with_a_native_error_event() throws Exception {
        server.enqueue(
                MockReply.nativeErrorMidStream("Partial", 429, "Throttling.RateQuota", "Requests rate limit exceeded"));

        HttpResponse<String> response = chat(request("qwen-plus", ",\"stream\":true"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("Partial").doesNotContain("[DONE]");
        String last = response.body().strip().substring(response.body().strip().lastIndexOf("data: ") + 6);
        assertThat(JSON.readTree(last).path("code").asText()).isEqualTo("Throttling.RateQuota");
    }
}
