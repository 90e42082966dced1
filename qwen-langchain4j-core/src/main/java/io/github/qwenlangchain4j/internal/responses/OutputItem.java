package io.github.qwenlangchain4j.internal.responses;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/**
 * The fields of an output item this library reads: a {@code message} (role, content parts of type
 * {@code output_text} with annotations), a {@code reasoning} item (summary and/or content parts), a
 * {@code function_call} (call id, name, arguments). Every other type is a built-in tool call, kept whole as its JSON.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record OutputItem(
        String type,
        String id,
        String status,
        String role,
        List<Part> content,
        List<Part> summary,
        String callId,
        String name,
        String arguments) {

    public static final String MESSAGE = "message";
    public static final String REASONING = "reasoning";
    public static final String FUNCTION_CALL = "function_call";

    /** A content or summary part: {@code output_text}, {@code reasoning_text}, {@code summary_text}, {@code refusal}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Part(String type, String text, String refusal, List<Map<String, Object>> annotations) {}

    /** Whether this item is neither a message, reasoning nor a function call: a call of a built-in tool. */
    public boolean isBuiltInToolCall() {
        return type != null && !type.equals(MESSAGE) && !type.equals(REASONING) && !type.equals(FUNCTION_CALL);
    }
}
