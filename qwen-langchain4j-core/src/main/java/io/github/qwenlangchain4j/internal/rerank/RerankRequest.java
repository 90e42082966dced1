package io.github.qwenlangchain4j.internal.rerank;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * The body of the native text rerank request: {@code {"model", "input": {"query", "documents"}, "parameters":
 * {"return_documents", "top_n", "instruct"}}} (Model Studio's "Text rerank" API reference). Documents are strings
 * for qwen3-rerank and gte-rerank-v2, {@code {"text": ...}} objects for qwen3-vl-rerank.
 *
 * @param model      the rerank model
 * @param input      the query and the documents
 * @param parameters the optional parameters
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RerankRequest(String model, Input input, Parameters parameters) {

    /**
     * @param query     the query
     * @param documents the documents, strings or {@code {"text": ...}} objects
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Input(String query, List<Object> documents) {}

    /**
     * @param returnDocuments whether results echo the documents; always false here, the caller has them
     * @param topN            how many of the best documents to return; null for all
     * @param instruct        qwen3-rerank's task instruction, or null for its default (question answering)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Parameters(Boolean returnDocuments, Integer topN, String instruct) {}
}
