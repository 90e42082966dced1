package io.github.qwenlangchain4j.internal.responses;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import io.github.qwenlangchain4j.QwenTokenUsage;
import io.github.qwenlangchain4j.internal.json.Json;
import io.github.qwenlangchain4j.internal.mapper.ChatResponseMapper;
import io.github.qwenlangchain4j.responses.QwenAnnotation;
import io.github.qwenlangchain4j.responses.QwenBuiltInToolCall;
import io.github.qwenlangchain4j.responses.QwenResponsesChatResponseMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Responses API response -> LangChain4j {@link ChatResponse}: the text of the message items, the reasoning items as
 * thinking, function calls as tool execution requests, built-in tool calls and text annotations on the
 * {@link QwenResponsesChatResponseMetadata}. The stream accumulator ends with the same mapping of the response that
 * {@code response.completed} carries, so sync and streaming answers are built alike.
 */
public final class ResponsesResponseMapper {

    private ResponsesResponseMapper() {}

    /**
     * Maps a complete response.
     *
     * @throws IllegalStateException when an output item is not an object of the expected shape
     */
    public static ChatResponse toChatResponse(ResponseObject response, String requestId) {
        StringBuilder text = new StringBuilder();
        StringBuilder thinking = new StringBuilder();
        List<ToolExecutionRequest> toolRequests = new ArrayList<>();
        List<QwenBuiltInToolCall> builtInCalls = new ArrayList<>();
        List<QwenAnnotation> annotations = new ArrayList<>();
        for (JsonNode node : response.output() == null ? List.<JsonNode>of() : response.output()) {
            OutputItem item = item(node);
            if (item.isBuiltInToolCall()) {
                builtInCalls.add(toBuiltInToolCall(node));
                continue;
            }
            switch (item.type()) {
                case OutputItem.MESSAGE -> {
                    for (OutputItem.Part part : parts(item.content())) {
                        if ("output_text".equals(part.type()) && part.text() != null) {
                            text.append(part.text());
                            annotations.addAll(toAnnotations(part.annotations()));
                        }
                    }
                }
                case OutputItem.REASONING -> {
                    // Qwen puts its reasoning in summary_text parts, some models in reasoning_text content parts
                    for (OutputItem.Part part : parts(item.summary())) {
                        append(thinking, part.text());
                    }
                    for (OutputItem.Part part : parts(item.content())) {
                        append(thinking, part.text());
                    }
                }
                case OutputItem.FUNCTION_CALL ->
                    toolRequests.add(ToolExecutionRequest.builder()
                            .id(item.callId() != null ? item.callId() : item.id())
                            .name(item.name())
                            .arguments(
                                    item.arguments() == null || item.arguments().isEmpty() ? "{}" : item.arguments())
                            .build());
                default -> {}
            }
        }
        return build(
                response, requestId, text.toString(), thinking.toString(), toolRequests, builtInCalls, annotations);
    }

    /**
     * Maps a response whose output a stream delivered piece by piece ({@code response.completed} without its output
     * items, or with fewer than the stream reported): the text, thinking, function calls, built-in tool calls and
     * annotations the stream built, with the response's id, status and usage.
     */
    public static ChatResponse toChatResponse(
            ResponseObject response,
            String requestId,
            String text,
            String thinking,
            List<ToolExecutionRequest> toolRequests,
            List<QwenBuiltInToolCall> builtInCalls,
            List<QwenAnnotation> annotations) {
        return build(response, requestId, text, thinking, toolRequests, builtInCalls, annotations);
    }

    private static ChatResponse build(
            ResponseObject response,
            String requestId,
            String text,
            String thinking,
            List<ToolExecutionRequest> toolRequests,
            List<QwenBuiltInToolCall> builtInCalls,
            List<QwenAnnotation> annotations) {
        return ChatResponse.builder()
                .aiMessage(ChatResponseMapper.aiMessage(text, thinking, toolRequests))
                .metadata(QwenResponsesChatResponseMetadata.builder()
                        .responseId(response.id())
                        .requestId(requestId)
                        .modelName(response.model())
                        .status(response.status())
                        .tokenUsage(toTokenUsage(response.usage()))
                        .finishReason(finishReason(response, !toolRequests.isEmpty()))
                        .builtInToolCalls(builtInCalls)
                        .annotations(annotations)
                        .build())
                .build();
    }

    private static void append(StringBuilder thinking, String part) {
        if (part == null || part.isEmpty()) {
            return;
        }
        if (thinking.length() > 0) {
            thinking.append('\n');
        }
        thinking.append(part);
    }

    static OutputItem item(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalStateException("an output item is not a JSON object: " + node);
        }
        try {
            OutputItem item = Json.MAPPER.treeToValue(node, OutputItem.class);
            if (item.type() == null) {
                throw new IllegalStateException("an output item has no type");
            }
            return item;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an output item is not the expected JSON: " + e.getOriginalMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    static QwenBuiltInToolCall toBuiltInToolCall(JsonNode node) {
        Map<String, Object> details = Json.MAPPER.convertValue(node, Map.class);
        return new QwenBuiltInToolCall(
                node.path("type").asText(), textOrNull(node, "id"), textOrNull(node, "status"), details);
    }

    private static String textOrNull(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static List<OutputItem.Part> parts(List<OutputItem.Part> parts) {
        return parts == null
                ? List.of()
                : parts.stream().filter(Objects::nonNull).toList();
    }

    static List<QwenAnnotation> toAnnotations(List<Map<String, Object>> annotations) {
        if (annotations == null) {
            return List.of();
        }
        List<QwenAnnotation> mapped = new ArrayList<>(annotations.size());
        for (Map<String, Object> annotation : annotations) {
            if (annotation != null) {
                mapped.add(toAnnotation(annotation));
            }
        }
        return mapped;
    }

    static QwenAnnotation toAnnotation(Map<String, Object> annotation) {
        return new QwenAnnotation(
                string(annotation.get("type")),
                string(annotation.get("url")),
                string(annotation.get("title")),
                integer(annotation.get("start_index")),
                integer(annotation.get("end_index")),
                annotation);
    }

    private static String string(Object value) {
        return value instanceof String text ? text : null;
    }

    private static Integer integer(Object value) {
        return value instanceof Number number ? number.intValue() : null;
    }

    /** Usage with cached and reasoning tokens, or null when Qwen sent none. */
    public static QwenTokenUsage toTokenUsage(ResponseObject.Usage usage) {
        if (usage == null) {
            return null;
        }
        Integer cached = usage.inputTokensDetails() == null
                ? null
                : usage.inputTokensDetails().cachedTokens();
        Integer reasoning = usage.outputTokensDetails() == null
                ? null
                : usage.outputTokensDetails().reasoningTokens();
        return new QwenTokenUsage(
                usage.inputTokens(),
                usage.outputTokens(),
                usage.totalTokens(),
                cached,
                reasoning,
                usage.cacheCreationTokens());
    }

    private static FinishReason finishReason(ResponseObject response, boolean hasToolCalls) {
        if (hasToolCalls) {
            return FinishReason.TOOL_EXECUTION;
        }
        if ("incomplete".equals(response.status())) {
            String reason = response.incompleteDetails() == null
                    ? null
                    : response.incompleteDetails().reason();
            if ("content_filter".equals(reason)) {
                return FinishReason.CONTENT_FILTER;
            }
            return FinishReason.LENGTH;
        }
        return FinishReason.STOP;
    }
}
