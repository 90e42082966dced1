package io.github.qwenlangchain4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** With nothing queued, the mock answers structured-output requests with JSON that fits the schema asked for. */
class QwenMockServerStructuredOutputTest extends MockServerHttpSupport {

    private JsonNode answer(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(
                JSON.readTree(response.body()).at("/choices/0/message/content").asText());
    }

    @Test
    void should_fit_a_schema_sent_as_a_system_instruction() throws Exception {
        HttpResponse<String> response = chat("""
                {"model":"qwen-plus","response_format":{"type":"json_object"},"messages":[
                 {"role":"system","content":"Respond with a single valid JSON object and nothing else. The JSON must \
                conform to this JSON schema:\\n{\\"type\\":\\"object\\",\\"properties\\":{\\"name\\":{\\"type\\":\
                \\"string\\"},\\"age\\":{\\"type\\":\\"integer\\"},\\"height\\":{\\"type\\":\\"number\\"},\
                \\"tags\\":{\\"type\\":\\"array\\",\\"items\\":{\\"type\\":\\"string\\"}},\\"mood\\":{\\"type\\":\
                \\"string\\",\\"enum\\":[\\"HAPPY\\",\\"SAD\\"]},\\"address\\":{\\"type\\":\\"object\\",\
                \\"properties\\":{\\"city\\":{\\"type\\":\\"string\\"}}},\\"alive\\":{\\"type\\":\\"boolean\\"}}}"},
                 {"role":"user","content":"Ada Lovelace died aged 36, 1.65 m tall."}]}""");

        JsonNode answer = answer(response);

        assertThat(answer.path("name").asText()).isEqualTo("offline");
        assertThat(answer.path("age").asInt()).isEqualTo(36);
        assertThat(answer.path("height").asDouble()).isEqualTo(1.65);
        assertThat(answer.path("tags").isArray()).isTrue();
        assertThat(answer.path("mood").asText()).isEqualTo("HAPPY");
        assertThat(answer.at("/address/city").asText()).isEqualTo("offline");
        assertThat(answer.path("alive").isBoolean()).isTrue();
    }

    @Test
    void should_fit_a_json_schema_response_format() throws Exception {
        HttpResponse<String> response = chat("""
                {"model":"qwen-plus","response_format":{"type":"json_schema","json_schema":{"name":"p","schema":
                 {"type":"object","properties":{"count":{"type":"integer"}}}}},
                 "messages":[{"role":"user","content":"Count to 3 in JSON"}]}""");

        assertThat(answer(response).path("count").asInt()).isEqualTo(3);
    }

    @Test
    void should_keep_the_answer_object_for_json_mode_without_a_schema() throws Exception {
        HttpResponse<String> response = chat("""
                {"model":"qwen-plus","response_format":{"type":"json_object"},
                 "messages":[{"role":"user","content":"Reply in JSON"}]}""");

        assertThat(answer(response).path("answer").asText()).contains("offline");
    }

    @Test
    void should_take_tool_arguments_from_the_numbers_of_the_question() throws Exception {
        HttpResponse<String> response = chat("""
                {"model":"qwen-plus","tools":[{"type":"function","function":{"name":"celsiusToFahrenheit",
                 "parameters":{"type":"object","properties":{"celsius":{"type":"number"}}}}}],
                 "messages":[{"role":"user","content":"What is 21.5 degrees Celsius in Fahrenheit?"}]}""");

        JsonNode call = JSON.readTree(response.body()).at("/choices/0/message/tool_calls/0/function");
        assertThat(call.path("name").asText()).isEqualTo("celsiusToFahrenheit");
        assertThat(JSON.readTree(call.path("arguments").asText())
                        .path("celsius")
                        .asDouble())
                .isEqualTo(21.5);
    }
}
