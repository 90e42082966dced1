package io.github.qwenlangchain4j.internal.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * A chat completion or a stream chunk: {@code choices[].message} in the first, {@code choices[].delta} in the
 * second. A chunk may also be an in-stream error: compatible mode's {@code {"error": {...}}}, or DashScope's flat
 * {@code {"code", "message", "request_id"}} (e.g. {@code Throttling.RateQuota} after an {@code event:error} line).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ChatCompletionResponse(
        String id,
        Long created,
        String model,
        List<Choice> choices,
        Usage usage,
        ErrorBody.Error error,
        String requestId,
        String code,
        String message)
        implements StreamChunk {

    private static final String ID_PREFIX = "chatcmpl-";

    /** One choice; Qwen only ever returns one. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Choice(Integer index, Message message, Message delta, String finishReason) {}

    /** The in-stream error in either shape, or null for a normal completion or chunk. */
    @Override
    public ErrorBody.Error error() {
        if (error != null) {
            return error;
        }
        // A flat native error has a code and no choices; a normal chunk never carries a top-level code.
        return code != null && choices == null ? new ErrorBody.Error(message, null, null, code, null, null) : null;
    }

    @Override
    public String requestId() {
        if (requestId != null) {
            return requestId;
        }
        return requestIdOf(id);
    }

    /** The request id inside a completion id, which Qwen builds as {@code "chatcmpl-" + request id}; or null. */
    public static String requestIdOf(String completionId) {
        return completionId != null && completionId.startsWith(ID_PREFIX)
                ? completionId.substring(ID_PREFIX.length())
                : null;
    }
}
