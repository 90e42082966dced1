package io.github.qwenlangchain4j;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.service.AiServices;
import io.github.qwenlangchain4j.internal.json.Json;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** LangChain4j AI services on top of QwenChatModel, against a local mock of compatible mode. */
class QwenChatModelAiServicesTest extends QwenWireMockSupport {

    private QwenChatModel model;

    @BeforeEach
    void start() {
        model = QwenChatModel.builder()
                .apiKey("sk-test")
                .baseUrl(server.baseUrl())
                .build();
    }

    interface Assistant {
        String chat(String message);
    }

    static class Calculator {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Tool("Adds two integers")
        int add(int a, int b) {
            calls.add(a + "+" + b);
            return a + b;
        }
    }

    @Test
    void should_run_a_full_tool_loop_through_an_ai_service() throws Exception {
        // First turn: the model asks for the tool (Qwen adds a non-standard "index" to non-streaming tool calls).
        server.stubFor(post("/chat/completions").atPriority(10).willReturn(okJson("""
                {"id":"chatcmpl-1","model":"qwen-plus","created":1,
                 "choices":[{"index":0,"finish_reason":"tool_calls","message":{"role":"assistant","content":"",
                   "tool_calls":[{"index":0,"id":"call_1","type":"function",
                     "function":{"name":"add","arguments":"{\\"a\\": 2, \\"b\\": 3}"}}]}}],
                 "usage":{"prompt_tokens":20,"completion_tokens":10,"total_tokens":30}}""")));
        // Second turn, once the tool result is in the conversation: the final answer.
        server.stubFor(post("/chat/completions")
                .atPriority(1)
                .withRequestBody(containing("\"role\":\"tool\""))
                .willReturn(okJson("""
                {"id":"chatcmpl-2","model":"qwen-plus","created":2,
                 "choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"2 + 3 = 5"}}],
                 "usage":{"prompt_tokens":40,"completion_tokens":5,"total_tokens":45}}""")));
        Calculator calculator = new Calculator();
        Assistant assistant = AiServices.builder(Assistant.class)
                .chatModel(model)
                .tools(calculator)
                .build();

        String answer = assistant.chat("What is 2 + 3?");

        assertThat(answer).isEqualTo("2 + 3 = 5");
        assertThat(calculator.calls).containsExactly("2+3");
        List<LoggedRequest> requests = server.findAll(postRequestedFor(urlEqualTo("/chat/completions")));
        assertThat(requests).hasSize(2);
        JsonNode first = Json.MAPPER.readTree(requests.get(0).getBodyAsString());
        assertThat(first.at("/tools/0/function/name").asText()).isEqualTo("add");
        assertThat(first.at("/tools/0/function/parameters/properties/a/type").asText())
                .isEqualTo("integer");
        JsonNode second = Json.MAPPER.readTree(requests.get(1).getBodyAsString());
        JsonNode assistantTurn = second.at("/messages/1");
        assertThat(assistantTurn.get("role").asText()).isEqualTo("assistant");
        assertThat(assistantTurn.get("content").asText()).isEmpty();
        assertThat(assistantTurn.at("/tool_calls/0/id").asText()).isEqualTo("call_1");
        JsonNode toolTurn = second.at("/messages/2");
        assertThat(toolTurn.get("role").asText()).isEqualTo("tool");
        assertThat(toolTurn.get("tool_call_id").asText()).isEqualTo("call_1");
        assertThat(toolTurn.get("name").asText()).isEqualTo("add");
        assertThat(toolTurn.get("content").asText()).isEqualTo("5");
    }

    record Person(String name, int age) {}

    interface Extractor {
        Person extract(String text);
    }

    @Test
    void should_return_a_java_record_through_structured_output() throws Exception {
        server.stubFor(post("/chat/completions").willReturn(okJson("""
                {"id":"chatcmpl-3","model":"qwen-plus","created":3,
                 "choices":[{"index":0,"finish_reason":"stop",
                   "message":{"role":"assistant","content":"{\\"name\\": \\"Ada Lovelace\\", \\"age\\": 36}"}}]}""")));
        Extractor extractor = AiServices.create(Extractor.class, model);

        Person person = extractor.extract("Ada Lovelace died aged 36.");

        assertThat(person).isEqualTo(new Person("Ada Lovelace", 36));
        JsonNode request = Json.MAPPER.readTree(server.findAll(postRequestedFor(urlEqualTo("/chat/completions")))
                .get(0)
                .getBodyAsString());
        // The schema travels as json_object plus an instruction, which every Qwen model accepts.
        assertThat(request.at("/response_format/type").asText()).isEqualTo("json_object");
        JsonNode system = request.at("/messages/0");
        assertThat(system.get("role").asText()).isEqualTo("system");
        assertThat(system.get("content").asText())
                .contains("JSON schema")
                .contains("\"age\"")
                .contains("\"name\"");
    }
}
