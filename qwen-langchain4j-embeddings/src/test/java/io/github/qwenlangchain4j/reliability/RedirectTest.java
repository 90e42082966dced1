package io.github.qwenlangchain4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.qwenlangchain4j.QwenChatModel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Redirects: the API key (Authorization header) is never forwarded to another host, whatever the status; a
 * same-origin 307/308 is followed with the key and the body, so a proxy that moves its path keeps working.
 */
class RedirectTest {

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {301, 302, 303, 307, 308})
    void should_never_send_the_key_to_another_host(int status) throws Exception {
        try (RawHttpServer other = new RawHttpServer((request, socket, out) -> answer(out));
                RawHttpServer origin = new RawHttpServer((request, socket, out) -> {
                    // "localhost" vs "127.0.0.1": another host name (and port) for OkHttp, the same machine for the
                    // test.
                    String location = "http://localhost:" + other.port() + "/v1/chat/completions";
                    RawHttpServer.write(
                            out,
                            "HTTP/1.1 " + status + " Moved\r\nLocation: " + location
                                    + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                })) {
            QwenChatModel model = QwenChatModel.builder()
                    .apiKey(Targets.API_KEY)
                    .baseUrl(origin.baseUrl())
                    .maxRetries(0)
                    .build();

            catchThrowable(() -> model.chat("hello")); // the other host may well not answer as Qwen would

            assertThat(origin.received()).hasSize(1);
            assertThat(origin.received().get(0).header("Authorization")).isEqualTo("Bearer " + Targets.API_KEY);
            assertThat(other.received())
                    .as("requests that followed the redirect")
                    .hasSize(1);
            RawHttpServer.Request followed = other.received().get(0);
            assertThat(followed.header("Authorization")).isNull();
            assertThat(followed.headers()).doesNotContain(Targets.API_KEY);
            assertThat(new String(followed.body(), StandardCharsets.UTF_8)).doesNotContain(Targets.API_KEY);
        }
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {307, 308})
    void should_follow_a_same_origin_redirect_with_key_and_body(int status) throws Exception {
        try (RawHttpServer origin = new RawHttpServer((request, socket, out) -> {
            if (request.requestLine().contains("/v1/chat/completions")) {
                RawHttpServer.write(
                        out,
                        "HTTP/1.1 " + status + " Moved\r\nLocation: /v2/chat/completions"
                                + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            } else {
                answer(out);
            }
        })) {
            QwenChatModel model = QwenChatModel.builder()
                    .apiKey(Targets.API_KEY)
                    .baseUrl(origin.baseUrl())
                    .maxRetries(0)
                    .build();

            String answer = model.chat("hello");

            assertThat(answer).isEqualTo("Hello there");
            assertThat(origin.received()).hasSize(2);
            RawHttpServer.Request followed = origin.received().get(1);
            assertThat(followed.requestLine()).startsWith("POST /v2/chat/completions");
            assertThat(followed.header("Authorization")).isEqualTo("Bearer " + Targets.API_KEY);
            assertThat(new String(followed.body(), StandardCharsets.UTF_8)).contains("\"hello\"");
        }
    }

    @Test
    void should_not_loop_forever_on_a_redirect_loop() throws Exception {
        try (RawHttpServer origin = new RawHttpServer(
                (request, socket, out) -> RawHttpServer.write(
                        out,
                        "HTTP/1.1 307 Moved\r\nLocation: /v1/chat/completions\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"))) {
            QwenChatModel model = QwenChatModel.builder()
                    .apiKey(Targets.API_KEY)
                    .baseUrl(origin.baseUrl())
                    .maxRetries(0)
                    .build();

            Throwable thrown = catchThrowable(() -> model.chat("hello"));

            assertThat(thrown)
                    .isInstanceOf(dev.langchain4j.exception.LangChain4jException.class)
                    .hasMessageNotContaining(Targets.API_KEY);
            assertThat(origin.requestCount()).isLessThanOrEqualTo(21); // OkHttp gives up after 20 follow-ups
        }
    }

    private static void answer(java.io.OutputStream out) throws java.io.IOException {
        byte[] body = FaultMatrixTest.CHAT_JSON.getBytes(StandardCharsets.UTF_8);
        RawHttpServer.writeHead(out, 200, "application/json", body.length);
        out.write(body);
    }
}
