package io.github.qwenlangchain4j;

import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import io.github.qwenlangchain4j.internal.api.ChatCompletionResponse;
import io.github.qwenlangchain4j.internal.client.SseCall;
import io.github.qwenlangchain4j.internal.client.StreamFormat;
import io.github.qwenlangchain4j.internal.client.StreamListener;
import io.github.qwenlangchain4j.internal.mapper.CallPlan;
import io.github.qwenlangchain4j.internal.mapper.CallPlanner.Transport;
import io.github.qwenlangchain4j.internal.stream.HandlerBridge;
import java.util.function.Predicate;

/**
 * A LangChain4j {@link StreamingChatModel} for Qwen through its OpenAI-compatible API.
 *
 * <pre>{@code
 * StreamingChatModel model = QwenStreamingChatModel.builder()
 *         .apiKey(System.getenv("DASHSCOPE_API_KEY"))
 *         .modelName("qwen-plus")
 *         .enableThinking(true)
 *         .build();
 * model.chat("Why is the sky blue?", handler);
 * }</pre>
 *
 * <p>Text deltas reach {@code onPartialResponse} and thinking deltas {@code onPartialThinking} as they arrive; tool
 * calls are reported per fragment ({@code onPartialToolCall}) and once complete ({@code onCompleteToolCall}); the
 * final {@code ChatResponse} carries text, thinking, tool calls, {@link QwenTokenUsage} and
 * {@link QwenChatResponseMetadata}. A Qwen-Omni model's spoken answer ({@code audioOutput}) reaches handlers that
 * implement {@link QwenStreamingAudioHandler} piece by piece, and the final metadata whole. Exactly one of
 * {@code onCompleteResponse} and {@code onError} is called, once, unless the stream is cancelled through the
 * {@code StreamingHandle} of a callback's context: then the HTTP call is closed and nothing more is called. Callbacks run on an OkHttp thread. Failures before the first event are
 * retried like sync calls; after it, never. Thread-safe; build once and share.
 */
public class QwenStreamingChatModel extends QwenBaseChatModel implements StreamingChatModel {

    private QwenStreamingChatModel(Builder builder) {
        super(builder);
    }

    /**
     * A builder; only {@link QwenConnectionBuilder#apiKey(String) apiKey} is required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void doChat(ChatRequest chatRequest, StreamingChatResponseHandler handler) {
        QwenChatRequestParameters parameters;
        try {
            parameters = parametersOf(chatRequest.parameters());
        } catch (RuntimeException invalid) {
            HandlerBridge.forChat(handler).onError(invalid);
            return;
        }
        HandlerBridge<ChatCompletionResponse> bridge = HandlerBridge.forChat(
                handler,
                parameters.audioOutput() == null
                        ? null
                        : parameters.audioOutput().format());
        start(chatRequest, parameters, bridge, 1);
    }

    /** Plans and starts one attempt; a refusal before the first event that teaches the planner starts the next. */
    private void start(
            ChatRequest chatRequest,
            QwenChatRequestParameters parameters,
            HandlerBridge<ChatCompletionResponse> bridge,
            int attempt) {
        SseCall<ChatCompletionResponse> call;
        try {
            CallPlan plan = planner.plan(parameters, Transport.STREAM);
            call = client.streams()
                    .streamAsync(
                            CHAT_COMPLETIONS,
                            body(chatRequest.messages(), parameters, plan),
                            StreamFormat.CHAT,
                            new Replanning(
                                    bridge,
                                    error -> attempt < MAX_PLANS && !bridge.isCancelled() && learnedFrom(error, plan),
                                    () -> start(chatRequest, parameters, bridge, attempt + 1)));
        } catch (RuntimeException invalid) {
            // Refused before sending: reported like every other failure, through the handler.
            bridge.onError(invalid);
            return;
        }
        bridge.attach(call);
        call.start();
    }

    /**
     * Passes a stream on to the handler bridge, except a refusal before the first event from which the planner
     * learned how the request must be sent (e.g. "Json mode response is not supported when enable_thinking is true"
     * for a model it did not know): then the request is planned and sent again, and the handler hears nothing of it.
     */
    private static final class Replanning implements StreamListener<ChatCompletionResponse> {

        private final HandlerBridge<ChatCompletionResponse> bridge;
        private final Predicate<RuntimeException> teaches;
        private final Runnable retry;
        private volatile boolean delivered;

        Replanning(HandlerBridge<ChatCompletionResponse> bridge, Predicate<RuntimeException> teaches, Runnable retry) {
            this.bridge = bridge;
            this.teaches = teaches;
            this.retry = retry;
        }

        @Override
        public void onChunk(ChatCompletionResponse chunk) {
            delivered = true;
            bridge.onChunk(chunk);
        }

        @Override
        public void onComplete(String requestId) {
            bridge.onComplete(requestId);
        }

        @Override
        public void onError(RuntimeException error) {
            if (!delivered && teaches.test(error)) {
                retry.run();
            } else {
                bridge.onError(error);
            }
        }
    }

    /** Builder of {@link QwenStreamingChatModel}; see {@link QwenBaseChatModel.Builder} for every option. */
    public static final class Builder extends QwenBaseChatModel.Builder<QwenStreamingChatModel, Builder> {

        Builder() {}

        @Override
        public QwenStreamingChatModel build() {
            return new QwenStreamingChatModel(this);
        }
    }
}
