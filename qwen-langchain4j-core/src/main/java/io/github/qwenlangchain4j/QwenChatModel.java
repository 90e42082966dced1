package io.github.qwenlangchain4j;

import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.github.qwenlangchain4j.internal.api.ChatCompletionResponse;
import io.github.qwenlangchain4j.internal.client.ErrorMapper;
import io.github.qwenlangchain4j.internal.client.QwenClient;
import io.github.qwenlangchain4j.internal.client.StreamFormat;
import io.github.qwenlangchain4j.internal.mapper.CallPlan;
import io.github.qwenlangchain4j.internal.mapper.CallPlanner.Transport;
import io.github.qwenlangchain4j.internal.mapper.ChatResponseMapper;
import io.github.qwenlangchain4j.internal.stream.ChatStreamAccumulator;
import io.github.qwenlangchain4j.internal.stream.StreamEvents;

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
 * models such as QwQ, Omni models, and hybrid models that think by default such as {@code qwen3.6-plus} or the open
 * Qwen3 models): for them, and whenever thinking is on, the model streams internally and returns the aggregated
 * response. Structured output and a forced tool work on models that think by default: thinking is switched off for
 * such a call unless you asked for it. The model learns from Qwen's refusals which model names must stream or
 * think, so only the first call pays for a refusal. A Qwen-Omni model asked for a spoken answer
 * ({@code audioOutput}) streams too; its audio is on {@link QwenChatResponseMetadata#audio()}. Thread-safe; build
 * once and share.
 */
public class QwenChatModel extends QwenBaseChatModel implements ChatModel {

    private QwenChatModel(Builder builder) {
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
    public ChatResponse doChat(ChatRequest chatRequest) {
        QwenChatRequestParameters parameters = parametersOf(chatRequest.parameters());
        for (int attempt = 1; ; attempt++) {
            CallPlan plan = planner.plan(parameters, Transport.SYNC);
            Object body = body(chatRequest.messages(), parameters, plan);
            try {
                return plan.stream() ? streamAndAggregate(body, parameters) : send(body);
            } catch (InvalidRequestException e) {
                // Qwen refused how the request was sent (must stream, was thinking): plan again with what it taught.
                if (attempt >= MAX_PLANS || !learnedFrom(e, plan)) {
                    throw e;
                }
            }
        }
    }

    private ChatResponse send(Object body) {
        QwenClient.Result<ChatCompletionResponse> result =
                client.post(CHAT_COMPLETIONS, body, ChatCompletionResponse.class);
        try {
            return ChatResponseMapper.toChatResponse(result.body(), result.requestId());
        } catch (IllegalStateException e) {
            throw ErrorMapper.malformed(e.getMessage(), result.requestId(), e);
        }
    }

    private ChatResponse streamAndAggregate(Object body, QwenChatRequestParameters parameters) {
        ChatStreamAccumulator accumulator = new ChatStreamAccumulator(
                StreamEvents.NONE,
                parameters.audioOutput() == null
                        ? null
                        : parameters.audioOutput().format());
        String requestId = client.streams().stream(CHAT_COMPLETIONS, body, StreamFormat.CHAT, accumulator::accept);
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
