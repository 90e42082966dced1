package io.github.qwenlangchain4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** QwenMockServer on its own, spoken to with the JDK's HTTP client. */
class QwenMockServerTest extends MockServerHttpSupport {

    /** A POST with the given key, or none when {@code key} is null. */
    private HttpResponse<String> post(String path, String body, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<JsonNode> events(String sse) throws IOException {
        List<JsonNode> events = new ArrayList<>();
        for (String line : sse.split("\n")) {
            if (line.startsWith("data: ") && !line.equals("data: [DONE]")) {
                events.add(JSON.readTree(line.substring(6)));
            }
        }
        return events;
    }

    // ---- chat

    @Test
    void should_answer_offline_by_default_echoing_the_question_and_system_prompt() throws Exception {
        HttpResponse<String> response = chat("""
                {"model":"qwen-plus","messages":[{"role":"system","content":"Be brief."},
                 {"role":"user","content":"What is RAG?"}]}""");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-request-id")).isPresent();
        JsonNode body = JSON.readTree(response.body());
        String content = body.at("/choices/0/message/content").asText();
        assertThat(content).contains("offline").contains("What is RAG?").contains("Be brief.");
        assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(body.get("id").asText())
                .isEqualTo("chatcmpl-"
                        + response.headers().firstValue("x-request-id").get());
        assertThat(body.at("/usage/total_tokens").asInt()).isPositive();
    }

    @Test
    void should_stream_thinking_then_text_with_usage_and_done() throws Exception {
        server.enqueue(MockReply.thinkingThenText("Let me think about the sky.", "Rayleigh scattering makes it blue."));

        HttpResponse<String> response = chat("""
                {"model":"qwen-plus","enable_thinking":true,"stream":true,"stream_options":{"include_usage":true},
                 "messages":[{"role":"user","content":"Why is the sky blue?"}]}""");

        assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
        assertThat(response.body()).endsWith("data: [DONE]\n\n");
        List<JsonNode> events = events(response.body());
        StringBuilder thinking = new StringBuilder();
        StringBuilder text = new StringBuilder();
        for (JsonNode event : events) {
            JsonNode delta = event.at("/choices/0/delta");
            if (delta.hasNonNull("reasoning_content")) {
                assertThat(delta.get("content").isNull()).isTrue();
                thinking.append(delta.get("reasoning_content").asText());
            } else if (delta.hasNonNull("content")) {
                text.append(delta.get("content").asText());
            }
        }
        assertThat(thinking.toString()).isEqualTo("Let me think about the sky.");
        assertThat(text.toString()).isEqualTo("Rayleigh scattering makes it blue.");
        assertThat(events.size()).isGreaterThan(5);
        JsonNode last = events.get(events.size() - 1);
        assertThat(last.get("choices")).isEmpty();
        assertThat(last.at("/usage/completion_tokens_details/reasoning_tokens").asInt())
                .isPositive();
    }

    @Test
    void should_stream_tool_calls_as_qwen_does() throws Exception {
        server.enqueue(MockReply.toolCalls(new MockReply.ToolCall("get_weather", "{\"city\":\"Hangzhou\"}")));

        List<JsonNode> events = events(chat("""
                {"model":"qwen-plus","stream":true,"messages":[{"role":"user","content":"Weather?"}],
                 "tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object"}}}]}""").body());

        List<JsonNode> fragments = new ArrayList<>();
        String finishReason = null;
        for (JsonNode event : events) {
            event.at("/choices/0/delta/tool_calls").forEach(fragments::add);
            if (event.at("/choices/0/finish_reason").isTextual()) {
                finishReason = event.at("/choices/0/finish_reason").asText();
                assertThat(event.at("/choices/0/delta").isEmpty())
                        .as("finish_reason comes in a chunk of its own")
                        .isTrue();
            }
        }
        assertThat(fragments).hasSize(3);
        assertThat(fragments.get(0).get("id").asText()).startsWith("call_");
        assertThat(fragments.get(0).at("/function/name").asText()).isEqualTo("get_weather");
        assertThat(fragments.get(1).get("id").asText()).isEmpty();
        assertThat(fragments.get(2).at("/function/arguments").asText()).isEmpty();
        assertThat(fragments.get(0).at("/function/arguments").asText()
                        + fragments.get(1).at("/function/arguments").asText())
                .isEqualTo("{\"city\":\"Hangzhou\"}");
        assertThat(finishReason).isEqualTo("tool_calls");
    }

    @Test
    void should_call_the_first_offered_tool_by_default_then_report_its_result() throws Exception {
        String tools =
                "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"add\",\"parameters\":{\"type\":\"object\","
                        + "\"properties\":{\"a\":{\"type\":\"integer\"},\"label\":{\"type\":\"string\"}}}}}]";
        JsonNode first = JSON.readTree(
                chat("{\"model\":\"qwen-plus\",\"messages\":[{\"role\":\"user\",\"content\":\"add\"}]," + tools + "}")
                        .body());
        JsonNode call = first.at("/choices/0/message/tool_calls/0");
        assertThat(call.at("/function/name").asText()).isEqualTo("add");
        assertThat(JSON.readTree(call.at("/function/arguments").asText())
                        .get("a")
                        .asInt())
                .isEqualTo(1);

        JsonNode second =
                JSON.readTree(chat("{\"model\":\"qwen-plus\",\"messages\":[{\"role\":\"user\",\"content\":\"add\"},"
                                + "{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[" + call + "]},"
                                + "{\"role\":\"tool\",\"tool_call_id\":\""
                                + call.get("id").asText() + "\",\"name\":\"add\",\"content\":\"42\"}],"
                                + tools + "}")
                        .body());
        assertThat(second.at("/choices/0/message/content").asText())
                .contains("add")
                .contains("42");
    }

    @Test
    void should_serve_queued_replies_in_order_and_record_requests() throws Exception {
        server.enqueue(MockReply.text("one")).enqueue(MockReply.text("two"));

        String a = JSON.readTree(chat("{\"model\":\"qwen-plus\",\"messages\":[{\"role\":\"user\",\"content\":\"1\"}]}")
                        .body())
                .at("/choices/0/message/content")
                .asText();
        String b = JSON.readTree(chat("{\"model\":\"qwen-plus\",\"messages\":[{\"role\":\"user\",\"content\":\"2\"}]}")
                        .body())
                .at("/choices/0/message/content")
                .asText();

        assertThat(List.of(a, b)).containsExactly("one", "two");
        assertThat(server.requests()).hasSize(2);
        assertThat(server.requests().get(1).json().at("/messages/0/content").asText())
                .isEqualTo("2");
        assertThat(server.requests().get(0).header("Authorization")).isEqualTo("Bearer " + server.apiKey());
        assertThat(server.requests().get(0).path()).isEqualTo("/compatible-mode/v1/chat/completions");
    }

    @Test
    void should_send_a_queued_error_with_qwens_body() throws Exception {
        server.enqueue(MockReply.error(429, "limit_requests", "Requests rate limit exceeded"));

        HttpResponse<String> response =
                chat("{\"model\":\"qwen-plus\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");

        assertThat(response.statusCode()).isEqualTo(429);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.at("/error/code").asText()).isEqualTo("limit_requests");
        assertThat(body.get("request_id").asText())
                .isEqualTo(response.headers().firstValue("x-request-id").get());
    }

    @Test
    void should_end_a_stream_with_an_in_stream_error() throws Exception {
        server.enqueue(MockReply.errorMidStream("partial ", "data_inspection_failed", "Output may be inappropriate"));

        HttpResponse<String> response = chat("""
                {"model":"qwen-plus","stream":true,"messages":[{"role":"user","content":"x"}]}""");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).doesNotContain("[DONE]");
        List<JsonNode> events = events(response.body());
        assertThat(events.get(events.size() - 1).at("/error/code").asText()).isEqualTo("data_inspection_failed");
    }

    @Test
    void should_delay_a_reply_and_drop_a_connection() throws Exception {
        server.enqueue(MockReply.text("late").withDelay(Duration.ofMillis(300)));
        long start = System.nanoTime();
        chat("{\"model\":\"qwen-plus\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));

        server.enqueue(MockReply.dropConnection());
        assertThatThrownBy(() -> chat("{\"model\":\"qwen-plus\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"))
                .isInstanceOf(IOException.class);
    }

    // ---- what Qwen refuses

    @Test
    void should_refuse_a_missing_or_wrong_key() throws Exception {
        String body = "{\"model\":\"qwen-plus\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}";
        HttpResponse<String> missing = post("/chat/completions", body, null);
        HttpResponse<String> wrong = post("/chat/completions", body, "sk-wrong");

        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(wrong.body()).at("/error/code").asText()).isEqualTo("invalid_api_key");
    }

    @Test
    void should_refuse_what_qwen_refuses_in_chat() throws Exception {
        assertRefused(
                "{\"model\":\"qwen-plus\",\"tool_choice\":\"required\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}",
                "tool_choice");
        assertRefused(
                "{\"model\":\"qwen3-32b\",\"enable_thinking\":true,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}",
                "parameter.enable_thinking must be set to false for non-streaming calls");
        assertRefused(
                "{\"model\":\"qwen3-32b\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}",
                "parameter.enable_thinking must be set to false for non-streaming calls");
        assertRefused(
                "{\"model\":\"qwq-plus\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}",
                "only support stream mode");
        assertRefused(
                "{\"model\":\"qwen3-omni-flash\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}",
                "only support stream mode");
        assertRefused(
                "{\"model\":\"qwen-plus\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"},{\"role\":\"system\",\"content\":\"s\"}]}",
                "system message");
        assertRefused(
                "{\"model\":\"qwen-plus\",\"response_format\":{\"type\":\"json_object\"},\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}",
                "json");
        // and serves the same requests where Qwen would
        assertThat(
                        chat("{\"model\":\"qwen3-32b\",\"enable_thinking\":false,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")
                                .statusCode())
                .isEqualTo(200);
        assertThat(chat("{\"model\":\"qwq-plus\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")
                        .statusCode())
                .isEqualTo(200);
    }

    private void assertRefused(String body, String messagePart) throws Exception {
        HttpResponse<String> response = chat(body);
        assertThat(response.statusCode()).as(body).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).at("/error/message").asText()).contains(messagePart);
    }

    // ---- embeddings

    @Test
    void should_embed_deterministically_with_related_texts_closer() throws Exception {
        HttpResponse<String> response = post("/embeddings", """
                {"model":"text-embedding-v4","dimensions":256,"input":["the cat sat on the mat",
                 "a cat sat on a mat","quarterly revenue grew by ten percent"]}""", server.apiKey());

        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("data")).hasSize(3);
        float[][] vectors = new float[3][];
        for (int i = 0; i < 3; i++) {
            JsonNode vector = body.at("/data/" + i + "/embedding");
            assertThat(vector).hasSize(256);
            assertThat(body.at("/data/" + i + "/index").asInt()).isEqualTo(i);
            vectors[i] = new float[256];
            for (int j = 0; j < 256; j++) {
                vectors[i][j] = (float) vector.get(j).asDouble();
            }
        }
        assertThat(cosine(vectors[0], vectors[1])).isGreaterThan(cosine(vectors[0], vectors[2]) + 0.3);
        assertThat(body.at("/usage/total_tokens").asInt()).isPositive();
        String again = post(
                        "/embeddings",
                        "{\"model\":\"text-embedding-v4\",\"dimensions\":256,\"input\":[\"the cat sat on the mat\"]}",
                        server.apiKey())
                .body();
        assertThat(JSON.readTree(again).at("/data/0/embedding")).isEqualTo(body.at("/data/0/embedding"));
    }

    @Test
    void should_refuse_too_many_inputs_and_invalid_dimensions() throws Exception {
        StringBuilder eleven = new StringBuilder("[");
        for (int i = 0; i < 11; i++) {
            eleven.append(i == 0 ? "" : ",").append("\"text ").append(i).append('"');
        }
        eleven.append(']');
        HttpResponse<String> tooMany =
                post("/embeddings", "{\"model\":\"text-embedding-v4\",\"input\":" + eleven + "}", server.apiKey());
        HttpResponse<String> v2 =
                post("/embeddings", "{\"model\":\"text-embedding-v2\",\"input\":" + eleven + "}", server.apiKey());
        HttpResponse<String> badDimension = post(
                "/embeddings",
                "{\"model\":\"text-embedding-v3\",\"dimensions\":2048,\"input\":[\"x\"]}",
                server.apiKey());

        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(tooMany.body()).contains("should not be larger than 10");
        assertThat(v2.statusCode()).isEqualTo(200);
        assertThat(badDimension.statusCode()).isEqualTo(400);
        assertThat(badDimension.body()).contains("[1024, 768, 512]");
    }

    // ---- lifecycle

    @Test
    void should_free_its_port_on_close() throws Exception {
        String baseUrl = server.baseUrl();
        server.close();

        assertThatThrownBy(() -> HTTP.send(
                        HttpRequest.newBuilder(URI.create(baseUrl + "/chat/completions"))
                                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(ConnectException.class);
        assertThat(baseUrl).startsWith("http://127.0.0.1:").endsWith("/compatible-mode/v1");
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
