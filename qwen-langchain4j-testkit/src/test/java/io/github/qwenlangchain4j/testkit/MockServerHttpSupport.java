package io.github.qwenlangchain4j.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Tests of the mock on its own: a fresh server per test, spoken to with the JDK's HTTP client. */
abstract class MockServerHttpSupport {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    QwenMockServer server;

    @BeforeEach
    void startMockServer() {
        server = QwenMockServer.start();
    }

    @AfterEach
    void stopMockServer() {
        server.close();
    }

    /** A request with the given method, content type (or null) and body (or null), with the server's key. */
    HttpResponse<String> send(String method, String path, String contentType, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Authorization", "Bearer " + server.apiKey())
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A chat completion request with the server's key. */
    HttpResponse<String> chat(String body) throws Exception {
        return send("POST", "/chat/completions", "application/json", body);
    }
}
