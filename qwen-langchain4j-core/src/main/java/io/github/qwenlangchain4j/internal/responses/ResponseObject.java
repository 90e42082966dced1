package io.github.qwenlangchain4j.internal.responses;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.github.qwenlangchain4j.internal.api.ErrorBody;
import java.util.List;
import java.util.Map;

/**
 * A response of the Responses API ({@code "object": "response"}), returned by {@code POST /responses} and carried by
 * the {@code response.*} stream events. {@code output} items stay JSON trees: their shape depends on their type
 * (message, reasoning, function_call, and one per built-in tool), see {@link OutputItem}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ResponseObject(
        String id,
        String object,
        Long createdAt,
        String status,
        String model,
        List<JsonNode> output,
        Usage usage,
        ErrorBody.Error error,
        IncompleteDetails incompleteDetails) {

    /** Token usage; {@code x_tools} counts built-in tool calls by type (e.g. {@code {"web_search":{"count":1}}}). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Usage(Integer inputTokens, Integer outputTokens, Integer totalTokens,
                        InputTokensDetails inputTokensDetails, OutputTokensDetails outputTokensDetails,
                        Map<String, Object> xTools) {}

    /** Cached input tokens. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record InputTokensDetails(Integer cachedTokens) {}

    /** Reasoning output tokens. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record OutputTokensDetails(Integer reasoningTokens) {}

    /** Why a response stopped early, e.g. {@code max_output_tokens} or {@code content_filter}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record IncompleteDetails(String reason) {}
}
