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
import io.github.qwenlangchain4j.internal.client.SseCall;
import io.github.qwenlangchain4j.internal.client.StreamListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects one {@link SseCall} to a user's {@link StreamingChatResponseHandler}: chunks go through the accumulator,
 * whose events become partial callbacks as they arrive; the end becomes one {@code onCompleteResponse} or one
 * {@code onError}. It is also the {@link StreamingHandle} given to the callbacks: cancelling closes the call and
 * silences every further callback.
 *
 * <p>An exception thrown by a user callback follows LangChain4j's convention: it is passed to {@code onError} and
 * the stream goes on; an exception thrown by {@code onError} itself is logged and ignored.
 */
public final class HandlerBridge implements StreamListener<ChatCompletionResponse>, StreamEvents, StreamingHandle {

    private static final Logger log = LoggerFactory.getLogger(HandlerBridge.class);

    private final StreamingChatResponseHandler handler;
    private final ChatStreamAccumulator accumulator = new ChatStreamAccumulator(this);
    private volatile SseCall<ChatCompletionResponse> call;
    private volatile boolean cancelled;

    public HandlerBridge(StreamingChatResponseHandler handler) {
        this.handler = handler;
    }

    /** Binds the call this bridge listens to; must happen before the call starts. */
    public void attach(SseCall<ChatCompletionResponse> call) {
        this.call = call;
    }

    @Override
    public void onChunk(ChatCompletionResponse chunk) {
        accumulator.accept(chunk);
    }

    @Override
    public void onComplete(String requestId) {
        ChatResponse response = accumulator.build(requestId);
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

    @Override
    public void cancel() {
        cancelled = true;
        SseCall<ChatCompletionResponse> current = call;
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
