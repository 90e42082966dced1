package io.github.qwenlangchain4j;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Isolated;

/** The API key never appears in logs (request and response logging on), exceptions or toString(). */
@Isolated // reads everything the library logs to System.err
class ApiKeyRedactionTest extends QwenWireMockSupport {

    private static final String KEY = "sk-SECRET-0123456789abcdef0123456789";

    @RegisterExtension
    final CapturedLogs captured = new CapturedLogs();

    private String logs() {
        return captured.text();
    }

    @Test
    void should_log_requests_and_responses_without_the_key() {
        // A server that echoes the key back, in a header and in the body.
        server.stubFor(post("/chat/completions")
                .willReturn(okJson(Fixtures.read("chat/chat_response_nonstream_basic.json")
                                .replace("qwen-plus", "qwen-plus " + KEY))
                        .withHeader("x-echo", KEY)));
        QwenChatModel model = QwenChatModel.builder()
                .apiKey(KEY)
                .baseUrl(server.baseUrl())
                .customHeaders(java.util.Map.of("X-DashScope-ApiKey", KEY))
                .logRequests(true)
                .logResponses(true)
                .build();

        model.chat("hello");

        assertThat(logs())
                .contains("Request:")
                .contains("Response:")
                .contains("Authorization: Bearer ***")
                .contains("hello")
                .doesNotContain(KEY);
    }

    @Test
    void should_keep_the_key_out_of_exception_messages_even_when_the_server_echoes_it() {
        server.stubFor(post("/chat/completions")
                .willReturn(aResponse()
                        .withStatus(401)
                        .withBody("{\"error\":{\"message\":\"Incorrect API key provided: " + KEY
                                + "\",\"type\":\"invalid_request_error\","
                                + "\"code\":\"invalid_api_key\"},\"request_id\":\"req-401\"}")));
        QwenChatModel model = QwenChatModel.builder()
                .apiKey(KEY)
                .baseUrl(server.baseUrl())
                .logRequests(true)
                .logResponses(true)
                .build();

        Throwable error = catchThrowable(() -> model.chat("hello"));

        assertThat(error).hasMessageContaining("invalid_api_key").hasMessageContaining("req-401");
        for (Throwable t = error; t != null; t = t.getCause()) {
            assertThat(t.getMessage()).doesNotContain(KEY);
            assertThat(t.toString()).doesNotContain(KEY);
        }
        assertThat(logs()).doesNotContain(KEY);
    }

    @Test
    void should_keep_the_key_out_of_stream_logs() throws Exception {
        server.stubFor(post("/chat/completions")
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "text/event-stream")
                        .withBody(Fixtures.sseFromJsonLines("chat/stream_basic.sse.jsonl")
                                .replace("qwen-plus", KEY))));
        RecordingHandler handler = new RecordingHandler();

        QwenStreamingChatModel.builder()
                .apiKey(KEY)
                .baseUrl(server.baseUrl())
                .logRequests(true)
                .logResponses(true)
                .build()
                .chat("hello", handler);
        handler.awaitResponse();

        assertThat(logs()).contains("Stream event:").doesNotContain(KEY);
    }

    @Test
    void should_not_show_the_key_in_to_string() {
        assertThat(QwenChatModel.builder().apiKey(KEY).build().toString())
                .doesNotContain(KEY)
                .contains("qwen-plus");
        assertThat(QwenStreamingChatModel.builder().apiKey(KEY).build().toString())
                .doesNotContain(KEY);
    }
}
