package io.github.qwenlangchain4j;

import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.github.qwenlangchain4j.internal.api.ChatCompletionRequest;
import io.github.qwenlangchain4j.internal.api.ChatCompletionResponse;
import io.github.qwenlangchain4j.internal.client.ErrorMapper;
import io.github.qwenlangchain4j.internal.client.QwenApiError;
import io.github.qwenlangchain4j.internal.client.QwenClient;
import io.github.qwenlangchain4j.internal.mapper.ChatRequestMapper;
import io.github.qwenlangchain4j.internal.mapper.ChatResponseMapper;
import io.github.qwenlangchain4j.internal.mapper.QwenModels;
import io.github.qwenlangchain4j.internal.stream.ChatStreamAccumulator;
import io.github.qwenlangchain4j.internal.stream.StreamEvents;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A LangChain4j {@link ChatModel} for Qwen through its OpenAI-compatible API.
 *
 * <pre>{@code
 * ChatModel model = QwenChatModel.builder()
 *         .apiKey(System.getenv("DASHSCOPE_API_KEY"))
 *         .modelName("qwen-plus")
 *         .build();
 * String answer = model.chat("Hello!");
 * }</pre>
 *
 * <p>{@code chat()} works on every Qwen model, including those that refuse non-streaming calls (thinking-only
 * models such as QwQ, Omni models, and hybrid Qwen3 models that think by default): for them, and whenever
 * thinking is on, the model streams internally and returns the aggregated response. It learns which model names
 * need this, so only the first call pays for the refusal. Thread-safe; build once and share.
 */
public class QwenChatModel extends QwenBaseChatModel implements ChatModel {

    private final Set<String> streamOnlyModels = ConcurrentHashMap.newKeySet();

    private QwenChatModel(Builder builder) {
        super(builder);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public ChatResponse doChat(ChatRequest chatRequest) {
        QwenChatRequestParameters parameters = parametersOf(chatRequest.parameters());
        ChatCompletionRequest request =
                ChatRequestMapper.toRequest(chatRequest.messages(), parameters, sendThinking);
        if (mustStream(parameters)) {
            return streamAndAggregate(request, parameters);
        }
        QwenClient.Result<ChatCompletionResponse> result;
        try {
            result = client.post(CHAT_COMPLETIONS,
                    ChatRequestMapper.withCustomParameters(request, parameters.customParameters()),
                    ChatCompletionResponse.class);
        } catch (InvalidRequestException e) {
            if (e.getCause() instanceof QwenApiError error && QwenModels.isStreamingRequired(error.qwenMessage())) {
                streamOnlyModels.add(parameters.modelName());
                return streamAndAggregate(request, parameters);
            }
            throw e;
        }
        try {
            return ChatResponseMapper.toChatResponse(result.body(), result.requestId());
        } catch (IllegalStateException e) {
            throw ErrorMapper.malformed(e.getMessage(), result.requestId(), e);
        }
    }

    private boolean mustStream(QwenChatRequestParameters parameters) {
        return Boolean.TRUE.equals(parameters.enableThinking())
                || QwenModels.isStreamOnly(parameters.modelName())
                || streamOnlyModels.contains(parameters.modelName());
    }

    private ChatResponse streamAndAggregate(ChatCompletionRequest request, QwenChatRequestParameters parameters) {
        ChatStreamAccumulator accumulator = new ChatStreamAccumulator(StreamEvents.NONE);
        String requestId = client.stream(CHAT_COMPLETIONS,
                ChatRequestMapper.withCustomParameters(request.asStreaming(), parameters.customParameters()),
                ChatCompletionResponse.class, accumulator::accept);
        return accumulator.build(requestId);
    }

    /** Builder of {@link QwenChatModel}; see {@link QwenBaseChatModel.Builder} for every option. */
    public static final class Builder extends QwenBaseChatModel.Builder<QwenChatModel, Builder> {

        Builder() {}

        @Override
        public QwenChatModel build() {
            return new QwenChatModel(this);
        }
    }
}
