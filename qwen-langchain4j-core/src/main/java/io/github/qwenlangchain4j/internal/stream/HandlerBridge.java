package io.github.qwenlangchain4j.internal.stream;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialThinkingContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.PartialToolCallContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import io.github.qwenlangchain4j.internal.api.ChatCompletionResponse;
import io.github.qwenlangchain4j.internal.api.StreamChunk;
import io.github.qwenlangchain4j.internal.client.SseCall;
import io.github.qwenlangchain4j.internal.client.StreamListener;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects one {@link SseCall} to a user's {@link StreamingChatResponseHandler}: events go through the protocol's
 * accumulator, whose events become partial callbacks as they arrive; the end becomes one {@code onCompleteResponse} or one
 * {@code onError}. It is also the {@link StreamingHandle} given to the callbacks: cancelling closes the call and
 * silences every further callback.
 *
 * <p>Qwen's own events (built-in tool progress, Omni audio pieces) go to
 * {@link StreamingChatResponseHandler#onUnmappedRawEvent}, LangChain4j's callback for what its other callbacks do not
 * cover: handler wrappers pass it on (LangChain4j's listener support does, and so must any decorator that wraps the
 * handler), on whatever thread they call {@code doChat}, and {@code QwenStreamingAudioHandler} and
 * {@code QwenResponsesStreamingHandler} turn it back into their typed callbacks.
 *
 * <p>An exception thrown by a user callback follows LangChain4j's convention: it is passed to {@code onError} and
 * the stream goes on; an exception thrown by {@code onError} itself is logged and ignored.
 */
public final class HandlerBridge<T extends StreamChunk> implements StreamListener<T>, StreamEvents, StreamingHandle {

    /** What a protocol's stream adds up to: it takes each event and builds the response at the end. */
    public interface Aggregate<T> {
        void accept(T event);

        ChatResponse build(String requestId);
    }

    private static final Logger log = LoggerFactory.getLogger(HandlerBridge.class);

    private final StreamingChatResponseHandler handler;
    private final Aggregate<T> aggregate;
    private volatile SseCall<T> call;
    private volatile boolean cancelled;
    /**
     * @param aggregate makes the protocol's accumulator, which reports its events to this bridge
     */
    public HandlerBridge(StreamingChatResponseHandler handler, Function<StreamEvents, Aggregate<T>> aggregate) {
        this.handler = handler;
        this.aggregate = aggregate.apply(this);
    }

    /** A bridge for a Chat Completions stream. */
    public static HandlerBridge<ChatCompletionResponse> forChat(StreamingChatResponseHandler handler) {
        return forChat(handler, null);
    }

    /**
     * A bridge for a Chat Completions stream that may carry a Qwen-Omni model's spoken answer.
     *
     * @param audioFormat the format the request asked the audio in, or null
     */
    public static HandlerBridge<ChatCompletionResponse> forChat(
            StreamingChatResponseHandler handler, String audioFormat) {
        return new HandlerBridge<>(handler, events -> new ChatStreamAccumulator(events, audioFormat));
    }

    /** Binds the call this bridge listens to; must happen before the call starts. */
    public void attach(SseCall<T> call) {
        this.call = call;
    }

    @Override
    public void onChunk(T chunk) {
        aggregate.accept(chunk);
    }

    @Override
    public void onComplete(String requestId) {
        ChatResponse response = aggregate.build(requestId);
        if (!cancelled) {
            guarded(() -> handler.onCompleteResponse(response));
        }
    }

    @Override
    public void onError(RuntimeException error) {
        if (!cancelled) {
            reportError(error);
        }
    }

    @Override
    public void onText(String delta) {
        if (!cancelled) {
            guarded(() -> handler.onPartialResponse(new PartialResponse(delta), new PartialResponseContext(this)));
        }
    }

    @Override
    public void onThinking(String delta) {
        if (!cancelled) {
            guarded(() -> handler.onPartialThinking(new PartialThinking(delta), new PartialThinkingContext(this)));
        }
    }

    @Override
    public void onPartialToolCall(PartialToolCall partial) {
        if (!cancelled) {
            guarded(() -> handler.onPartialToolCall(partial, new PartialToolCallContext(this)));
        }
    }

    @Override
    public void onCompleteToolCall(CompleteToolCall complete) {
        if (!cancelled) {
            guarded(() -> handler.onCompleteToolCall(complete));
        }
    }

    /**
     * Reaches a {@code QwenStreamingAudioHandler} or {@code QwenResponsesStreamingHandler}, through any wrapper, as
     * an unmapped raw event.
     */
    @Override
    public void onQwenEvent(Object event) {
        if (!cancelled) {
            guarded(() -> handler.onUnmappedRawEvent(event));
        }
    }

    @Override
    public void cancel() {
        cancelled = true;
        SseCall<T> current = call;
        if (current != null) {
            current.cancel();
        }
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    private void guarded(Runnable callback) {
        try {
            callback.run();
        } catch (Exception e) {
            reportError(e);
        }
    }

    private void reportError(Throwable error) {
        try {
            handler.onError(error);
        } catch (Exception e) {
            log.warn("StreamingChatResponseHandler.onError() threw an exception; it was ignored", e);
        }
    }
}
