package io.github.qwenlangchain4j.responses;

import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;

/**
 * A streaming handler that also hears about Qwen's built-in tools while they run: a search starting, searching,
 * done. Plain {@link StreamingChatResponseHandler}s work unchanged; implement this one to show progress.
 *
 * <p>Called on the stream's thread, between the other callbacks and in the order of the events; never after
 * {@code onCompleteResponse} or {@code onError}.
 *
 * <p>The events travel as {@link #onUnmappedRawEvent LangChain4j's unmapped raw events}, which handler wrappers
 * (listeners, decorators, even one that calls {@code doChat} on another thread) pass on; this interface turns them
 * back into {@link #onBuiltInToolEvent}. A handler that overrides {@code onUnmappedRawEvent} calls {@code super}'s to
 * keep them.
 */
public interface QwenResponsesStreamingHandler extends StreamingChatResponseHandler {

    /**
     * A built-in tool call changed state.
     *
     * @param event the call's type and id, the event ({@code in_progress}, {@code searching}, {@code completed}, ...)
     *              and, once it is done, the whole call
     */
    default void onBuiltInToolEvent(QwenBuiltInToolEvent event) {}

    /**
     * Passes a {@link QwenBuiltInToolEvent} on to {@link #onBuiltInToolEvent}; ignores other events.
     *
     * @param event the event the model could not map to LangChain4j's other callbacks
     */
    @Override
    default void onUnmappedRawEvent(Object event) {
        if (event instanceof QwenBuiltInToolEvent builtInToolEvent) {
            onBuiltInToolEvent(builtInToolEvent);
        }
    }
}
