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

    /** A piece of a Qwen-Omni model's spoken answer arrived. */
    default void onAudio(io.github.qwenlangchain4j.QwenPartialAudio audio) {}

    /** A built-in tool of the Responses API changed state. */
    default void onBuiltInToolEvent(io.github.qwenlangchain4j.responses.QwenBuiltInToolEvent event) {}
}
