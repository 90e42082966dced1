package io.github.qwenlangchain4j.samples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** The sample app offline with one property, as any application on the starter goes offline: no code, no key. */
class ChatApplicationOfflinePropertyTest {

    @Test
    void should_answer_offline_with_only_the_offline_property() throws Exception {
        // no OfflineFallback, and an empty key whatever the machine's environment says
        try (ConfigurableApplicationContext context = SpringApplication.run(
                ChatApplication.class,
                "--server.port=0",
                "--langchain4j.qwen.api-key=",
                "--langchain4j.qwen.offline=true")) {
            String port = context.getEnvironment().getProperty("local.server.port");

            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/chat"))
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"Are you there?\"}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("offline").contains("Are you there?");
        }
    }
}
