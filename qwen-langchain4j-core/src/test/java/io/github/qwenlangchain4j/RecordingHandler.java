package io.github.qwenlangchain4j;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialThinkingContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.PartialToolCallContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/** A streaming handler that records every callback, in order, for assertions. */
class RecordingHandler implements StreamingChatResponseHandler {

    final List<String> events = new CopyOnWriteArrayList<>();
    final List<String> texts = new CopyOnWriteArrayList<>();
    final List<String> thinking = new CopyOnWriteArrayList<>();
    final List<PartialToolCall> partialToolCalls = new CopyOnWriteArrayList<>();
    final List<CompleteToolCall> completeToolCalls = new CopyOnWriteArrayList<>();
    final List<Throwable> errors = new CopyOnWriteArrayList<>();
    final AtomicInteger terminalCalls = new AtomicInteger();
    final CompletableFuture<ChatResponse> response = new CompletableFuture<>();
    final CompletableFuture<Throwable> error = new CompletableFuture<>();
    volatile BiConsumer<String, PartialResponseContext> onText = (text, context) -> {};

    @Override
    public void onPartialResponse(PartialResponse partialResponse, PartialResponseContext context) {
        events.add("text:" + partialResponse.text());
        texts.add(partialResponse.text());
        onText.accept(partialResponse.text(), context);
    }

    @Override
    public void onPartialThinking(PartialThinking partialThinking, PartialThinkingContext context) {
        events.add("thinking:" + partialThinking.text());
        thinking.add(partialThinking.text());
    }

    @Override
    public void onPartialToolCall(PartialToolCall partialToolCall, PartialToolCallContext context) {
        events.add("partialToolCall:" + partialToolCall.index());
        partialToolCalls.add(partialToolCall);
    }

    @Override
    public void onCompleteToolCall(CompleteToolCall completeToolCall) {
        events.add("completeToolCall:" + completeToolCall.index());
        completeToolCalls.add(completeToolCall);
    }

    @Override
    public void onCompleteResponse(ChatResponse completeResponse) {
        events.add("complete");
        terminalCalls.incrementAndGet();
        response.complete(completeResponse);
    }

    @Override
    public void onError(Throwable throwable) {
        events.add("error");
        terminalCalls.incrementAndGet();
        errors.add(throwable);
        error.complete(throwable);
    }

    ChatResponse awaitResponse() throws Exception {
        CompletableFuture.anyOf(response, error).get(10, TimeUnit.SECONDS);
        if (error.isDone()) {
            throw new AssertionError("expected a response, got an error", error.get());
        }
        return response.get();
    }

    Throwable awaitError() throws Exception {
        CompletableFuture.anyOf(response, error).get(10, TimeUnit.SECONDS);
        if (!error.isDone()) {
            throw new AssertionError("expected an error, got a response: " + response.get());
        }
        return error.get();
    }
}
