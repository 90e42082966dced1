package io.github.qwenlangchain4j.responses;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.service.AiServices;
import io.github.qwenlangchain4j.Fixtures;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * An AI service with a {@code @Tool} and Qwen's web search through the Responses API, offline: the first answer is a
 * function call (Qwen's {@code function_call} output item), the service runs the tool, and the second request carries
 * the call and its {@code function_call_output} right after it, with the built-in tool still listed.
 */
class QwenResponsesAiServicesTest extends ResponsesWireMockSupport {

    interface Assistant {
        String chat(String message);
    }

    static class Weather {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Tool("Get weather information for a specified city")
        String get_weather(String city) {
            calls.add(city);
            return "31 degrees and sunny in " + city;
        }
    }

    @Test
    void a_tool_call_round_trips_beside_web_search_with_chat_memory() throws Exception {
        server.stubFor(post(RESPONSES_PATH)
                .atPriority(10)
                .willReturn(okJson(Fixtures.read("responses/response_function_call.json"))));
        server.stubFor(post(RESPONSES_PATH)
                .atPriority(1)
                .withRequestBody(containing("function_call_output"))
                .willReturn(okJson("""
                        {"id":"resp_2","object":"response","status":"completed","model":"qwen3.5-plus",
                         "output":[{"type":"message","id":"msg_2","role":"assistant","status":"completed",
                           "content":[{"type":"output_text","text":"It is 31 degrees and sunny in Singapore.",
                                       "annotations":[]}]}],
                         "usage":{"input_tokens":80,"output_tokens":12,"total_tokens":92}}""")));
        Weather weather = new Weather();
        Assistant assistant = AiServices.builder(Assistant.class)
                .chatModel(model().builtInTools(QwenBuiltInTool.webSearch()).build())
                .chatMemory(MessageWindowChatMemory.withMaxMessages(10))
                .tools(weather)
                .build();

        String answer = assistant.chat("What's the weather like in Singapore?");

        assertThat(answer).isEqualTo("It is 31 degrees and sunny in Singapore.");
        assertThat(weather.calls).containsExactly("Singapore");
        JsonNode second = sentBody();
        JsonNode input = second.path("input");
        assertThat(input.get(0).path("role").asText()).isEqualTo("user");
        assertThat(input.get(1).path("type").asText()).isEqualTo("function_call");
        assertThat(input.get(1).path("call_id").asText()).isEqualTo("call_0f2b4a6c8e1d4c3f9a7b5e21");
        assertThat(input.get(2).path("type").asText()).isEqualTo("function_call_output");
        assertThat(input.get(2).path("call_id").asText()).isEqualTo("call_0f2b4a6c8e1d4c3f9a7b5e21");
        assertThat(input.get(2).path("output").asText()).isEqualTo("31 degrees and sunny in Singapore");
        assertThat(second.path("tools").get(0).path("type").asText()).isEqualTo("function");
        assertThat(second.path("tools").get(0).path("name").asText()).isEqualTo("get_weather");
        assertThat(second.path("tools").get(1).toString()).isEqualTo("{\"type\":\"web_search\"}");
    }
}
