package io.github.qwenlangchain4j.responses;

import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import io.github.qwenlangchain4j.internal.client.SseCall;
import io.github.qwenlangchain4j.internal.client.StreamFormat;
import io.github.qwenlangchain4j.internal.responses.ResponseEvent;
import io.github.qwenlangchain4j.internal.responses.ResponsesStreamAccumulator;
import io.github.qwenlangchain4j.internal.stream.HandlerBridge;

/**
 * Qwen through the Responses API, streaming, as a LangChain4j {@link StreamingChatModel}: text deltas reach
 * {@code onPartialResponse}, reasoning {@code onPartialThinking}, function-call arguments {@code onPartialToolCall}
 * and {@code onCompleteToolCall}, and {@code response.completed} one {@code onCompleteResponse} with usage (cached
 * and reasoning tokens) and a {@link QwenResponsesChatResponseMetadata}. A failure, including Qwen's
 * {@code response.failed} event, reaches {@code onError} once. Built-in tool progress (a search starting, searching,
 * done) reaches handlers that implement {@link QwenResponsesStreamingHandler}; plain handlers work unchanged.
 * Unknown event types are skipped.
 *
 * <p>See {@link QwenResponsesChatModel} for the options. Thread-safe; build once and share.
 */
public class QwenResponsesStreamingChatModel extends QwenResponsesBaseChatModel implements StreamingChatModel {

    /** Qwen ends a Responses stream after its last event, without {@code [DONE]}. */
    static final StreamFormat<ResponseEvent> EVENTS =
            StreamFormat.endingWith(ResponseEvent.class, ResponseEvent::isLast, "response.completed");

    private QwenResponsesStreamingChatModel(Builder builder) {
        super(builder);
    }

    /**
     * A builder; only {@link io.github.qwenlangchain4j.QwenConnectionBuilder#apiKey(String) apiKey} is required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void doChat(ChatRequest chatRequest, StreamingChatResponseHandler handler) {
        HandlerBridge<ResponseEvent> bridge = new HandlerBridge<>(handler, ResponsesStreamAccumulator::new);
        SseCall<ResponseEvent> call;
        try {
            QwenResponsesChatRequestParameters parameters = parametersOf(chatRequest.parameters());
            call = client.streams()
                    .streamAsync(RESPONSES, body(chatRequest.messages(), parameters, true), EVENTS, bridge);
        } catch (RuntimeException invalid) {
            // refused before sending: reported like every other failure, through the handler
            bridge.onError(invalid);
            return;
        }
        bridge.attach(call);
        call.start();
    }

    /**
     * Builder of {@link QwenResponsesStreamingChatModel}; see {@link QwenResponsesBaseChatModel.Builder} for every
     * option.
     */
    public static final class Builder
            extends QwenResponsesBaseChatModel.Builder<QwenResponsesStreamingChatModel, Builder> {

        Builder() {}

        @Override
        public QwenResponsesStreamingChatModel build() {
            return new QwenResponsesStreamingChatModel(this);
        }
    }
}
