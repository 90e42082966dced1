package io.github.qwenlangchain4j.internal.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * A chat message on the wire, in requests and in non-streaming responses. {@code content} is a {@code String} or a
 * {@code List<ContentPart>} (multimodal user messages, and messages carrying a cache marker). {@code audio} is only
 * ever read: a Qwen-Omni stream's {@code delta.audio}.
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
        String name,
        Audio audio) {

    /** A message without audio: every message of a request. */
    public Message(
            String role,
            Object content,
            String reasoningContent,
            List<ToolCall> toolCalls,
            String toolCallId,
            String name) {
        this(role, content, reasoningContent, toolCalls, toolCallId, name, null);
    }

    public static Message system(Object content) {
        return new Message("system", content, null, null, null, null);
    }

    /** A user message; {@code name} (the participant's name, as in OpenAI's API) may be null. */
    public static Message user(Object content, String name) {
        return new Message("user", content, null, null, null, name);
    }

    public static Message assistant(Object content, String reasoningContent, List<ToolCall> toolCalls) {
        return new Message("assistant", content, reasoningContent, toolCalls, null, null);
    }

    public static Message tool(String toolCallId, String name, Object content) {
        return new Message("tool", content, null, null, toolCallId, name);
    }

    /**
     * A piece of spoken answer ({@code delta.audio} of a Qwen-Omni stream with {@code modalities: ["text","audio"]}):
     * base64 audio {@code data}, and/or a {@code transcript} piece; {@code id} and {@code expires_at} name the audio.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Audio(String id, String data, Long expiresAt, String transcript) {}
}
