package io.github.qwenlangchain4j.spring;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A WireMock server standing in for compatible mode: canned chat (JSON and SSE) and embedding answers, and the
 * requests the models sent, as JSON.
 */
final class QwenWireMock implements AutoCloseable {

    /** A distinctive fake key, so that tests can check it never shows. */
    static final String API_KEY = "sk-starter-test-SECRET-0987654321";

    static final String ANSWER = "I am Qwen, served by WireMock.";
    static final String CHAT_PATH = "/compatible-mode/v1/chat/completions";
    static final String EMBEDDINGS_PATH = "/compatible-mode/v1/embeddings";
    static final String RESPONSES_PATH = "/compatible-mode/v1/responses";
    static final String CONVERSATIONS_PATH = "/compatible-mode/v1/conversations";
    static final String RESPONSE_ID = "resp_starter-1";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WireMockServer server =
            new WireMockServer(WireMockConfiguration.options().dynamicPort());

    QwenWireMock() {
        server.start();
        server.stubFor(post(urlEqualTo(CHAT_PATH))
                .willReturn(okJson("""
                {"id":"chatcmpl-1","object":"chat.completion","created":1735120033,"model":"qwen-plus",
                 "choices":[{"index":0,"finish_reason":"stop",
                             "message":{"role":"assistant","content":"%s"}}],
                 "usage":{"prompt_tokens":12,"completion_tokens":8,"total_tokens":20}}
                """.formatted(ANSWER)).withHeader("x-request-id", "req-1")));
        server.stubFor(post(urlEqualTo(EMBEDDINGS_PATH)).willReturn(okJson("""
                {"id":"emb-1","object":"list","model":"text-embedding-v4",
                 "data":[{"object":"embedding","index":0,"embedding":[0.25,-0.5,0.75]}],
                 "usage":{"prompt_tokens":3,"total_tokens":3}}
                """)));
        server.stubFor(post(urlEqualTo(RESPONSES_PATH))
                .willReturn(okJson(response("completed", ANSWER)).withHeader("x-request-id", "req-responses-1")));
        // A stream for request bodies with "stream": true (Qwen's framing: event and data lines, no [DONE]).
        server.stubFor(post(urlEqualTo(RESPONSES_PATH))
                .withRequestBody(matchingJsonPath("$[?(@.stream == true)]"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "text/event-stream;charset=UTF-8")
                        .withBody(responsesStream())));
        server.stubFor(post(urlEqualTo(CONVERSATIONS_PATH)).willReturn(okJson("""
                {"created_at":1771316949128,"id":"conv_starter","metadata":{"topic":"demo"},"object":"conversation"}
                """)));
    }

    /** A Responses API response object with one assistant message. */
    private static String response(String status, String text) {
        return """
                {"id":"%s","object":"response","created_at":1769082930,"model":"qwen3.5-plus","status":"%s",
                 "output":[{"id":"msg_1","type":"message","role":"assistant","status":"completed",
                            "content":[{"type":"output_text","text":"%s","annotations":[]}]}],
                 "usage":{"input_tokens":12,"output_tokens":8,"total_tokens":20}}""".formatted(RESPONSE_ID, status, text).replace("\n", "");
    }

    private static String responsesStream() {
        String[] deltas = {"I am Qwen, ", "served by WireMock."};
        StringBuilder body = new StringBuilder();
        int sequence = 0;
        body.append(event(
                "response.created",
                "{\"type\":\"response.created\",\"sequence_number\":" + sequence++
                        + ",\"response\":{\"id\":\"" + RESPONSE_ID + "\",\"object\":\"response\",\"status\":\"queued\","
                        + "\"output\":[]}}"));
        for (String delta : deltas) {
            body.append(event(
                    "response.output_text.delta",
                    "{\"type\":\"response.output_text.delta\","
                            + "\"sequence_number\":" + sequence++ + ",\"item_id\":\"msg_1\",\"output_index\":0,"
                            + "\"content_index\":0,\"delta\":\"" + delta + "\"}"));
        }
        body.append(event(
                "response.completed",
                "{\"type\":\"response.completed\",\"sequence_number\":" + sequence + ",\"response\":"
                        + response("completed", ANSWER) + "}"));
        return body.toString();
    }

    private static String event(String type, String data) {
        return "event:" + type + "\n" + "data:" + data + "\n\n";
    }

    /** Answers chat requests whose body asks for a stream with SSE chunks of {@link #ANSWER}. */
    void streamChat() {
        String chunk = "{\"id\":\"chatcmpl-2\",\"object\":\"chat.completion.chunk\",\"created\":1735113344,"
                + "\"model\":\"qwen-plus\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"%s\"},"
                + "\"finish_reason\":%s}]}";
        String body = "data: " + chunk.formatted("I am Qwen, ", "null") + "\n\n"
                + "data: " + chunk.formatted("served by WireMock.", "\"stop\"") + "\n\n"
                + "data: {\"id\":\"chatcmpl-2\",\"object\":\"chat.completion.chunk\",\"created\":1735113344,"
                + "\"model\":\"qwen-plus\",\"choices\":[],"
                + "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":8,\"total_tokens\":20}}\n\n"
                + "data: [DONE]\n\n";
        server.stubFor(post(urlEqualTo(CHAT_PATH))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "text/event-stream;charset=UTF-8")
                        .withBody(body)));
    }

    /** Adds a stub, e.g. an error or a delay; it wins over the canned answers when added later. */
    void stubFor(com.github.tomakehurst.wiremock.client.MappingBuilder stub) {
        server.stubFor(stub);
    }

    /** The JSON bodies of the requests sent to {@code path}, in order. */
    List<JsonNode> bodies(String path) {
        return requests(path).stream()
                .map(request -> {
                    try {
                        return JSON.readTree(request.getBodyAsString());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .toList();
    }

    /** The value of {@code langchain4j.qwen.base-url} that points the models here. */
    String baseUrl() {
        return server.baseUrl() + "/compatible-mode/v1";
    }

    List<LoggedRequest> requests(String path) {
        return server.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlEqualTo(path)));
    }

    /** The only request sent to {@code path}. */
    LoggedRequest onlyRequest(String path) {
        List<LoggedRequest> requests = requests(path);
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    /** The JSON body of the only request sent to {@code path}. */
    JsonNode onlyBody(String path) {
        try {
            return JSON.readTree(onlyRequest(path).getBodyAsString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
