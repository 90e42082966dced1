package io.github.qwenlangchain4j.internal.responses;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialToolCall;
import io.github.qwenlangchain4j.internal.client.ErrorMapper;
import io.github.qwenlangchain4j.internal.stream.HandlerBridge;
import io.github.qwenlangchain4j.internal.stream.StreamEvents;
import io.github.qwenlangchain4j.responses.QwenBuiltInToolCall;
import io.github.qwenlangchain4j.responses.QwenBuiltInToolEvent;
import io.github.qwenlangchain4j.responses.QwenResponsesChatResponseMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns the events of one Responses API stream into partial callbacks and one final {@link ChatResponse}: text and
 * reasoning deltas as they come, function calls (announced by {@code response.output_item.added}, their arguments in
 * {@code response.function_call_arguments.delta}s, finished by {@code ...done} or {@code response.output_item.done}),
 * built-in tool progress ({@code response.<tool>_call.<stage>}), and the final response that
 * {@code response.completed} carries. Items are collected as {@code response.output_item.done} reports them, so a
 * completed event without {@code output} loses neither built-in tool calls, their sources, nor the text's
 * annotations; when both carry an item, it is reported once. Unknown event types are skipped. Not thread-safe: one
 * stream, one reader.
 */
public final class ResponsesStreamAccumulator implements HandlerBridge.Aggregate<ResponseEvent> {

    private final StreamEvents events;
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder thinking = new StringBuilder();
    /** Function calls by item id, in the order they were announced. */
    private final Map<String, FunctionCall> functionCalls = new LinkedHashMap<>();
    /** Every item {@code response.output_item.done} reported, in order. */
    private final List<JsonNode> doneItems = new ArrayList<>();

    private ResponseObject last;

    public ResponsesStreamAccumulator(StreamEvents events) {
        this.events = events;
    }

    @Override
    public void accept(ResponseEvent event) {
        String type = event.type();
        if (type == null) {
            return;
        }
        switch (type) {
            case "response.output_text.delta" -> text(event.delta());
            case "response.reasoning_summary_text.delta", "response.reasoning_text.delta" -> thinking(event.delta());
            case "response.output_item.added" -> itemAdded(event);
            case "response.function_call_arguments.delta" -> argumentsDelta(event);
            case "response.function_call_arguments.done" -> argumentsDone(event);
            case "response.output_item.done" -> itemDone(event);
            case ResponseEvent.COMPLETED, ResponseEvent.INCOMPLETE -> last = event.response();
            default -> {
                if (isBuiltInToolProgress(type)) {
                    String stage = type.substring(type.lastIndexOf('.') + 1);
                    events.onQwenEvent(new QwenBuiltInToolEvent(type, event.itemId(), stage, null));
                }
                // every other event (created, in_progress, content_part.*, output_text.done, ...) adds nothing
            }
        }
    }

    /** {@code response.web_search_call.searching}, {@code response.code_interpreter_call.in_progress}, ... */
    private static boolean isBuiltInToolProgress(String type) {
        int dot = type.lastIndexOf('.');
        return type.startsWith("response.")
                && dot > "response.".length()
                && type.substring("response.".length(), dot).endsWith("_call")
                && !type.startsWith("response.function_call");
    }

    private void text(String delta) {
        if (delta != null && !delta.isEmpty()) {
            text.append(delta);
            events.onText(delta);
        }
    }

    private void thinking(String delta) {
        if (delta != null && !delta.isEmpty()) {
            thinking.append(delta);
            events.onThinking(delta);
        }
    }

    private void itemAdded(ResponseEvent event) {
        JsonNode item = event.item();
        if (item != null && OutputItem.FUNCTION_CALL.equals(item.path("type").asText())) {
            String itemId = item.path("id").asText(event.itemId());
            FunctionCall call = functionCalls.computeIfAbsent(
                    itemId == null ? "" : itemId, id -> new FunctionCall(functionCalls.size()));
            call.callId = textOr(item, "call_id", call.callId);
            call.name = textOr(item, "name", call.name);
        }
    }

    private void argumentsDelta(ResponseEvent event) {
        FunctionCall call = functionCalls.computeIfAbsent(
                event.itemId() == null ? "" : event.itemId(), id -> new FunctionCall(functionCalls.size()));
        String delta = event.delta();
        if (delta == null || delta.isEmpty() || call.completed) {
            return;
        }
        call.arguments.append(delta);
        if (call.name != null) {
            events.onPartialToolCall(PartialToolCall.builder()
                    .index(call.index)
                    .id(call.callId)
                    .name(call.name)
                    .partialArguments(delta)
                    .build());
        }
    }

    private void argumentsDone(ResponseEvent event) {
        FunctionCall call = functionCalls.get(event.itemId() == null ? "" : event.itemId());
        if (call == null) {
            return;
        }
        if (event.arguments() != null) {
            call.arguments.setLength(0);
            call.arguments.append(event.arguments()); // the whole arguments win over the sum of the deltas
        }
        if (event.name() != null) {
            call.name = event.name();
        }
        complete(call);
    }

    private void itemDone(ResponseEvent event) {
        JsonNode item = event.item();
        if (item == null || !item.isObject() || item.path("type").asText().isEmpty()) {
            return;
        }
        doneItems.add(item);
        String type = item.path("type").asText();
        if (OutputItem.FUNCTION_CALL.equals(type)) {
            String itemId = item.path("id").asText(event.itemId());
            FunctionCall call = functionCalls.computeIfAbsent(
                    itemId == null ? "" : itemId, id -> new FunctionCall(functionCalls.size()));
            call.callId = textOr(item, "call_id", call.callId);
            call.name = textOr(item, "name", call.name);
            String arguments = textOr(item, "arguments", null);
            if (arguments != null) {
                call.arguments.setLength(0);
                call.arguments.append(arguments);
            }
            complete(call);
        } else if (!type.isEmpty() && !OutputItem.MESSAGE.equals(type) && !OutputItem.REASONING.equals(type)) {
            QwenBuiltInToolCall call = ResponsesResponseMapper.toBuiltInToolCall(item);
            events.onQwenEvent(new QwenBuiltInToolEvent(event.type(), call.id(), "done", call));
        }
    }

    private void complete(FunctionCall call) {
        if (!call.completed) {
            call.completed = true;
            events.onCompleteToolCall(new CompleteToolCall(call.index, call.toRequest()));
        }
    }

    private static String textOr(JsonNode node, String field, String fallback) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isEmpty() ? fallback : value.asText();
    }

    /**
     * The final response, after the stream's last event: the response {@code response.completed} carried, mapped
     * like a sync answer, plus the built-in tool calls only {@code output_item.done} reported; when that response
     * lists no output (some real streams leave it out), the text, thinking and function calls the deltas built, with
     * the built-in tool calls and annotations of the items {@code output_item.done} reported.
     */
    @Override
    public ChatResponse build(String requestId) {
        functionCalls.values().forEach(this::complete);
        if (last == null) {
            throw ErrorMapper.malformed("the stream ended without response.completed", requestId, null);
        }
        if (last.output() != null && !last.output().isEmpty()) {
            ChatResponse response = ResponsesResponseMapper.toChatResponse(last, requestId);
            // a function call only the final response lists (no item events for it) is still reported as complete
            int index = functionCalls.size();
            for (ToolExecutionRequest request : response.aiMessage().toolExecutionRequests()) {
                boolean seen =
                        functionCalls.values().stream().anyMatch(call -> Objects.equals(call.callId, request.id()));
                if (!seen) {
                    events.onCompleteToolCall(new CompleteToolCall(index++, request));
                }
            }
            QwenResponsesChatResponseMetadata metadata = (QwenResponsesChatResponseMetadata) response.metadata();
            List<QwenBuiltInToolCall> calls =
                    merged(metadata.builtInToolCalls(), fromDoneItems().builtInToolCalls());
            return calls.size() == metadata.builtInToolCalls().size()
                    ? response
                    : ResponsesResponseMapper.toChatResponse(
                            last,
                            requestId,
                            response.aiMessage().text(),
                            response.aiMessage().thinking(),
                            response.aiMessage().toolExecutionRequests(),
                            calls,
                            metadata.annotations());
        }
        QwenResponsesChatResponseMetadata items = fromDoneItems();
        ChatResponse fromItems = ResponsesResponseMapper.toChatResponse(last.withOutput(doneItems), requestId);
        return ResponsesResponseMapper.toChatResponse(
                last,
                requestId,
                text.length() > 0 ? text.toString() : fromItems.aiMessage().text(),
                thinking.length() > 0
                        ? thinking.toString()
                        : fromItems.aiMessage().thinking(),
                functionCalls.values().stream().map(FunctionCall::toRequest).toList(),
                items.builtInToolCalls(),
                items.annotations());
    }

    /** What the items {@code output_item.done} reported map to: their built-in tool calls and annotations. */
    private QwenResponsesChatResponseMetadata fromDoneItems() {
        return (QwenResponsesChatResponseMetadata)
                ResponsesResponseMapper.toChatResponse(last.withOutput(doneItems), null)
                        .metadata();
    }

    /** The completed response's calls, then those only the stream reported; an item is one call, by id or content. */
    private static List<QwenBuiltInToolCall> merged(
            List<QwenBuiltInToolCall> completed, List<QwenBuiltInToolCall> done) {
        List<QwenBuiltInToolCall> all = new ArrayList<>(completed);
        for (QwenBuiltInToolCall call : done) {
            boolean known = completed.stream()
                    .anyMatch(other -> call.id() != null ? call.id().equals(other.id()) : call.equals(other));
            if (!known) {
                all.add(call);
            }
        }
        return all;
    }

    private static final class FunctionCall {

        private final int index;
        private final StringBuilder arguments = new StringBuilder();
        private String callId;
        private String name;
        private boolean completed;

        FunctionCall(int index) {
            this.index = index;
        }

        ToolExecutionRequest toRequest() {
            return ToolExecutionRequest.builder()
                    .id(callId)
                    .name(name)
                    .arguments(arguments.length() == 0 ? "{}" : arguments.toString())
                    .build();
        }
    }
}
