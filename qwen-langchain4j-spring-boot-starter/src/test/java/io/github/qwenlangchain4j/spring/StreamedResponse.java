package io.github.qwenlangchain4j.spring;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Streams a chat through a model bean and waits for its complete response, for tests that check the request. */
final class StreamedResponse {

    private StreamedResponse() {}

    /** The complete response of {@code model} to {@code messages}, or the stream's error, within 10 seconds. */
    static ChatResponse of(StreamingChatModel model, List<ChatMessage> messages) throws Exception {
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        model.chat(messages, new StreamingChatResponseHandler() {
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
        });
        return done.get(10, TimeUnit.SECONDS);
    }
}
