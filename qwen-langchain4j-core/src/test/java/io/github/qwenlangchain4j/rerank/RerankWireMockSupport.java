package io.github.qwenlangchain4j.rerank;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.langchain4j.data.segment.TextSegment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A WireMock server per test standing in for Qwen's two rerank APIs (native and OpenAI-compatible, on one host), with
 * helpers for the rerank tests.
 */
abstract class RerankWireMockSupport {

    /** A distinctive fake key, so that tests can check it never leaks. */
    static final String API_KEY = "sk-test-SECRET-rerank-0987654321";

    static final String RERANK_PATH = "/api/v1/services/rerank/text-rerank/text-rerank";
    static final String COMPATIBLE_PATH = "/compatible-api/v1/reranks";
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

    /**
     * A builder of the native endpoint pointed at the server's compatible-mode base URL, which the model maps to
     * {@code /api/v1}.
     */
    QwenScoringModel.Builder model() {
        return compatibleModel().endpoint(QwenRerankEndpoint.NATIVE);
    }

    /** A builder with the model's default endpoint (compatible for qwen3-rerank), on the server's host. */
    QwenScoringModel.Builder compatibleModel() {
        return QwenScoringModel.builder()
                .apiKey(API_KEY)
                .baseUrl(server.baseUrl() + "/compatible-mode/v1")
                .maxRetries(0);
    }

    void stub(ResponseDefinitionBuilder response) {
        stub(RERANK_PATH, response);
    }

    void stub(String path, ResponseDefinitionBuilder response) {
        server.stubFor(post(urlEqualTo(path)).willReturn(response));
    }

    /** Answers the native requests with {@code bodies} (200) in turn; the last one answers any further request. */
    void stubInOrder(String... bodies) {
        stubPathInOrder(RERANK_PATH, bodies);
    }

    /** Answers the requests to {@code path} with {@code bodies} (200) in turn; the last answers any further one. */
    void stubPathInOrder(String path, String... bodies) {
        for (int i = 0; i < bodies.length; i++) {
            server.stubFor(post(urlEqualTo(path))
                    .inScenario("in order")
                    .whenScenarioStateIs(i == 0 ? com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED : "" + i)
                    .willReturn(json(200, bodies[i]))
                    .willSetStateTo(i + 1 < bodies.length ? "" + (i + 1) : "" + i));
        }
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(body);
    }

    /** A success body scoring document {@code i} of a request of {@code n} documents at {@code scores[i]}. */
    static String results(double... scores) {
        StringBuilder sb = new StringBuilder("{\"output\":{\"results\":[");
        Integer[] order = IntStream.range(0, scores.length).boxed().toArray(Integer[]::new);
        java.util.Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a])); // best first, as Qwen sends
        for (int k = 0; k < order.length; k++) {
            sb.append(k == 0 ? "" : ",")
                    .append("{\"index\":")
                    .append(order[k])
                    .append(",\"relevance_score\":")
                    .append(scores[order[k]])
                    .append('}');
        }
        return sb.append("]},\"usage\":{\"total_tokens\":")
                .append(10 * scores.length)
                .append("},\"request_id\":\"req-")
                .append(scores.length)
                .append("\"}")
                .toString();
    }

    static List<TextSegment> segments(String... texts) {
        List<TextSegment> segments = new ArrayList<>();
        for (String text : texts) {
            segments.add(TextSegment.from(text));
        }
        return segments;
    }

    static List<TextSegment> numbered(int count) {
        List<TextSegment> segments = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            segments.add(TextSegment.from("document " + i));
        }
        return segments;
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
}
