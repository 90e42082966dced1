package io.github.qwenlangchain4j.testkit;

import io.github.qwenlangchain4j.testkit.internal.ScriptedReplies;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A scripted reply for {@link QwenMockServer#enqueue(MockReply)}. Chat replies are served as JSON or as an SSE
 * stream, whichever the request asks for, shaped like Qwen's (reasoning chunks, tool-call fragments, usage chunk).
 * Immutable; {@link #withDelay} returns a copy.
 */
public final class MockReply {

    enum Kind {
        TEXT,
        TOOL_CALLS,
        ERROR,
        STREAM_ERROR,
        DROP_CONNECTION
    }

    final Kind kind;
    final String text;
    final String thinking;
    final List<ToolCall> toolCalls;
    final int status;
    final String code;
    final String message;
    final Duration delay;
    final boolean nativeShape;

    private MockReply(
            Kind kind,
            String text,
            String thinking,
            List<ToolCall> toolCalls,
            int status,
            String code,
            String message,
            Duration delay) {
        this(kind, text, thinking, toolCalls, status, code, message, delay, false);
    }

    private MockReply(
            Kind kind,
            String text,
            String thinking,
            List<ToolCall> toolCalls,
            int status,
            String code,
            String message,
            Duration delay,
            boolean nativeShape) {
        this.kind = kind;
        this.text = text;
        this.thinking = thinking;
        this.toolCalls = toolCalls;
        this.status = status;
        this.code = code;
        this.message = message;
        this.delay = delay;
        this.nativeShape = nativeShape;
    }

    /**
     * An assistant answer.
     *
     * @param text the answer's text
     * @return the reply
     */
    public static MockReply text(String text) {
        return new MockReply(
                Kind.TEXT, Objects.requireNonNull(text, "text"), null, List.of(), 200, null, null, Duration.ZERO);
    }

    /**
     * An answer preceded by thinking ({@code reasoning_content}).
     *
     * @param thinking the thinking, streamed before the answer
     * @param text     the answer's text
     * @return the reply
     */
    public static MockReply thinkingThenText(String thinking, String text) {
        return new MockReply(
                Kind.TEXT,
                Objects.requireNonNull(text, "text"),
                Objects.requireNonNull(thinking, "thinking"),
                List.of(),
                200,
                null,
                null,
                Duration.ZERO);
    }

    /**
     * The model calls these tools ({@code finish_reason: tool_calls}).
     *
     * @param toolCalls at least one call
     * @return the reply
     */
    public static MockReply toolCalls(ToolCall... toolCalls) {
        if (toolCalls.length == 0) {
            throw new IllegalArgumentException("at least one tool call is needed");
        }
        return new MockReply(Kind.TOOL_CALLS, "", null, List.of(toolCalls), 200, null, null, Duration.ZERO);
    }

    /**
     * An HTTP error with Qwen's OpenAI-style error body (a refused streaming request gets a 400 as an SSE event,
     * as compatible mode sends it).
     *
     * @param status  the HTTP status, 400 or more
     * @param code    Qwen's error code, e.g. {@code limit_requests}
     * @param message Qwen's error message
     * @return the reply
     */
    public static MockReply error(int status, String code, String message) {
        if (status < 400) {
            throw new IllegalArgumentException("an error needs a 4xx or 5xx status, not " + status);
        }
        return new MockReply(Kind.ERROR, null, null, List.of(), status, code, message, Duration.ZERO);
    }

    /**
     * An HTTP error with DashScope's flat native body {@code {"code", "message", "request_id"}}, e.g.
     * {@code nativeError(429, "Throttling.RateQuota", "Requests rate limit exceeded, please try again later.")},
     * {@code nativeError(400, "DataInspectionFailed", "Input or output data may contain inappropriate content.")},
     * {@code nativeError(503, "ModelUnavailable", "Model is unavailable, please try again later.")} (codes and
     * messages from Model Studio's error-code page).
     *
     * @param status  the HTTP status, 400 or more
     * @param code    the native code
     * @param message the message
     * @return the reply
     */
    public static MockReply nativeError(int status, String code, String message) {
        if (status < 400) {
            throw new IllegalArgumentException("an error needs a 4xx or 5xx status, not " + status);
        }
        return new MockReply(
                Kind.ERROR,
                null,
                null,
                List.of(),
                status,
                Objects.requireNonNull(code, "code"),
                message,
                Duration.ZERO,
                true);
    }

    /**
     * For streaming requests: the text is streamed, then a flat native error event ({@code data: {"code": ...,
     * "message": ..., "request_id": ...}}) ends the stream, e.g. {@code Throttling.RateQuota}. A non-streaming
     * request gets the same error as an HTTP {@code status} with the flat body.
     *
     * @param partialText the text streamed before the error
     * @param status      the HTTP status of the error for a non-streaming request
     * @param code        the native code
     * @param message     the message
     * @return the reply
     */
    public static MockReply nativeErrorMidStream(String partialText, int status, String code, String message) {
        return new MockReply(
                Kind.STREAM_ERROR,
                partialText,
                null,
                List.of(),
                status,
                Objects.requireNonNull(code),
                message,
                Duration.ZERO,
                true);
    }

    /**
     * For streaming requests: the text is streamed, then {@code data: {"error": {...}}} ends the stream, as Qwen
     * does when output moderation trips. A non-streaming request gets a 400 with the same error.
     *
     * @param partialText the text streamed before the error
     * @param code        Qwen's error code, e.g. {@code data_inspection_failed}
     * @param message     Qwen's error message
     * @return the reply
     */
    public static MockReply errorMidStream(String partialText, String code, String message) {
        return new MockReply(Kind.STREAM_ERROR, partialText, null, List.of(), 400, code, message, Duration.ZERO);
    }

    /**
     * The server closes the connection without answering.
     *
     * @return the reply
     */
    public static MockReply dropConnection() {
        return new MockReply(Kind.DROP_CONNECTION, null, null, List.of(), 0, null, null, Duration.ZERO);
    }

    /**
     * The same reply, sent after waiting {@code delay}.
     *
     * @param delay how long the server waits before answering
     * @return a copy of this reply with the delay
     */
    public MockReply withDelay(Duration delay) {
        return new MockReply(
                kind, text, thinking, toolCalls, status, code, message, Objects.requireNonNull(delay), nativeShape);
    }

    /** This reply as the server's internals queue it (they cannot see this package's fields). */
    ScriptedReplies.Script script() {
        ScriptedReplies.Kind scripted = switch (kind) {
            case TEXT, TOOL_CALLS -> ScriptedReplies.Kind.ANSWER;
            case ERROR -> ScriptedReplies.Kind.ERROR;
            case STREAM_ERROR -> ScriptedReplies.Kind.STREAM_ERROR;
            case DROP_CONNECTION -> ScriptedReplies.Kind.DROP_CONNECTION;
        };
        return new ScriptedReplies.Script(
                scripted,
                thinking,
                text,
                toolCalls.stream()
                        .map(call -> new ScriptedReplies.ToolCall(call.name(), call.argumentsJson()))
                        .toList(),
                status,
                code,
                message,
                delay,
                nativeShape);
    }

    /**
     * A tool call in a scripted reply.
     *
     * @param name          the tool's name
     * @param argumentsJson its arguments as a JSON object string, e.g. {@code {"city": "Hangzhou"}}
     */
    public record ToolCall(String name, String argumentsJson) {

        /**
         * Checks the name; null arguments become {@code {}}.
         *
         * @param name          the tool's name
         * @param argumentsJson its arguments as a JSON object string, or null for none
         */
        public ToolCall {
            Objects.requireNonNull(name, "name");
            argumentsJson = argumentsJson == null ? "{}" : argumentsJson;
        }
    }
}
