package io.github.qwenlangchain4j.internal.rerank;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * The body of a successful native text rerank response: {@code {"output": {"results": [{"index",
 * "relevance_score", "document"}]}, "usage": {"total_tokens"}, "request_id"}}, results sorted by relevance, best
 * first. {@code document} (only with {@code return_documents}) is not read.
 *
 * @param output    the results
 * @param usage     the tokens billed
 * @param requestId the request id
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RerankResponse(Output output, Usage usage, String requestId) {

    /** @param results one per returned document, best first */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Output(List<Result> results) {}

    /**
     * @param index          the document's position in the request's {@code documents}
     * @param relevanceScore its relevance to the query, from 0 to 1
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Result(Integer index, Double relevanceScore) {}

    /** @param totalTokens the tokens of the query and documents, as billed */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Usage(Integer totalTokens) {}
}
