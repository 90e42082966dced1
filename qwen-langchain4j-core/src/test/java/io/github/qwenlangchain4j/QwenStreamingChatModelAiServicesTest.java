package io.github.qwenlangchain4j;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.TokenStream;
import io.github.qwenlangchain4j.internal.json.Json;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** An AI service returning {@link TokenStream} runs a tool loop over QwenStreamingChatModel, end to end. */
class QwenStreamingChatModelAiServicesTest extends QwenWireMockSupport {

    interface Assistant {
        TokenStream chat(String message);
    }

    static class Weather {
        final List<String> cities = new CopyOnWriteArrayList<>();

        @Tool("Returns the current weather of a city")
        String currentWeather(String city) {
            cities.add(city);
            return city + ": 23°C, sunny";
        }
    }

    @Test
    void should_run_a_tool_loop_through_a_token_stream() throws Exception {
        // First turn: the tool call arrives in fragments; the id only in the first, later ids are "".
        server.stubFor(
                post("/chat/completions")
                        .atPriority(10)
                        .willReturn(
                                sse(
                                        List.of(
                                                "{\"id\":\"chatcmpl-a\",\"model\":\"qwen-plus\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\","
                                                        + "\"tool_calls\":[{\"index\":0,\"id\":\"call_hz\",\"type\":\"function\",\"function\":{\"name\":\"currentWeather\",\"arguments\":\"{\\\"city\\\":\"}}]}}]}",
                                                "{\"id\":\"chatcmpl-a\",\"model\":\"qwen-plus\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"\",\"type\":\"function\",\"function\":{\"arguments\":\" \\\"杭州\\\"}\"}}]}}]}",
                                                "{\"id\":\"chatcmpl-a\",\"model\":\"qwen-plus\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}",
                                                "{\"id\":\"chatcmpl-a\",\"model\":\"qwen-plus\",\"choices\":[],\"usage\":{\"prompt_tokens\":50,\"completion_tokens\":12,\"total_tokens\":62}}"))));
        // Second turn, with the tool result in the conversation: the answer, streamed.
        server.stubFor(
                post("/chat/completions")
                        .atPriority(1)
                        .withRequestBody(containing("\"role\":\"tool\""))
                        .willReturn(
                                sse(
                                        List.of(
                                                "{\"id\":\"chatcmpl-b\",\"model\":\"qwen-plus\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"杭州现在\"}}]}",
                                                "{\"id\":\"chatcmpl-b\",\"model\":\"qwen-plus\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\" 23°C，晴。\"},\"finish_reason\":\"stop\"}]}",
                                                "{\"id\":\"chatcmpl-b\",\"model\":\"qwen-plus\",\"choices\":[],\"usage\":{\"prompt_tokens\":80,\"completion_tokens\":8,\"total_tokens\":88}}"))));
        Weather weather = new Weather();
        Assistant assistant = AiServices.builder(Assistant.class)
                .streamingChatModel(QwenStreamingChatModel.builder()
                        .apiKey("sk-test")
                        .baseUrl(server.baseUrl())
                        .build())
                .tools(weather)
                .build();
        List<String> partials = new CopyOnWriteArrayList<>();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();

        assistant
                .chat("杭州天气怎么样？")
                .onPartialResponse(partials::add)
                .onCompleteResponse(done::complete)
                .onError(done::completeExceptionally)
                .start();
        ChatResponse response = done.get(10, TimeUnit.SECONDS);

        assertThat(weather.cities).containsExactly("杭州");
        assertThat(partials).containsExactly("杭州现在", " 23°C，晴。");
        assertThat(response.aiMessage().text()).isEqualTo("杭州现在 23°C，晴。");
        JsonNode second = Json.MAPPER.readTree(server.findAll(postRequestedFor(urlEqualTo("/chat/completions")))
                .get(1)
                .getBodyAsString());
        assertThat(second.at("/messages/1/tool_calls/0/id").asText()).isEqualTo("call_hz");
        assertThat(second.at("/messages/1/tool_calls/0/function/arguments").asText())
                .isEqualTo("{\"city\": \"杭州\"}");
        assertThat(second.at("/messages/2/tool_call_id").asText()).isEqualTo("call_hz");
        assertThat(second.at("/messages/2/content").asText()).isEqualTo("杭州: 23°C, sunny");
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder sse(List<String> payloads) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "text/event-stream; charset=utf-8")
                .withBody(Fixtures.sse(payloads));
    }
}
