package io.github.qwenlangchain4j.responses;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.github.qwenlangchain4j.internal.client.ErrorMapper;
import io.github.qwenlangchain4j.internal.client.QwenClient;
import io.github.qwenlangchain4j.internal.responses.ResponseObject;
import io.github.qwenlangchain4j.internal.responses.ResponsesResponseMapper;

/**
 * Qwen through the Responses API ({@code POST /responses}) as a LangChain4j {@link ChatModel}: built-in tools that
 * run on Qwen's side (web search with its sources, web extraction, code interpreter, image search, MCP servers)
 * beside your own function tools, and multi-turn without resending history ({@code previousResponseId},
 * {@code conversationId}, the session cache).
 *
 * <pre>{@code
 * ChatModel model = QwenResponsesChatModel.builder()
 *         .apiKey(System.getenv("DASHSCOPE_API_KEY"))
 *         .builtInTools(QwenBuiltInTool.webSearch())
 *         .build();
 * ChatResponse response = model.chat(UserMessage.from("What is new in Qwen this week?"));
 * QwenResponsesChatResponseMetadata metadata = (QwenResponsesChatResponseMetadata) response.metadata();
 * metadata.builtInToolCalls().forEach(call -> System.out.println(call.sources()));
 * }</pre>
 *
 * <p>By default every call sends the whole conversation (as AI services with chat memory do) and works statelessly;
 * Qwen stores each response for 7 days unless {@code store(false)}. Errors, retries, redaction and request ids are as
 * for {@link io.github.qwenlangchain4j.QwenChatModel}. Thread-safe; build once and share.
 */
public class QwenResponsesChatModel extends QwenResponsesBaseChatModel implements ChatModel {

    private QwenResponsesChatModel(Builder builder) {
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
    public ChatResponse doChat(ChatRequest chatRequest) {
        QwenResponsesChatRequestParameters parameters = parametersOf(chatRequest.parameters());
        Object body = body(chatRequest.messages(), parameters, false);
        QwenClient.Result<ResponseObject> result = client.post(RESPONSES, body, ResponseObject.class);
        ResponseObject response = result.body();
        String requestId = result.requestId();
        if ("failed".equals(response.status()) && response.error() != null) {
            throw client.streamError(response.error(), requestId);
        }
        try {
            return ResponsesResponseMapper.toChatResponse(response, requestId);
        } catch (IllegalStateException e) {
            throw ErrorMapper.malformed(e.getMessage(), requestId, e);
        }
    }

    /** Builder of {@link QwenResponsesChatModel}; see {@link QwenResponsesBaseChatModel.Builder} for every option. */
    public static final class Builder extends QwenResponsesBaseChatModel.Builder<QwenResponsesChatModel, Builder> {

        Builder() {}

        @Override
        public QwenResponsesChatModel build() {
            return new QwenResponsesChatModel(this);
        }
    }
}
