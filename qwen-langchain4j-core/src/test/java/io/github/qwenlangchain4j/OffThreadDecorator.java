package io.github.qwenlangchain4j;

import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialThinkingContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.PartialToolCallContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;

/**
 * A decorator as applications write them (for tracing, rate limiting, fallbacks): it calls the model's
 * {@code doChat} on a thread of its own, with a handler that forwards every callback of LangChain4j's interface to
 * the caller's, as LangChain4j's own listener wrapper does. Qwen's own events must survive it.
 */
public final class OffThreadDecorator implements StreamingChatModel {

    private final StreamingChatModel model;

    public OffThreadDecorator(StreamingChatModel model) {
        this.model = model;
    }

    @Override
    public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
        Thread thread = new Thread(() -> model.doChat(request, new Forwarding(handler)), "decorator");
        thread.setDaemon(true);
        thread.start();
    }

    /** Forwards each callback and knows nothing of Qwen's handler interfaces. */
    private record Forwarding(StreamingChatResponseHandler to) implements StreamingChatResponseHandler {

        @Override
        public void onPartialResponse(PartialResponse partialResponse, PartialResponseContext context) {
            to.onPartialResponse(partialResponse, context);
        }

        @Override
        public void onPartialThinking(PartialThinking partialThinking, PartialThinkingContext context) {
            to.onPartialThinking(partialThinking, context);
        }

        @Override
        public void onPartialToolCall(PartialToolCall partialToolCall, PartialToolCallContext context) {
            to.onPartialToolCall(partialToolCall, context);
        }

        @Override
        public void onCompleteToolCall(CompleteToolCall completeToolCall) {
            to.onCompleteToolCall(completeToolCall);
        }

        @Override
        public void onUnmappedRawEvent(Object event) {
            to.onUnmappedRawEvent(event);
        }

        @Override
        public void onCompleteResponse(ChatResponse completeResponse) {
            to.onCompleteResponse(completeResponse);
        }

        @Override
        public void onError(Throwable error) {
            to.onError(error);
        }
    }
}
