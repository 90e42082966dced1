package io.github.qwenlangchain4j.internal.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A tool call in an assistant message or a stream delta. Qwen adds {@code index} even outside streams; in stream
 * deltas only the first fragment of an index carries {@code id} and {@code name}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ToolCall(Integer index, String id, String type, FunctionCall function) {

    public static ToolCall of(String id, String name, String arguments) {
        return new ToolCall(null, id, "function", new FunctionCall(name, arguments));
    }

    /** The function name and its arguments as a JSON string (possibly a fragment of it in a stream). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FunctionCall(String name, String arguments) {}
}
