package io.github.qwenlangchain4j.spring;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Streams a chat through a model bean, for tests that check the request or what the stream was counted as. */
final class StreamedResponse {

    private StreamedResponse() {}

    /** The complete response of {@code model} to {@code messages}, or the stream's error, within 10 seconds. */
    static ChatResponse of(StreamingChatModel model, List<ChatMessage> messages) throws Exception {
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        model.chat(messages, completing(done));
        return done.get(10, TimeUnit.SECONDS);
    }

    /** Starts a stream of {@code model}'s answer to {@code message}: its complete response, or its error. */
    static CompletableFuture<ChatResponse> start(StreamingChatModel model, String message) {
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        model.chat(message, completing(done));
        return done;
    }

    private static StreamingChatResponseHandler completing(CompletableFuture<ChatResponse> done) {
        return new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partialResponse) {}

            @Override
            public void onCompleteResponse(ChatResponse completeResponse) {
                done.complete(completeResponse);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        };
    }
}
