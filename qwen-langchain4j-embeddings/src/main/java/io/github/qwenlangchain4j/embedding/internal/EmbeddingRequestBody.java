package io.github.qwenlangchain4j.embedding.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** The body of {@code POST /embeddings}; Qwen only supports {@code encoding_format: float}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EmbeddingRequestBody(String model, List<String> input, Integer dimensions, String encodingFormat) {

    public static EmbeddingRequestBody of(String model, List<String> input, Integer dimensions) {
        return new EmbeddingRequestBody(model, input, dimensions, "float");
    }
}
