package io.github.qwenlangchain4j.testkit.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The queue of scripted replies, shared by chat, batch lines and the Responses API: each takes the next one, in
 * order, for a request Qwen would serve. Thread-safe.
 */
public final class ScriptedReplies implements ResponsesApi.Scripts {

    /** What a scripted reply does. */
    public enum Kind {
        /** Answers with text, thinking or tool calls. */
        ANSWER,
        /** Answers with an HTTP error. */
        ERROR,
        /** Streams the text, then ends the stream with an error (an HTTP error when not streaming). */
        STREAM_ERROR,
        /** Closes the connection without answering. */
        DROP_CONNECTION
    }

    /** A tool call of a scripted answer, before it gets its id. */
    public record ToolCall(String name, String argumentsJson) {}

    /**
     * A scripted reply, as the public {@code MockReply} describes it.
     *
     * @param kind        what it does
     * @param thinking    reasoning text, or null
     * @param text        the answer's text (the text before the error for {@link Kind#STREAM_ERROR}), or null
     * @param toolCalls   the tool calls
     * @param status      the HTTP status of an error
     * @param code        the error's code
     * @param message     the error's message
     * @param delay       waited before answering
     * @param nativeShape whether the error has DashScope's flat body rather than the OpenAI-style one
     */
    public record Script(
            Kind kind,
            String thinking,
            String text,
            List<ToolCall> toolCalls,
            int status,
            String code,
            String message,
            Duration delay,
            boolean nativeShape) {

        /** What to answer, with fresh ids for the tool calls. */
        public Completion completion() {
            List<Completion.Call> calls = new ArrayList<>();
            for (ToolCall call : toolCalls) {
                calls.add(new Completion.Call("call_" + Ids.shortId(), call.name(), call.argumentsJson()));
            }
            return new Completion(thinking, text, calls);
        }
    }

    private final Queue<Script> queue = new ConcurrentLinkedQueue<>();

    public void add(Script script) {
        queue.add(script);
    }

    /** The next reply, or null; its delay is the caller's to wait. */
    public Script poll() {
        return queue.poll();
    }

    public void clear() {
        queue.clear();
    }

    /** The next reply as the Responses API uses it, after its delay; null when none is queued. */
    @Override
    public ResponsesApi.Scripted next() {
        Script script = queue.poll();
        if (script == null) {
            return null;
        }
        Pause.sleep(script.delay());
        return switch (script.kind()) {
            case DROP_CONNECTION -> new ResponsesApi.Scripted(null, null, false, true);
            case ERROR ->
                new ResponsesApi.Scripted(
                        null, QwenError.flat(script.status(), script.code(), script.message()), false, false);
            case STREAM_ERROR ->
                new ResponsesApi.Scripted(
                        script.completion(),
                        QwenError.flat(script.status(), script.code(), script.message()),
                        true,
                        false);
            case ANSWER -> new ResponsesApi.Scripted(script.completion(), null, false, false);
        };
    }
}
