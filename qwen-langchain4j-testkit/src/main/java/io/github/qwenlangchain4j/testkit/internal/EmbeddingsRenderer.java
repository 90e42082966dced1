package io.github.qwenlangchain4j.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** The body of an {@code /embeddings} answer: one deterministic vector per input text ({@link WordVectors}). */
public final class EmbeddingsRenderer {

    private EmbeddingsRenderer() {}

    public static String body(ObjectMapper json, JsonNode request, String requestId) {
        int dimension = QwenRules.dimension(request);
        JsonNode input = request.path("input");
        List<JsonNode> texts = new ArrayList<>();
        input.forEach(texts::add);
        if (input.isTextual()) {
            texts.add(input);
        }
        ObjectNode root = json.createObjectNode();
        ArrayNode data = root.putArray("data");
        int tokens = 0;
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i).asText();
            tokens += Math.max(1, text.length() / 4);
            ObjectNode item = data.addObject();
            ArrayNode vector = item.putArray("embedding");
            for (float value : WordVectors.embed(text, dimension)) {
                vector.add(value);
            }
            item.put("index", i).put("object", "embedding");
        }
        root.put("model", request.path("model").asText());
        root.put("object", "list");
        root.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
        root.put("id", requestId);
        return root.toString();
    }
}
