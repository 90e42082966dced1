package io.github.qwenlangchain4j;

import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;

/**
 * A streaming handler that also hears a Qwen-Omni model speak: with
 * {@link QwenChatRequestParameters.Builder#audioOutput(QwenAudioOutput) audioOutput} set, each {@code delta.audio}
 * of the stream reaches {@link #onPartialAudio} as it arrives, decoded, so it can be played at once. Plain
 * {@link StreamingChatResponseHandler}s work unchanged; either way the whole audio is on the final response's
 * {@link QwenChatResponseMetadata#audio()}.
 *
 * <p>Called on the stream's thread, between the other callbacks and in the order of the events; never after
 * {@code onCompleteResponse} or {@code onError}.
 *
 * <p>The pieces travel as {@link #onUnmappedRawEvent LangChain4j's unmapped raw events}, which handler wrappers
 * (listeners, decorators, even one that calls {@code doChat} on another thread) pass on; this interface turns them
 * back into {@link #onPartialAudio}. A handler that overrides {@code onUnmappedRawEvent} calls {@code super}'s to keep
 * them.
 */
public interface QwenStreamingAudioHandler extends StreamingChatResponseHandler {

    /**
     * A piece of the spoken answer arrived.
     *
     * @param audio the decoded audio bytes and/or transcript piece
     */
    default void onPartialAudio(QwenPartialAudio audio) {}

    /**
     * Passes a {@link QwenPartialAudio} on to {@link #onPartialAudio}; ignores other events.
     *
     * @param event the event the model could not map to LangChain4j's other callbacks
     */
    @Override
    default void onUnmappedRawEvent(Object event) {
        if (event instanceof QwenPartialAudio audio) {
            onPartialAudio(audio);
        }
    }
}
