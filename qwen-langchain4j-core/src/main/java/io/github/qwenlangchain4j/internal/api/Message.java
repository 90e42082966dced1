package io.github.qwenlangchain4j.internal.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * A chat message on the wire, in requests and in non-streaming responses. {@code content} is a {@code String} or,
 * for multimodal user messages, a {@code List<ContentPart>}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Message(
        String role,
        Object content,
        String reasoningContent,
        List<ToolCall> toolCalls,
        String toolCallId,
        String name) {

    public static Message system(String text) {
        return new Message("system", text, null, null, null, null);
    }

    /** A user message; {@code name} (the participant's name, as in OpenAI's API) may be null. */
    public static Message user(Object content, String name) {
        return new Message("user", content, null, null, null, name);
    }

    public static Message assistant(String text, String reasoningContent, List<ToolCall> toolCalls) {
        return new Message("assistant", text, reasoningContent, toolCalls, null, null);
    }

    public static Message tool(String toolCallId, String name, String text) {
        return new Message("tool", text, null, null, toolCallId, name);
    }
}
