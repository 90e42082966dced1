package io.github.qwenlangchain4j.internal.mapper;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import io.github.qwenlangchain4j.QwenAudio;
import io.github.qwenlangchain4j.QwenChatResponseMetadata;
import io.github.qwenlangchain4j.QwenTokenUsage;
import io.github.qwenlangchain4j.internal.api.ChatCompletionResponse;
import io.github.qwenlangchain4j.internal.api.Message;
import io.github.qwenlangchain4j.internal.api.ToolCall;
import io.github.qwenlangchain4j.internal.api.Usage;
import java.util.ArrayList;
import java.util.List;

/** Qwen wire response -> LangChain4j {@link ChatResponse}; also the pieces the stream accumulator needs. */
public final class ChatResponseMapper {

    private ChatResponseMapper() {}

    /**
     * Maps a non-streaming completion.
     *
     * @throws IllegalStateException when the response has no choice or no message (the caller maps it as malformed)
     */
    public static ChatResponse toChatResponse(ChatCompletionResponse response, String headerRequestId) {
        if (response.choices() == null
                || response.choices().isEmpty()
                || response.choices().get(0) == null
                || response.choices().get(0).message() == null) {
            throw new IllegalStateException("the response has no choices[0].message");
        }
        ChatCompletionResponse.Choice choice = response.choices().get(0);
        Message message = choice.message();
        List<ToolExecutionRequest> toolRequests = toToolExecutionRequests(message.toolCalls());
        String text = message.content() instanceof String s ? s : null;
        AiMessage aiMessage = aiMessage(text, message.reasoningContent(), toolRequests);
        return ChatResponse.builder()
                .aiMessage(aiMessage)
                .metadata(metadata(
                        response.id(),
                        response.model(),
                        response.created(),
                        headerRequestId,
                        toTokenUsage(response.usage()),
                        finishReason(choice.finishReason(), !toolRequests.isEmpty()),
                        choice.finishReason(),
                        null))
                .build();
    }

    /** Builds the AI message; empty text next to tool calls becomes null, as LangChain4j expects. */
    public static AiMessage aiMessage(String text, String thinking, List<ToolExecutionRequest> toolRequests) {
        boolean hasTools = toolRequests != null && !toolRequests.isEmpty();
        String finalText = hasTools && (text == null || text.isEmpty()) ? null : text;
        AiMessage.Builder builder = AiMessage.builder()
                .text(finalText == null && !hasTools ? "" : finalText)
                .thinking(thinking == null || thinking.isEmpty() ? null : thinking);
        if (hasTools) {
            builder.toolExecutionRequests(toolRequests);
        }
        return builder.build();
    }

    /**
     * The metadata of an answer: LangChain4j's finish reason next to Qwen's as sent ({@code qwenFinishReason}, or
     * null), and a Qwen-Omni model's spoken answer (or null).
     */
    public static QwenChatResponseMetadata metadata(
            String id,
            String model,
            Long created,
            String headerRequestId,
            QwenTokenUsage usage,
            FinishReason finishReason,
            String qwenFinishReason,
            QwenAudio audio) {
        return QwenChatResponseMetadata.builder()
                .audio(audio)
                .qwenFinishReason(qwenFinishReason)
                .id(id)
                .modelName(model)
                .created(created)
                .requestId(requestId(id, headerRequestId))
                .tokenUsage(usage)
                .finishReason(finishReason)
                .build();
    }

    /** The {@code x-request-id} header, or what the completion id {@code "chatcmpl-" + request id} contains. */
    static String requestId(String completionId, String headerRequestId) {
        if (headerRequestId != null && !headerRequestId.isEmpty()) {
            return headerRequestId;
        }
        return ChatCompletionResponse.requestIdOf(completionId);
    }

    public static QwenTokenUsage toTokenUsage(Usage usage) {
        if (usage == null) {
            return null;
        }
        Integer cached = usage.promptTokensDetails() == null
                ? null
                : usage.promptTokensDetails().cachedTokens();
        Integer reasoning = usage.completionTokensDetails() == null
                ? null
                : usage.completionTokensDetails().reasoningTokens();
        Integer creation = usage.promptTokensDetails() == null
                ? null
                : usage.promptTokensDetails().cacheCreationInputTokens();
        return new QwenTokenUsage(
                usage.promptTokens(), usage.completionTokens(), usage.totalTokens(), cached, reasoning, creation);
    }

    public static FinishReason finishReason(String finishReason, boolean hasToolCalls) {
        if (hasToolCalls) {
            return FinishReason.TOOL_EXECUTION;
        }
        if (finishReason == null) {
            return null;
        }
        return switch (finishReason) {
            case "stop" -> FinishReason.STOP;
            case "length" -> FinishReason.LENGTH;
            case "tool_calls", "function_call" -> FinishReason.TOOL_EXECUTION;
            case "content_filter" -> FinishReason.CONTENT_FILTER;
            default -> FinishReason.OTHER;
        };
    }

    private static List<ToolExecutionRequest> toToolExecutionRequests(List<ToolCall> toolCalls) {
        if (toolCalls == null || toolCalls.isEmpty()) {
            return List.of();
        }
        List<ToolExecutionRequest> requests = new ArrayList<>(toolCalls.size());
        for (ToolCall call : toolCalls) {
            if (call == null) {
                throw new IllegalStateException("the response has a null entry in tool_calls");
            }
            String name = call.function() == null ? null : call.function().name();
            String arguments = call.function() == null ? null : call.function().arguments();
            requests.add(ToolExecutionRequest.builder()
                    .id(call.id())
                    .name(name)
                    .arguments(arguments == null || arguments.isEmpty() ? "{}" : arguments)
                    .build());
        }
        return requests;
    }
}
