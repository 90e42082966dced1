package io.github.qwenlangchain4j.responses;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.qwenlangchain4j.Fixtures;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A WireMock server per test standing in for Qwen's Responses API at {@code /compatible-mode/v1/responses} (the path
 * Qwen's current "OpenAI Responses API reference" documents), with the research fixtures of
 * {@code src/test/resources/fixtures/responses} (their sources are listed in that folder's README).
 */
abstract class ResponsesWireMockSupport {

    static final String API_KEY = "sk-test-SECRET-1234567890";
    static final String RESPONSES_PATH = "/compatible-mode/v1/responses";
    static final ObjectMapper JSON = new ObjectMapper();

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

    QwenResponsesChatModel.Builder model() {
        return QwenResponsesChatModel.builder()
                .apiKey(API_KEY)
                .baseUrl(baseUrl())
                .maxRetries(0);
    }

    QwenResponsesStreamingChatModel.Builder streamingModel() {
        return QwenResponsesStreamingChatModel.builder()
                .apiKey(API_KEY)
                .baseUrl(baseUrl())
                .maxRetries(0);
    }

    void respondWithFixture(String fixture) {
        respondWith(200, Fixtures.read("responses/" + fixture));
    }

    void respondWith(int status, String body) {
        server.stubFor(post(RESPONSES_PATH)
                .willReturn(aResponse()
                        .withStatus(status)
                        .withHeader("Content-Type", "application/json")
                        .withHeader("x-request-id", "req-42")
                        .withBody(body)));
    }

    /** An SSE fixture, sent as Qwen frames it ({@code id:}, {@code event:}, {@code :HTTP_STATUS/200}, no [DONE]). */
    void streamFixture(String fixture) {
        streamBody(Fixtures.read("responses/" + fixture));
    }

    void streamBody(String body) {
        server.stubFor(post(RESPONSES_PATH)
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "text/event-stream;charset=UTF-8")
                        .withHeader("x-request-id", "req-42")
                        .withBody(body)));
    }

    JsonNode sentBody() throws Exception {
        List<LoggedRequest> requests = server.findAll(postRequestedFor(urlEqualTo(RESPONSES_PATH)));
        return JSON.readTree(requests.get(requests.size() - 1).getBodyAsString());
    }

    LoggedRequest sentRequest() {
        List<LoggedRequest> requests = server.findAll(postRequestedFor(urlEqualTo(RESPONSES_PATH)));
        return requests.get(requests.size() - 1);
    }
}
