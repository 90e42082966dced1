package io.github.qwenlangchain4j.samples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** The sample app end to end, offline: the real main wiring, a random port, plain HTTP calls. */
class ChatApplicationTest {

    private static ConfigurableApplicationContext context;
    private static String baseUrl;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        SpringApplication application = new SpringApplication(ChatApplication.class);
        application.addListeners(new OfflineFallback());
        // an empty key, whatever the machine's environment says, so the test is offline everywhere
        context = application.run("--server.port=0", "--langchain4j.qwen.api-key=");
        baseUrl = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    private HttpResponse<String> post(String path, String message) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"" + message + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void should_answer_post_chat_offline() throws Exception {
        HttpResponse<String> response = post("/chat", "What is Qwen?");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"answer\"").contains("offline").contains("What is Qwen?");
    }

    @Test
    void should_stream_thinking_then_text_as_server_sent_events() throws Exception {
        HttpResponse<String> response = post("/chat/stream", "Why is the sky blue?");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        String body = response.body();
        assertThat(body).contains("event:thinking").contains("event:text").contains("event:done");
        assertThat(body.indexOf("event:thinking")).isLessThan(body.indexOf("event:text"));
        assertThat(body.indexOf("event:text")).isLessThan(body.indexOf("event:done"));
    }
}
