package io.github.qwenlangchain4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * How the mock routes: the key is checked before anything else, in the error shape of the API the path belongs to,
 * and a path or method no endpoint serves is answered as that API answers it.
 */
class QwenMockServerRoutingTest extends MockServerHttpSupport {

    private String host() {
        return server.baseUrl().substring(0, server.baseUrl().length() - "/compatible-mode/v1".length());
    }

    private HttpResponse<String> withoutKey(String method, String pathFromHost) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(host() + pathFromHost))
                        .method(method, HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void should_refuse_a_missing_key_before_routing_in_the_shape_of_each_api() throws Exception {
        for (String path : new String[] {
            "/compatible-mode/v1/chat/completions",
            "/compatible-mode/v1/files",
            "/compatible-mode/v1/batches/batch_1",
            "/compatible-mode/v1/no/such/thing",
            "/elsewhere"
        }) {
            for (String method : new String[] {"GET", "POST"}) {
                HttpResponse<String> response = withoutKey(method, path);

                assertThat(response.statusCode()).as(method + " " + path).isEqualTo(401);
                assertThat(JSON.readTree(response.body()).at("/error/code").asText())
                        .isEqualTo("invalid_api_key");
            }
        }
        for (String path : new String[] {
            "/compatible-mode/v1/responses",
            "/compatible-mode/v1/conversations/c_1",
            "/api/v2/apps/protocols/compatible-mode/v1/anything",
            "/api/v1/services/rerank/text-rerank/text-rerank"
        }) {
            HttpResponse<String> response = withoutKey("GET", path);

            assertThat(response.statusCode()).as(path).isEqualTo(401);
            assertThat(JSON.readTree(response.body()).path("code").asText()).isEqualTo("InvalidApiKey");
            assertThat(JSON.readTree(response.body()).path("message").asText()).isEqualTo("No API-key provided.");
        }
    }

    @Test
    void should_answer_an_unknown_path_with_404_and_another_method_than_post_with_405() throws Exception {
        HttpResponse<String> unknown = send("POST", "/no/such/thing", "application/json", "{}");
        HttpResponse<String> get = send("GET", "/chat/completions", null, null);

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).at("/error/message").asText())
                .isEqualTo("No such endpoint: /compatible-mode/v1/no/such/thing");
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(JSON.readTree(get.body()).at("/error/code").asText()).isEqualTo("method_not_allowed");
    }

    @Test
    void should_answer_what_the_files_and_batch_apis_do_not_serve_with_404() throws Exception {
        HttpResponse<String> put = send("PUT", "/files", "application/json", "{}");
        HttpResponse<String> unknown = send("GET", "/batches/batch_1/results", null, null);

        assertThat(put.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(put.body()).at("/error/message").asText()).isEqualTo("No such endpoint: PUT /files");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).at("/error/code").asText()).isEqualTo("NotFound");
    }

    @Test
    void should_refuse_another_method_than_post_on_rerank_with_405() throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(host() + "/api/v1/services/rerank/text-rerank/text-rerank"))
                        .header("Authorization", "Bearer " + server.apiKey())
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(JSON.readTree(response.body()).path("code").asText()).isEqualTo("Method Not Allowed");
    }

    @Test
    void should_wait_the_latency_on_the_model_s_endpoints_but_not_on_the_files_api() throws Exception {
        try (QwenMockServer slow =
                QwenMockServer.builder().latency(Duration.ofSeconds(1)).start()) {
            HttpRequest.Builder files = HttpRequest.newBuilder(URI.create(slow.baseUrl() + "/files"))
                    .header("Authorization", "Bearer " + slow.apiKey())
                    .GET();
            HttpRequest.Builder chat = HttpRequest.newBuilder(URI.create(slow.baseUrl() + "/chat/completions"))
                    .header("Authorization", "Bearer " + slow.apiKey())
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"model\":\"qwen-plus\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"));

            long start = System.nanoTime();
            assertThat(HTTP.send(files.build(), HttpResponse.BodyHandlers.ofString())
                            .statusCode())
                    .isEqualTo(200);
            Duration listing = Duration.ofNanos(System.nanoTime() - start);
            start = System.nanoTime();
            assertThat(HTTP.send(chat.build(), HttpResponse.BodyHandlers.ofString())
                            .statusCode())
                    .isEqualTo(200);
            Duration chatting = Duration.ofNanos(System.nanoTime() - start);

            assertThat(listing).isLessThan(Duration.ofSeconds(1));
            assertThat(chatting).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        }
    }

    @Test
    void should_count_the_requests_served_at_the_same_time() throws Exception {
        for (int i = 0; i < 3; i++) {
            server.enqueue(MockReply.text("slow").withDelay(Duration.ofMillis(500)));
        }
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            calls.add(HTTP.sendAsync(
                    HttpRequest.newBuilder(URI.create(server.baseUrl() + "/chat/completions"))
                            .header("Authorization", "Bearer " + server.apiKey())
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"model\":\"qwen-plus\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            JsonNode answer = JSON.readTree(call.get().body());
            assertThat(answer.at("/choices/0/message/content").asText()).isEqualTo("slow");
        }

        assertThat(server.maxConcurrentRequests()).isEqualTo(3);
        server.reset();
        assertThat(server.maxConcurrentRequests()).isZero();
    }
}
