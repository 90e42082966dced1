package io.github.qwenlangchain4j.embedding.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * The body of DashScope's native {@code POST /services/embeddings/text-embedding/text-embedding}, the API that takes
 * {@code text_type}: {@code {"model", "input": {"texts"}, "parameters": {"dimension", "text_type"}}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NativeEmbeddingRequestBody(String model, Input input, Parameters parameters) {

    public static NativeEmbeddingRequestBody of(String model, List<String> texts, Integer dimension, String textType) {
        return new NativeEmbeddingRequestBody(model, new Input(texts), new Parameters(dimension, textType));
    }

    /** The texts to embed. */
    public record Input(List<String> texts) {}

    /** The vector size and whether the texts are queries or documents ({@code query} / {@code document}). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Parameters(Integer dimension, String textType) {}
}
