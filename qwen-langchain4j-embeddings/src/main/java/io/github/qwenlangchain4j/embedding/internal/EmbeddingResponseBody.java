package io.github.qwenlangchain4j.embedding.internal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.langchain4j.data.embedding.Embedding;
import io.github.qwenlangchain4j.internal.api.Usage;
import java.util.Arrays;
import java.util.List;

/** The response of {@code POST /embeddings}: one vector per input, each with the input's {@code index}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EmbeddingResponseBody(String id, String model, List<Item> data, Usage usage) {

    /**
     * The vectors in input order (Qwen gives each an {@code index}; the list order is not guaranteed).
     *
     * @throws IllegalStateException when the answer does not hold exactly one vector per input, each with a distinct
     *                               index in range (callers report it as a malformed response)
     */
    public List<Embedding> embeddingsInInputOrder(int expected) {
        if (data == null || data.size() != expected) {
            throw new IllegalStateException(
                    "expected " + expected + " embeddings, got " + (data == null ? "none" : data.size()));
        }
        Embedding[] ordered = new Embedding[expected];
        for (int i = 0; i < expected; i++) {
            Item item = data.get(i);
            int index = item == null || item.index() == null ? i : item.index();
            if (item == null || index < 0 || index >= expected || ordered[index] != null || item.embedding() == null) {
                throw new IllegalStateException(
                        "embedding " + i + " has a missing, duplicate or out-of-range index" + " or no vector");
            }
            ordered[index] = Embedding.from(item.embedding());
        }
        return Arrays.asList(ordered);
    }

    /** One embedding and the position of its input in the request. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Item(Integer index, float[] embedding) {}
}
