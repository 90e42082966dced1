package io.github.qwenlangchain4j.internal.stream;

import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialToolCall;

/**
 * What the accumulator reports while chunks arrive, in arrival order. The sync fallback ignores them all; the
 * streaming model forwards them to the user's handler. Called on the thread that reads the stream.
 */
public interface StreamEvents {

    StreamEvents NONE = new StreamEvents() {};

    default void onText(String delta) {}

    default void onThinking(String delta) {}

    default void onPartialToolCall(PartialToolCall partial) {}

    default void onCompleteToolCall(CompleteToolCall complete) {}

    /**
     * An event of Qwen's own that LangChain4j's callbacks do not cover: a piece of a Qwen-Omni model's spoken answer
     * ({@code QwenPartialAudio}), a built-in tool of the Responses API changing state ({@code QwenBuiltInToolEvent}).
     * Typed by the protocol that reports it, so that this package knows none of them.
     */
    default void onQwenEvent(Object event) {}
}
