package io.github.qwenlangchain4j.responses;

import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;

/**
 * A streaming handler that also hears about Qwen's built-in tools while they run: a search starting, searching,
 * done. Plain {@link StreamingChatResponseHandler}s work unchanged; implement this one to show progress.
 *
 * <p>Called on the stream's thread, between the other callbacks and in the order of the events; never after
 * {@code onCompleteResponse} or {@code onError}.
 */
public interface QwenResponsesStreamingHandler extends StreamingChatResponseHandler {

    /**
     * A built-in tool call changed state.
     *
     * @param event the call's type and id, the event ({@code in_progress}, {@code searching}, {@code completed}, ...)
     *              and, once it is done, the whole call
     */
    default void onBuiltInToolEvent(QwenBuiltInToolEvent event) {}
}
