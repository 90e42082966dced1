package io.github.qwenlangchain4j;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A WireMock server per test standing in for compatible mode, plus helpers to stub replies and read what the
 * model sent. Shared by the {@code QwenChatModel*Test} classes.
 */
abstract class QwenWireMockSupport {

    /** A distinctive fake key, so that tests can check it never leaks into messages. */
    static final String API_KEY = "sk-test-SECRET-1234567890";

    static final String CHAT_PATH = "/compatible-mode/v1/chat/completions";
    static final String REQUEST_ID = "6ada9ed2-7f33-9de2-8bb0-78bd4035025a";

    private static final ObjectMapper JSON = new ObjectMapper();

    WireMockServer server;

    @BeforeEach
    void startServer() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop();
    }

    String baseUrl() {
        return server.baseUrl() + "/compatible-mode/v1";
    }

    /** A model builder pointed at the mock server with the fake key. */
    QwenChatModel.Builder model() {
        return QwenChatModel.builder().apiKey(API_KEY).baseUrl(baseUrl());
    }

    void stubChat(ResponseDefinitionBuilder response) {
        server.stubFor(post(urlEqualTo(CHAT_PATH)).willReturn(response));
    }

    /** Stubs the documentation's basic non-streaming answer. */
    void stubBasicAnswer() {
        stubChat(json(Fixtures.read("chat/chat_response_nonstream_basic.json")));
    }

    static ResponseDefinitionBuilder json(String body) {
        return okJson(body).withHeader("x-request-id", REQUEST_ID);
    }

    static ResponseDefinitionBuilder sse(String body) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "text/event-stream;charset=UTF-8")
                .withHeader("x-request-id", REQUEST_ID)
                .withBody(body);
    }

    static ResponseDefinitionBuilder error(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withHeader("x-request-id", REQUEST_ID)
                .withBody(body);
    }

    /** An OpenAI-shaped Qwen error body. */
    static String openAiError(String code, String message) {
        return "{\"error\":{\"message\":\"" + message + "\",\"type\":\"invalid_request_error\",\"param\":null,"
                + "\"code\":\"" + code + "\"},\"id\":\"chatcmpl-" + REQUEST_ID + "\",\"request_id\":\"" + REQUEST_ID
                + "\"}";
    }

    int requestCount() {
        return server.getAllServeEvents().size();
    }

    /** Every request body received, oldest first. */
    List<JsonNode> sentBodies() {
        List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
        Collections.reverse(events); // WireMock lists the newest first
        List<JsonNode> bodies = new ArrayList<>();
        for (ServeEvent event : events) {
            try {
                bodies.add(JSON.readTree(event.getRequest().getBodyAsString()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return bodies;
    }

    /** The body of the one and only request received. */
    JsonNode sentBody() {
        List<JsonNode> bodies = sentBodies();
        assertThat(bodies).as("requests received").hasSize(1);
        return bodies.get(0);
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
