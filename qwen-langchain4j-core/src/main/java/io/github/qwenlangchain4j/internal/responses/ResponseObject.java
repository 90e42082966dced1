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

    /** This response with {@code output} replaced, e.g. by the items a stream reported one by one. */
    public ResponseObject withOutput(List<JsonNode> items) {
        return new ResponseObject(id, object, createdAt, status, model, items, usage, error, incompleteDetails);
    }

    /**
     * Token usage; {@code x_tools} counts built-in tool calls by type (e.g. {@code {"web_search":{"count":1}}}),
     * {@code x_details} itemises the billing, with the session cache's creation tokens.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Usage(
            Integer inputTokens,
            Integer outputTokens,
            Integer totalTokens,
            InputTokensDetails inputTokensDetails,
            OutputTokensDetails outputTokensDetails,
            Map<String, Object> xTools,
            List<BillingDetail> xDetails) {

        /**
         * Tokens that created a session-cache entry, summed over the billing details; Qwen names the object
         * {@code prompt_tokens_details} in real traffic and {@code input_tokens_details} in one reference.
         */
        public Integer cacheCreationTokens() {
            if (xDetails == null) {
                return null;
            }
            Integer sum = null;
            for (BillingDetail detail : xDetails) {
                InputTokensDetails details = detail == null
                        ? null
                        : detail.promptTokensDetails() != null
                                ? detail.promptTokensDetails()
                                : detail.inputTokensDetails();
                if (details != null && details.cacheCreationInputTokens() != null) {
                    sum = (sum == null ? 0 : sum) + details.cacheCreationInputTokens();
                }
            }
            return sum;
        }
    }

    /** One billing step of {@code usage.x_details}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record BillingDetail(InputTokensDetails promptTokensDetails, InputTokensDetails inputTokensDetails) {}

    /** Cached input tokens, and the tokens that created a cache entry. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record InputTokensDetails(Integer cachedTokens, Integer cacheCreationInputTokens) {}

    /** Reasoning output tokens. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record OutputTokensDetails(Integer reasoningTokens) {}

    /** Why a response stopped early, e.g. {@code max_output_tokens} or {@code content_filter}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record IncompleteDetails(String reason) {}
}
