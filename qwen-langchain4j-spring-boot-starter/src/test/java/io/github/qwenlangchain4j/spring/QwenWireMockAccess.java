package io.github.qwenlangchain4j.spring;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** {@link QwenWireMock} for tests outside this package (the demo application's test). */
public final class QwenWireMockAccess implements AutoCloseable {

    public static final String ANSWER = QwenWireMock.ANSWER;

    private final QwenWireMock qwen = new QwenWireMock();

    public String baseUrl() {
        return qwen.baseUrl();
    }

    /** The body of the latest chat request. */
    public JsonNode lastChatBody() {
        List<JsonNode> bodies = qwen.bodies(QwenWireMock.CHAT_PATH);
        return bodies.get(bodies.size() - 1);
    }

    /** The body of the latest embedding request. */
    public JsonNode lastEmbeddingBody() {
        List<JsonNode> bodies = qwen.bodies(QwenWireMock.EMBEDDINGS_PATH);
        return bodies.get(bodies.size() - 1);
    }

    /** The body of the latest Responses API request. */
    public JsonNode lastResponsesBody() {
        List<JsonNode> bodies = qwen.bodies(QwenWireMock.RESPONSES_PATH);
        return bodies.get(bodies.size() - 1);
    }

    @Override
    public void close() {
        qwen.close();
    }
}
