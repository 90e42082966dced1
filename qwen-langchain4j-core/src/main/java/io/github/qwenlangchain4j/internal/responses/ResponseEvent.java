package io.github.qwenlangchain4j.internal.responses;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.github.qwenlangchain4j.internal.api.ErrorBody;
import io.github.qwenlangchain4j.internal.api.StreamChunk;

/**
 * One event of a Responses API stream, every type in one record: {@code type} says which fields are set
 * ({@code response.output_text.delta} has {@code delta}, {@code response.output_item.done} has {@code item},
 * {@code response.completed} has {@code response}, {@code error} has {@code code} and {@code message}, ...).
 * Unknown types parse too and are skipped by the accumulator.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ResponseEvent(
        String type,
        Long sequenceNumber,
        ResponseObject response,
        JsonNode item,
        String itemId,
        Integer outputIndex,
        Integer contentIndex,
        Integer summaryIndex,
        String delta,
        String arguments,
        String name,
        String code,
        String message,
        String param,
        String requestId)
        implements StreamChunk {

    public static final String COMPLETED = "response.completed";
    public static final String INCOMPLETE = "response.incomplete";
    public static final String FAILED = "response.failed";
    public static final String ERROR = "error";

    /** The stream's last event: the response is complete, incomplete (cut short) or failed. */
    public boolean isLast() {
        return COMPLETED.equals(type) || INCOMPLETE.equals(type) || FAILED.equals(type);
    }

    /**
     * The failure an {@code error} or {@code response.failed} event reports, in the shape the error mapper reads; or
     * null for every other event.
     */
    @Override
    public ErrorBody.Error error() {
        if (ERROR.equals(type)) {
            return new ErrorBody.Error(
                    message != null ? message : "the stream reported an error", type, param, code, null, requestId);
        }
        if (FAILED.equals(type)) {
            ErrorBody.Error failure = response != null ? response.error() : null;
            return failure != null
                    ? failure
                    : new ErrorBody.Error(
                            "the response failed without a reason", "response.failed", null, null, null, null);
        }
        return null;
    }

    @Override
    public String requestId() {
        return requestId;
    }
}
