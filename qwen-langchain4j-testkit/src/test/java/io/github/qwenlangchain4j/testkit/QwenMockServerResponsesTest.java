package io.github.qwenlangchain4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The mock's Responses API answers as Qwen's new path does. Shapes: the "Create a response" and "Retrieve a response"
 * references (https://help.aliyun.com/zh/model-studio/qwen-api-via-openai-responses,
 * https://www.alibabacloud.com/help/en/model-studio/qwen-api-via-openai-responses), a real qwen3.8-max response
 * (fields, {@code resp_} and {@code msg_} ids) and real probes of {@code /compatible-mode/v1/responses}
 * (github.com/yobo2u/omugw docs/research/2026-09-27-dashscope-compatible-responses-endpoint.md: store default true,
 * {@code previous_response_id} recall with growing {@code input_tokens}, "Not found previous_response_id" after
 * {@code store: false}); built-in tool items from the references' {@code output_item.done} examples.
 */
class QwenMockServerResponsesTest extends ResponsesHttpSupport {

    @Test
    void should_answer_a_text_input_with_a_response_object_like_qwens() throws Exception {
        HttpResponse<String> http = responses("{\"model\":\"qwen-plus\",\"input\":\"What is RAG?\"}");

        JsonNode response = ok(http);
        assertThat(http.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.path("id").asText()).matches("resp_[0-9a-f-]{36}");
        assertThat(response.path("object").asText()).isEqualTo("response");
        assertThat(response.path("status").asText()).isEqualTo("completed");
        assertThat(response.path("model").asText()).isEqualTo("qwen-plus");
        assertThat(response.path("created_at").asLong()).isBetween(1_700_000_000L, 4_000_000_000L);
        assertThat(response.path("store").asBoolean()).isTrue();
        assertThat(response.path("output")).hasSize(1); // qwen-plus does not think by default
        JsonNode message = response.path("output").get(0);
        assertThat(message.path("id").asText()).startsWith("msg_");
        assertThat(message.path("role").asText()).isEqualTo("assistant");
        assertThat(message.at("/content/0/type").asText()).isEqualTo("output_text");
        assertThat(message.at("/content/0/text").asText()).contains("offline").contains("What is RAG?");
        JsonNode usage = response.path("usage");
        assertThat(usage.path("input_tokens").asInt()).isPositive();
        assertThat(usage.path("total_tokens").asInt())
                .isEqualTo(usage.path("input_tokens").asInt()
                        + usage.path("output_tokens").asInt());
        assertThat(usage.at("/input_tokens_details/cached_tokens").asInt()).isZero();
        assertThat(usage.at("/output_tokens_details/reasoning_tokens").asInt()).isZero();
        assertThat(usage.at("/x_details/0/x_billing_type").asText()).isEqualTo("response_api");
        assertThat(usage.has("x_tools")).isFalse();
    }

    @Test
    void should_carry_every_field_of_qwens_documented_retrieved_response() throws Exception {
        JsonNode documented = JSON.readTree(fixture("response_retrieve_doc.json"));
        JsonNode response = responsesJson("{\"model\":\"qwen-plus\",\"input\":\"hi\"}");

        List<String> missing = new ArrayList<>();
        documented.fieldNames().forEachRemaining(name -> {
            if (!response.has(name)) {
                missing.add(name);
            }
        });
        assertThat(missing).isEmpty();
    }

    @Test
    void should_echo_instructions_tools_and_parameters() throws Exception {
        JsonNode response = responsesJson("""
                {"model":"qwen-plus","input":[{"role":"user","content":[{"type":"input_text","text":"Hello"}]}],
                 "instructions":"Answer like a pirate.","temperature":0.3,"metadata":{"k":"v"},"store":true}""");

        assertThat(response.path("instructions").asText()).isEqualTo("Answer like a pirate.");
        assertThat(response.path("temperature").asDouble()).isEqualTo(0.3);
        assertThat(response.at("/metadata/k").asText()).isEqualTo("v");
        assertThat(messageText(response)).contains("Hello").contains("Answer like a pirate.");
    }

    @Test
    void should_add_a_reasoning_item_while_the_model_thinks() throws Exception {
        JsonNode byDefault = responsesJson("{\"model\":\"qwen3.5-plus\",\"input\":\"Why is the sky blue?\"}");
        JsonNode switchedOn =
                responsesJson("{\"model\":\"qwen-plus\",\"input\":\"Why is the sky blue?\",\"enable_thinking\":true}");
        JsonNode switchedOff =
                responsesJson("{\"model\":\"qwen3.5-plus\",\"input\":\"Why?\",\"reasoning\":{\"effort\":\"none\"}}");

        for (JsonNode response : List.of(byDefault, switchedOn)) {
            JsonNode reasoning = response.path("output").get(0);
            assertThat(reasoning.path("type").asText()).isEqualTo("reasoning");
            assertThat(reasoning.at("/summary/0/type").asText()).isEqualTo("summary_text");
            assertThat(reasoning.at("/summary/0/text").asText()).contains("Why is the sky blue?");
            assertThat(response.path("output").get(1).path("type").asText()).isEqualTo("message");
            assertThat(response.at("/usage/output_tokens_details/reasoning_tokens")
                            .asInt())
                    .isPositive();
        }
        assertThat(switchedOff.path("output")).hasSize(1);
    }

    @Test
    void should_call_the_function_that_fits_the_question_with_arguments_from_its_schema() throws Exception {
        JsonNode response = responsesJson("""
                {"model":"qwen-plus","input":"Convert 21.5 degrees to fahrenheit",
                 "tools":[{"type":"function","name":"get_weather","description":"Weather of a city",
                           "parameters":{"type":"object","properties":{"city":{"type":"string"}}}},
                          {"type":"function","name":"convert_temperature","description":"Convert degrees",
                           "parameters":{"type":"object","properties":{"celsius":{"type":"number"}},
                                         "required":["celsius"]}}]}""");

        assertThat(response.path("output")).hasSize(1);
        JsonNode call = response.path("output").get(0);
        assertThat(call.path("type").asText()).isEqualTo("function_call");
        assertThat(call.path("name").asText()).isEqualTo("convert_temperature");
        assertThat(call.path("call_id").asText()).startsWith("call_");
        assertThat(call.path("status").asText()).isEqualTo("completed");
        assertThat(JSON.readTree(call.path("arguments").asText())
                        .path("celsius")
                        .asDouble())
                .isEqualTo(21.5);
    }

    /** The round trip of Model Studio's function-calling example (fixture request_function_call_roundtrip.json). */
    @Test
    void should_answer_with_the_tool_output_after_a_function_call_output() throws Exception {
        JsonNode response = responsesJson(fixture("request_function_call_roundtrip.json"));

        assertThat(response.path("output"))
                .allSatisfy(item -> assertThat(item.path("type").asText()).isNotEqualTo("function_call"));
        assertThat(messageText(response))
                .contains("get_current_weather")
                .contains("Today in Beijing, the weather is sunny.");
    }

    @Test
    void should_not_call_a_function_when_tool_choice_is_none_and_call_the_allowed_one() throws Exception {
        String tools =
                "\"tools\":[{\"type\":\"function\",\"name\":\"a_tool\"},{\"type\":\"function\",\"name\":\"b_tool\"}]";
        JsonNode none =
                responsesJson("{\"model\":\"qwen-plus\",\"input\":\"hi\"," + tools + ",\"tool_choice\":\"none\"}");
        JsonNode allowed = responsesJson(
                "{\"model\":\"qwen-plus\",\"input\":\"hi\"," + tools + ",\"tool_choice\":"
                        + "{\"type\":\"allowed_tools\",\"mode\":\"required\",\"tools\":[{\"type\":\"function\",\"name\":\"b_tool\"}]}}");

        assertThat(none.path("output").get(0).path("type").asText()).isEqualTo("message");
        assertThat(allowed.path("output").get(0).path("name").asText()).isEqualTo("b_tool");
    }

    @Test
    void should_run_web_search_with_canned_sources_and_mention_them() throws Exception {
        JsonNode response = responsesJson("{\"model\":\"qwen-plus\",\"input\":\"Weather in Hangzhou today?\","
                + "\"tools\":[{\"type\":\"web_search\"}]}");

        JsonNode call = itemOfType(response, "web_search_call");
        assertThat(call.path("id").asText()).startsWith("msg_");
        assertThat(call.path("status").asText()).isEqualTo("completed");
        assertThat(call.at("/action/type").asText()).isEqualTo("search");
        assertThat(call.at("/action/query").asText()).isEqualTo("Web search");
        assertThat(call.at("/action/queries/0").asText()).isEqualTo("Weather in Hangzhou today?");
        JsonNode sources = call.at("/action/sources");
        assertThat(sources).hasSize(2);
        assertThat(sources.get(0).path("type").asText()).isEqualTo("url");
        assertThat(messageText(response)).contains(sources.get(0).path("url").asText());
        assertThat(response.at("/usage/x_tools/web_search/count").asInt()).isEqualTo(1);
    }

    @Test
    void should_compute_simple_sums_in_the_code_interpreter() throws Exception {
        JsonNode cubed = responsesJson("{\"model\":\"qwen3-max\",\"input\":\"What is 12 cubed?\","
                + "\"tools\":[{\"type\":\"code_interpreter\"}],\"enable_thinking\":true}");
        JsonNode times = responsesJson(
                "{\"model\":\"qwen-plus\",\"input\":\"7 times 6\"," + "\"tools\":[{\"type\":\"code_interpreter\"}]}");

        JsonNode call = itemOfType(cubed, "code_interpreter_call");
        assertThat(call.path("code").asText()).isEqualTo("print(12 ** 3)");
        assertThat(call.at("/outputs/0/type").asText()).isEqualTo("logs");
        assertThat(call.at("/outputs/0/logs").asText()).isEqualTo("1728\n");
        assertThat(messageText(cubed)).contains("1728");
        assertThat(cubed.at("/usage/x_tools/code_interpreter/count").asInt()).isEqualTo(1);
        assertThat(itemOfType(times, "code_interpreter_call")
                        .at("/outputs/0/logs")
                        .asText())
                .isEqualTo("42\n");
    }

    @Test
    void should_run_web_extractor_on_the_url_in_the_question_while_thinking() throws Exception {
        JsonNode response = responsesJson("{\"model\":\"qwen3.5-plus\",\"input\":\"Summarise https://www.aliyun.com/\","
                + "\"tools\":[{\"type\":\"web_search\"},{\"type\":\"web_extractor\"}]}");

        JsonNode call = itemOfType(response, "web_extractor_call");
        assertThat(call.path("urls").get(0).asText()).isEqualTo("https://www.aliyun.com/");
        assertThat(call.path("goal").asText()).contains("Summarise");
        assertThat(call.path("output").asText()).contains("https://www.aliyun.com/");
        assertThat(response.at("/usage/x_tools/web_extractor/count").asInt()).isEqualTo(1);
    }

    @Test
    void should_answer_image_tools_with_their_json_string_arguments_and_outputs() throws Exception {
        JsonNode response = responsesJson("""
                {"model":"qwen3.5-plus","input":[{"role":"user","content":[{"type":"input_text","text":"Find cats"},
                 {"type":"input_image","image_url":"https://example.com/cat.png"}]}],
                 "tools":[{"type":"web_search_image"},{"type":"image_search"}]}""");

        JsonNode web = itemOfType(response, "web_search_image_call");
        assertThat(web.path("name").asText()).isEqualTo("web_search_image");
        assertThat(JSON.readTree(web.path("arguments").asText())
                        .path("queries")
                        .get(0)
                        .asText())
                .contains("Find cats");
        assertThat(JSON.readTree(web.path("output").asText()).get(0).path("url").asText())
                .startsWith("https://");
        JsonNode image = itemOfType(response, "image_search_call");
        assertThat(JSON.readTree(image.path("arguments").asText()).path("bbox")).hasSize(4);
        assertThat(JSON.readTree(image.path("output").asText())
                        .get(0)
                        .path("index")
                        .asInt())
                .isEqualTo(1);
        assertThat(response.at("/usage/x_tools/image_search/count").asInt()).isEqualTo(1);
    }

    @Test
    void should_remember_the_earlier_turn_through_previous_response_id() throws Exception {
        JsonNode first = responsesJson("{\"model\":\"qwen-plus\",\"input\":\"Hi, my name is Ada.\"}");
        JsonNode second = responsesJson("{\"model\":\"qwen-plus\",\"input\":\"What is my name?\","
                + "\"previous_response_id\":\"" + first.path("id").asText() + "\"}");

        assertThat(messageText(second)).contains("Your name is Ada.");
        assertThat(second.path("previous_response_id").asText())
                .isEqualTo(first.path("id").asText());
        assertThat(second.at("/usage/input_tokens").asInt())
                .isGreaterThan(first.at("/usage/input_tokens").asInt());
    }

    @Test
    void should_not_find_a_response_created_with_store_false() throws Exception {
        JsonNode unstored = responsesJson("{\"model\":\"qwen-plus\",\"input\":\"hi\",\"store\":false}");
        String id = unstored.path("id").asText();

        HttpResponse<String> chained =
                responses("{\"model\":\"qwen-plus\",\"input\":\"again\"," + "\"previous_response_id\":\"" + id + "\"}");
        HttpResponse<String> retrieved = send("GET", "/responses/" + id, null, null);

        assertThat(unstored.path("store").asBoolean()).isFalse();
        assertThat(chained.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(chained.body()).path("message").asText())
                .isEqualTo("Not found previous_response_id: " + id);
        assertThat(retrieved.statusCode()).isEqualTo(404);
    }

    @Test
    void should_retrieve_list_input_items_of_and_delete_a_stored_response() throws Exception {
        JsonNode created = responsesJson("""
                {"model":"qwen-plus","input":[{"role":"system","content":"Be brief."},
                 {"role":"user","content":"One"},{"role":"user","content":"Two"}]}""");
        String id = created.path("id").asText();

        JsonNode retrieved = ok(send("GET", "/responses/" + id, null, null));
        JsonNode items = ok(send("GET", "/responses/" + id + "/input_items", null, null));
        JsonNode ascending = ok(send("GET", "/responses/" + id + "/input_items?order=asc&limit=2", null, null));
        JsonNode deleted = ok(send("DELETE", "/responses/" + id, null, null));

        assertThat(retrieved).isEqualTo(created);
        assertThat(items.path("object").asText()).isEqualTo("list");
        assertThat(items.path("data")).hasSize(3);
        assertThat(items.at("/data/0/content/0/text").asText()).isEqualTo("Two"); // desc by default
        assertThat(items.at("/data/0/id").asText())
                .startsWith("msg_")
                .isEqualTo(items.path("first_id").asText());
        assertThat(items.at("/data/0/status").asText()).isEqualTo("completed");
        assertThat(items.path("has_more").asBoolean()).isFalse();
        assertThat(ascending.path("data")).hasSize(2);
        assertThat(ascending.at("/data/0/content/0/text").asText()).isEqualTo("Be brief.");
        assertThat(ascending.path("has_more").asBoolean()).isTrue();
        assertThat(deleted.path("deleted").asBoolean()).isTrue();
        assertThat(send("GET", "/responses/" + id, null, null).statusCode()).isEqualTo(404);
    }

    @Test
    void should_serve_the_same_api_under_the_legacy_base_url() throws Exception {
        assertThat(server.responsesBaseUrl()).isEqualTo(server.baseUrl());
        assertThat(server.legacyResponsesBaseUrl()).endsWith("/api/v2/apps/protocols/compatible-mode/v1");
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.legacyResponsesBaseUrl() + "/responses"))
                .header("Authorization", "Bearer " + server.apiKey())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"qwen3-max\",\"input\":\"hi\"}"))
                .build();

        JsonNode created = ok(HTTP.send(request, HttpResponse.BodyHandlers.ofString()));
        JsonNode retrieved = ok(send("GET", "/responses/" + created.path("id").asText(), null, null));

        assertThat(retrieved.path("id").asText()).isEqualTo(created.path("id").asText());
        assertThat(server.requests().get(0).path()).isEqualTo("/api/v2/apps/protocols/compatible-mode/v1/responses");
    }

    @Test
    void should_record_requests_with_their_headers() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/responses"))
                .header("Authorization", "Bearer " + server.apiKey())
                .header("x-dashscope-session-cache", "enable")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"qwen-plus\",\"input\":\"hi\"}"))
                .build();

        HTTP.send(request, HttpResponse.BodyHandlers.ofString());

        RecordedRequest recorded = server.requests().get(0);
        assertThat(recorded.method()).isEqualTo("POST");
        assertThat(recorded.path()).isEqualTo("/compatible-mode/v1/responses");
        assertThat(recorded.header("x-dashscope-session-cache")).isEqualTo("enable");
        assertThat(recorded.json().path("input").asText()).isEqualTo("hi");
    }

    /** Session cache: creation from 1024 tokens, a hit on the next chained turn (context-cache page). */
    @Test
    void should_report_session_cache_creation_then_a_hit_with_the_header() throws Exception {
        String longText = "word ".repeat(1200);
        HttpRequest first = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/responses"))
                .header("Authorization", "Bearer " + server.apiKey())
                .header("x-dashscope-session-cache", "enable")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"qwen-plus\",\"input\":\"" + longText + "\"}"))
                .build();
        JsonNode created = ok(HTTP.send(first, HttpResponse.BodyHandlers.ofString()));
        HttpRequest second = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/responses"))
                .header("Authorization", "Bearer " + server.apiKey())
                .header("x-dashscope-session-cache", "enable")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"qwen-plus\",\"input\":\"And?\","
                        + "\"previous_response_id\":\"" + created.path("id").asText() + "\"}"))
                .build();
        JsonNode hit = ok(HTTP.send(second, HttpResponse.BodyHandlers.ofString()));

        assertThat(created.at("/usage/input_tokens").asInt()).isGreaterThanOrEqualTo(1024);
        assertThat(created.at("/usage/x_details/0/prompt_tokens_details/cache_creation_input_tokens")
                        .asInt())
                .isEqualTo(created.at("/usage/input_tokens").asInt());
        assertThat(created.at("/usage/x_details/0/prompt_tokens_details/cache_type")
                        .asText())
                .isEqualTo("ephemeral");
        assertThat(hit.at("/usage/input_tokens_details/cached_tokens").asInt())
                .isEqualTo(created.at("/usage/input_tokens").asInt());
    }

    @Test
    void should_stop_at_max_output_tokens_with_status_incomplete() throws Exception {
        JsonNode response = responsesJson(
                "{\"model\":\"qwen-plus\",\"input\":\"Tell me a long story\"," + "\"max_output_tokens\":16}");

        assertThat(response.path("status").asText()).isEqualTo("incomplete");
        assertThat(response.at("/incomplete_details/reason").asText()).isEqualTo("max_output_tokens");
        assertThat(response.at("/usage/output_tokens").asInt()).isEqualTo(16);
        assertThat(messageText(response)).hasSizeLessThanOrEqualTo(64);
    }

    @Test
    void should_answer_with_a_queued_reply() throws Exception {
        server.enqueue(MockReply.thinkingThenText("Hmm.", "Scripted answer"));
        server.enqueue(MockReply.toolCalls(new MockReply.ToolCall("get_weather", "{\"city\":\"Hangzhou\"}")));
        server.enqueue(MockReply.nativeError(429, "Throttling.RateQuota", "Requests rate limit exceeded."));

        JsonNode text = responsesJson("{\"model\":\"qwen-plus\",\"input\":\"hi\"}");
        JsonNode call = responsesJson("{\"model\":\"qwen-plus\",\"input\":\"hi\"}");
        HttpResponse<String> error = responses("{\"model\":\"qwen-plus\",\"input\":\"hi\"}");

        assertThat(text.at("/output/0/summary/0/text").asText()).isEqualTo("Hmm.");
        assertThat(messageText(text)).isEqualTo("Scripted answer");
        assertThat(call.at("/output/0/type").asText()).isEqualTo("function_call");
        assertThat(call.at("/output/0/arguments").asText()).isEqualTo("{\"city\":\"Hangzhou\"}");
        assertThat(error.statusCode()).isEqualTo(429);
        JsonNode body = JSON.readTree(error.body());
        assertThat(body.path("code").asText()).isEqualTo("Throttling.RateQuota");
        assertThat(body.path("message").asText()).isEqualTo("Requests rate limit exceeded.");
        assertThat(body.path("request_id").asText()).isNotEmpty();
        assertThat(body.has("error")).isFalse();
    }
}
