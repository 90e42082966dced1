package io.github.qwenlangchain4j.testkit.internal;

import java.util.List;

/**
 * What the mock answers, before it is rendered as JSON or as a stream.
 *
 * @param thinking  reasoning text, or null
 * @param text      the answer text ("" with tool calls)
 * @param toolCalls tool calls with their ids
 */
public record Completion(String thinking, String text, List<Call> toolCalls) {

    /** A tool call with its id. */
    public record Call(String id, String name, String argumentsJson) {}

    public String finishReason() {
        return toolCalls.isEmpty() ? "stop" : "tool_calls";
    }
}
