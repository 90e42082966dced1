package io.github.qwenlangchain4j.embedding.internal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.langchain4j.data.embedding.Embedding;
import java.util.ArrayList;
import java.util.List;

/**
 * The answer of DashScope's native text embedding API:
 * {@code {"output": {"embeddings": [{"embedding", "text_index"}]}, "usage": {"total_tokens"}, "request_id"}}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NativeEmbeddingResponseBody(Output output, NativeUsage usage) {

    /**
     * The vectors in input order, by their {@code text_index}.
     *
     * @throws IllegalStateException when the answer does not hold exactly one vector per input, each with a distinct
     *                               index in range (callers report it as a malformed response)
     */
    public List<Embedding> embeddingsInInputOrder(int expected) {
        List<EmbeddingResponseBody.Item> items = new ArrayList<>();
        if (output != null && output.embeddings() != null) {
            output.embeddings()
                    .forEach(item -> items.add(
                            item == null ? null : new EmbeddingResponseBody.Item(item.textIndex(), item.embedding())));
        }
        return new EmbeddingResponseBody(null, null, output == null ? null : items, null)
                .embeddingsInInputOrder(expected);
    }

    /** The embeddings. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Output(List<Item> embeddings) {}

    /** One embedding and the position of its text in the request. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Item(@JsonProperty("text_index") Integer textIndex, float[] embedding) {}

    /** The tokens the texts took. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record NativeUsage(@JsonProperty("total_tokens") Integer totalTokens) {}
}
