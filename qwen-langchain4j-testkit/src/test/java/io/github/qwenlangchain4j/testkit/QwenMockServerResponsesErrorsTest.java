package io.github.qwenlangchain4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The mock refuses Responses requests as Qwen does, in DashScope's flat {@code {request_id, code, message}} body with
 * Qwen's messages. Real probes of {@code /compatible-mode/v1/responses}: github.com/yobo2u/omugw
 * docs/research/2026-09-27-dashscope-compatible-responses-endpoint.md (401, 404 "Not support", 405, unsupported
 * model, mutually exclusive parameters, max_output_tokens, temperature, top_p, store, reasoning.effort, the
 * chat-style nested function tool); "Normal mode does not support web_extractor" from
 * https://github.com/CherryHQ/cherry-studio/pull/18349.
 */
class QwenMockServerResponsesErrorsTest extends ResponsesHttpSupport {

    private JsonNode refused(int status, String body) throws Exception {
        HttpResponse<String> response = responses(body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.path("request_id").asText()).isNotEmpty();
        assertThat(error.has("error")).isFalse();
        return error;
    }

    private HttpResponse<String> withKey(String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/responses"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"qwen-plus\",\"input\":\"hi\"}"));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void should_refuse_a_missing_or_wrong_key_with_invalid_api_key() throws Exception {
        HttpResponse<String> missing = withKey(null);
        HttpResponse<String> wrong = withKey("sk-wrong");

        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(missing.body()).path("code").asText()).isEqualTo("InvalidApiKey");
        assertThat(JSON.readTree(missing.body()).path("message").asText()).isEqualTo("No API-key provided.");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(wrong.body()).path("message").asText()).isEqualTo("Invalid API-key provided.");
    }

    /** Fixture error_400_unsupported_model_real.json. */
    @Test
    void should_refuse_an_unsupported_model() throws Exception {
        JsonNode real = JSON.readTree(fixture("error_400_unsupported_model_real.json"));

        JsonNode error = refused(400, "{\"model\":\"__no_such_model__\",\"input\":\"hi\"}");

        assertThat(error.path("code").asText()).isEqualTo(real.path("code").asText());
        assertThat(error.path("message").asText())
                .isEqualTo(real.path("message").asText());
        assertThat(refused(400, "{\"model\":\"text-embedding-v4\",\"input\":\"hi\"}")
                        .path("message")
                        .asText())
                .isEqualTo("Unsupported model: 'text-embedding-v4'");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "\"max_output_tokens\":1|Invalid 'max_output_tokens': must be greater than or equal to 16, got 1.",
                "\"temperature\":5|Invalid 'temperature': 5. Expected a value between [0,2), but got 5 instead.",
                "\"top_p\":9|Invalid 'top_p': 9. Expected a value between (0,1], but got 9 instead.",
                "\"store\":\"NOT_A_BOOL\"|Invalid 'store': NOT_A_BOOL. Must be a boolean.",
                "\"reasoning\":{\"effort\":\"bogus_level\"}|Invalid 'reasoning.effort': bogus_level. Supported values are:"
                        + " ('none','minimal','low','medium','high','xhigh','max').",
                "\"previous_response_id\":\"resp_1\",\"conversation\":\"conv_1\"|Mutually exclusive parameters: Ensure you"
                        + " are only providing one of: previous_response_id or conversation.",
                "\"previous_response_id\":\"resp_3cad0000-0000-0000-0000-000000000000\"|Not found previous_response_id:"
                        + " resp_3cad0000-0000-0000-0000-000000000000"
            })
    void should_refuse_invalid_parameters_with_qwens_messages(String parameter, String message) throws Exception {
        JsonNode error = refused(400, "{\"model\":\"qwen-plus\",\"input\":\"hi\"," + parameter + "}");

        assertThat(error.path("code").asText()).isEqualTo("InvalidParameter");
        assertThat(error.path("message").asText()).isEqualTo(message);
    }

    @Test
    void should_accept_parameters_at_the_edges_of_their_ranges() throws Exception {
        assertThat(responses("{\"model\":\"qwen-plus\",\"input\":\"hi\",\"max_output_tokens\":16,"
                                + "\"temperature\":0,\"top_p\":1}")
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void should_refuse_a_chat_style_nested_function_tool() throws Exception {
        JsonNode error = refused(
                400,
                "{\"model\":\"qwen-plus\",\"input\":\"hi\",\"tools\":[{\"type\":\"function\","
                        + "\"function\":{\"name\":\"get_weather\",\"parameters\":{\"type\":\"object\"}}}]}");

        assertThat(error.path("message").asText())
                .isEqualTo("<400> InternalError.Algo.InvalidParameter: The"
                        + " parameters, when provided as a dict, must confirm to a valid openai-compatible JSON...");
    }

    @Test
    void should_refuse_web_extractor_when_thinking_is_off() throws Exception {
        JsonNode error = refused(
                400,
                "{\"model\":\"qwen3.5-plus\",\"input\":\"hi\",\"enable_thinking\":false,"
                        + "\"tools\":[{\"type\":\"web_search\"},{\"type\":\"web_extractor\"}]}");

        assertThat(error.path("message").asText())
                .contains("InternalError.Algo.InvalidParameter: Normal mode does not support web_extractor");
    }

    @Test
    void should_refuse_get_on_the_create_path_with_405() throws Exception {
        HttpResponse<String> response = send("GET", "/responses", null, null);

        assertThat(response.statusCode()).isEqualTo(405);
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.path("code").asText()).isEqualTo("Method Not Allowed");
        assertThat(error.path("message").asText())
                .isEqualTo("Method 'GET' is not allowed for '/compatible-mode/v1/responses'.");
    }

    @Test
    void should_answer_unknown_sub_paths_with_not_support() throws Exception {
        for (String path : new String[] {"/responses/resp_1/cancel", "/responses/resp_1/input_items/x"}) {
            HttpResponse<String> response = send("POST", path, "application/json", "{}");

            assertThat(response.statusCode()).isEqualTo(404);
            JsonNode error = JSON.readTree(response.body());
            assertThat(error.path("code").asText()).isEqualTo("Not Found");
            assertThat(error.path("message").asText()).isEqualTo("Not support");
        }
        HttpRequest legacy = HttpRequest.newBuilder(URI.create(server.legacyResponsesBaseUrl() + "/whatever"))
                .header("Authorization", "Bearer " + server.apiKey())
                .GET()
                .build();
        assertThat(HTTP.send(legacy, HttpResponse.BodyHandlers.ofString()).body())
                .contains("Not support");
    }

    @Test
    void should_answer_an_unknown_response_id_with_the_documented_message() throws Exception {
        HttpResponse<String> response = send("GET", "/responses/resp_unknown/input_items", null, null);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(response.body()).path("message").asText())
                .isEqualTo("Response with id 'resp_unknown' not found.");
    }

    @Test
    void should_not_take_a_queued_reply_for_a_refused_request() throws Exception {
        server.enqueue(MockReply.text("kept"));

        refused(400, "{\"model\":\"qwen-plus\",\"input\":\"hi\",\"top_p\":0}");

        assertThat(messageText(responsesJson("{\"model\":\"qwen-plus\",\"input\":\"hi\"}")))
                .isEqualTo("kept");
    }
}
