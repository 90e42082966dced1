package io.github.qwenlangchain4j;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.data.message.UserMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class QwenChatModelSmokeTest {

    WireMockServer server;

    @BeforeEach
    void start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void should_answer_a_simple_chat() {
        server.stubFor(post("/v1/chat/completions").willReturn(okJson(Fixtures.read("chat/chat_response_nonstream_basic.json"))
                .withHeader("x-request-id", "6ada9ed2-7f33-9de2-8bb0-78bd4035025a")));
        QwenChatModel model = QwenChatModel.builder().apiKey("sk-test").baseUrl(server.baseUrl() + "/v1").build();
        ChatResponse response = model.chat(UserMessage.from("Who are you?"));
        assertThat(response.aiMessage().text()).contains("Qwen");
        assertThat(((QwenChatResponseMetadata) response.metadata()).requestId()).isEqualTo("6ada9ed2-7f33-9de2-8bb0-78bd4035025a");
        assertThat(((QwenTokenUsage) response.tokenUsage()).cachedTokens()).isEqualTo(2048);
        server.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withHeader("Authorization", equalTo("Bearer sk-test"))
                .withRequestBody(equalToJson("{\"model\":\"qwen-plus\",\"messages\":[{\"role\":\"user\",\"content\":\"Who are you?\"}]}")));
    }

    @Test
    void should_fall_back_to_streaming_when_thinking() {
        server.stubFor(post("/v1/chat/completions").willReturn(ok(Fixtures.sseFromJsonLines("chat/stream_basic.sse.jsonl"))
                .withHeader("Content-Type", "text/event-stream")));
        QwenChatModel model = QwenChatModel.builder().apiKey("sk-test").baseUrl(server.baseUrl() + "/v1").enableThinking(true).build();
        ChatResponse response = model.chat(UserMessage.from("Who are you?"));
        assertThat(response.aiMessage().text()).startsWith("I am a large-scale language model");
        System.out.println(response);
    }
}
