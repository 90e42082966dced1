package io.github.qwenlangchain4j.internal.stream;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialToolCall;
import io.github.qwenlangchain4j.QwenTokenUsage;
import io.github.qwenlangchain4j.internal.api.ChatCompletionResponse;
import io.github.qwenlangchain4j.internal.api.Message;
import io.github.qwenlangchain4j.internal.api.ToolCall;
import io.github.qwenlangchain4j.internal.client.ErrorMapper;
import io.github.qwenlangchain4j.internal.mapper.ChatResponseMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Gathers stream chunks into one {@link ChatResponse}, absorbing Qwen's streaming quirks: tool calls are keyed by
 * {@code index} and their id and name come only in the first fragment (later fragments carry {@code "id": ""},
 * which never overwrites), arguments arrive in pieces (possibly a trailing {@code ""} or {@code null}),
 * {@code finish_reason} may come in a chunk of its own and usage in a last chunk with {@code "choices": []}.
 * Not thread-safe: one stream, one reader thread.
 */
public final class ChatStreamAccumulator implements HandlerBridge.Aggregate<ChatCompletionResponse> {

    private final StreamEvents events;
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder thinking = new StringBuilder();
    private final TreeMap<Integer, ToolCallBuilder> toolCalls = new TreeMap<>();
    private ToolCallBuilder currentToolCall;
    private String id;
    private String model;
    private Long created;
    private String finishReason;
    private QwenTokenUsage usage;

    public ChatStreamAccumulator(StreamEvents events) {
        this.events = events;
    }

    @Override
    public void accept(ChatCompletionResponse chunk) {
        if (chunk.id() != null && !chunk.id().isEmpty()) {
            id = chunk.id();
        }
        if (chunk.model() != null) {
            model = chunk.model();
        }
        if (chunk.created() != null) {
            created = chunk.created();
        }
        if (chunk.usage() != null) {
            usage = ChatResponseMapper.toTokenUsage(chunk.usage());
        }
        if (chunk.choices() == null) {
            return;
        }
        for (ChatCompletionResponse.Choice choice : chunk.choices()) {
            if (choice == null) {
                throw ErrorMapper.malformed("a stream event has a null choice", chunk.requestId(), null);
            }
            Message delta = choice.delta() != null ? choice.delta() : choice.message();
            if (delta != null) {
                acceptDelta(delta);
            }
            if (choice.finishReason() != null) {
                finishReason = choice.finishReason();
            }
        }
    }

    private void acceptDelta(Message delta) {
        String reasoning = delta.reasoningContent();
        if (reasoning != null && !reasoning.isEmpty()) {
            thinking.append(reasoning);
            events.onThinking(reasoning);
        }
        if (delta.content() instanceof String content && !content.isEmpty()) {
            text.append(content);
            events.onText(content);
        }
        if (delta.toolCalls() != null) {
            for (ToolCall fragment : delta.toolCalls()) {
                if (fragment == null || (fragment.index() != null && fragment.index() < 0)) {
                    throw ErrorMapper.malformed("a tool call fragment is null or has a negative index", id, null);
                }
                acceptToolCallFragment(fragment);
            }
        }
    }

    private void acceptToolCallFragment(ToolCall fragment) {
        int index = fragment.index() != null ? fragment.index() : (currentToolCall == null ? 0 : currentToolCall.index);
        if (currentToolCall != null && currentToolCall.index != index) {
            completeCurrentToolCall();
        }
        ToolCallBuilder call = toolCalls.computeIfAbsent(index, ToolCallBuilder::new);
        currentToolCall = call;
        if (fragment.id() != null && !fragment.id().isEmpty()) {
            call.id = fragment.id();
        }
        String arguments = null;
        if (fragment.function() != null) {
            String name = fragment.function().name();
            if (name != null && !name.isEmpty()) {
                call.name = name;
            }
            arguments = fragment.function().arguments();
            if (arguments != null) {
                call.arguments.append(arguments);
            }
        }
        // PartialToolCall requires a name and non-empty arguments: fragments without arguments add nothing to report.
        if (arguments != null && !arguments.isEmpty() && call.name != null) {
            events.onPartialToolCall(PartialToolCall.builder()
                    .index(index)
                    .id(call.id)
                    .name(call.name)
                    .partialArguments(arguments)
                    .build());
        }
    }

    private void completeCurrentToolCall() {
        if (currentToolCall != null && !currentToolCall.completed) {
            currentToolCall.completed = true;
            events.onCompleteToolCall(new CompleteToolCall(currentToolCall.index, currentToolCall.toRequest()));
        }
        currentToolCall = null;
    }

    /** Builds the final response after {@code [DONE]}; completes the last tool call first. */
    @Override
    public ChatResponse build(String headerRequestId) {
        completeCurrentToolCall();
        List<ToolExecutionRequest> requests = new ArrayList<>(toolCalls.size());
        for (ToolCallBuilder call : toolCalls.values()) {
            if (!call.completed) {
                call.completed = true;
                events.onCompleteToolCall(new CompleteToolCall(call.index, call.toRequest()));
            }
            requests.add(call.toRequest());
        }
        return ChatResponse.builder()
                .aiMessage(ChatResponseMapper.aiMessage(text.toString(), thinking.toString(), requests))
                .metadata(ChatResponseMapper.metadata(id, model, created, headerRequestId, usage,
                        ChatResponseMapper.finishReason(finishReason, !requests.isEmpty())))
                .build();
    }

    private static final class ToolCallBuilder {

        private final int index;
        private final StringBuilder arguments = new StringBuilder();
        private String id;
        private String name;
        private boolean completed;

        ToolCallBuilder(int index) {
            this.index = index;
        }

        ToolExecutionRequest toRequest() {
            return ToolExecutionRequest.builder()
                    .id(id)
                    .name(name)
                    .arguments(arguments.length() == 0 ? "{}" : arguments.toString())
                    .build();
        }
    }
}
