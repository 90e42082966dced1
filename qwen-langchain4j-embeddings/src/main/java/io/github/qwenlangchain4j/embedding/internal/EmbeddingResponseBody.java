package io.github.qwenlangchain4j.embedding.internal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.github.qwenlangchain4j.internal.api.Usage;
import java.util.List;

/** The response of {@code POST /embeddings}: one vector per input, each with the input's {@code index}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EmbeddingResponseBody(String id, String model, List<Item> data, Usage usage) {

    /** One embedding and the position of its input in the request. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Item(Integer index, float[] embedding) {}
}
