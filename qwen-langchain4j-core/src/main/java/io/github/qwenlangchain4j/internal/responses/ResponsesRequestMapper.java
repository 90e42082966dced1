package io.github.qwenlangchain4j.internal.responses;

import static io.github.qwenlangchain4j.internal.mapper.ChatRequestMapper.unlessCustom;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.ToolChoice;
import io.github.qwenlangchain4j.internal.mapper.ChatRequestMapper;
import io.github.qwenlangchain4j.internal.mapper.ContentMapper;
import io.github.qwenlangchain4j.responses.QwenBuiltInTool;
import io.github.qwenlangchain4j.responses.QwenResponsesChatRequestParameters;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * LangChain4j chat request -> {@code POST /responses} body. Messages become input items: system, user and assistant
 * messages keep their role, an assistant's tool calls become {@code function_call} items and tool results
 * {@code function_call_output} items, matched by call id. Function tools and built-in tools go into one
 * {@code tools} list.
 */
public final class ResponsesRequestMapper {

    private ResponsesRequestMapper() {}

    /**
     * The body for these messages and merged parameters; {@code stream} asks for server-sent events. The custom
     * parameters go in as they are, at top level: one that has the name of a typed field replaces it.
     *
     * @throws IllegalArgumentException     when there is nothing to send or a tool is invalid
     * @throws UnsupportedFeatureException  for content the Responses API cannot take
     */
    public static ResponsesRequest toBody(
            List<ChatMessage> messages, QwenResponsesChatRequestParameters parameters, boolean stream) {
        if (messages == null || messages.isEmpty()) {
            throw new IllegalArgumentException(
                    "messages must not be empty: a Responses request needs at least the new" + " user turn");
        }
        String formatNote = formatNote(messages, parameters.responseFormat());
        List<Map<String, Object>> input = new ArrayList<>(messages.size() + 1);
        if (formatNote != null) {
            input.add(message("system", formatNote));
        }
        for (ChatMessage message : messages) {
            addInput(input, message);
        }
        input = outputsAfterTheirCalls(input);
        Map<String, Object> custom = parameters.customParameters();
        return new ResponsesRequest(
                unlessCustom(custom, "model", parameters.modelName()),
                unlessCustom(custom, "input", input),
                null,
                unlessCustom(custom, "previous_response_id", parameters.previousResponseId()),
                unlessCustom(custom, "conversation", parameters.conversationId()),
                unlessCustom(custom, "store", parameters.store()),
                unlessCustom(custom, "stream", stream ? Boolean.TRUE : null),
                unlessCustom(custom, "temperature", parameters.temperature()),
                unlessCustom(custom, "top_p", parameters.topP()),
                unlessCustom(custom, "max_output_tokens", parameters.maxOutputTokens()),
                unlessCustom(custom, "tools", tools(parameters)),
                unlessCustom(custom, "tool_choice", toolChoice(parameters)),
                unlessCustom(custom, "parallel_tool_calls", parameters.parallelToolCalls()),
                unlessCustom(custom, "enable_thinking", parameters.enableThinking()),
                unlessCustom(
                        custom,
                        "reasoning",
                        parameters.reasoningEffort() == null
                                ? null
                                : Map.of("effort", parameters.reasoningEffort().wireValue())),
                null,
                custom);
    }

    /**
     * Structured output goes to the model as an instruction, as for Chat Completions (the instruction works on every
     * model and in thinking mode); the schema, when given, is part of it.
     */
    private static String formatNote(List<ChatMessage> messages, ResponseFormat format) {
        if (format == null || format.type() != ResponseFormatType.JSON) {
            return null;
        }
        return format.jsonSchema() == null
                ? ChatRequestMapper.JSON_NOTE
                : ChatRequestMapper.JSON_SCHEMA_NOTE + ChatRequestMapper.schemaJson(format.jsonSchema());
    }

    private static void addInput(List<Map<String, Object>> input, ChatMessage message) {
        if (message instanceof SystemMessage system) {
            input.add(message("system", system.text()));
        } else if (message instanceof UserMessage user) {
            input.add(message("user", userContent(user)));
        } else if (message instanceof AiMessage ai) {
            if (ai.text() != null && !ai.text().isEmpty()) {
                input.add(message("assistant", ai.text()));
            }
            for (ToolExecutionRequest call : ai.toolExecutionRequests()) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("type", "function_call");
                item.put("call_id", call.id());
                item.put("name", call.name());
                item.put(
                        "arguments",
                        call.arguments() == null || call.arguments().isBlank() ? "{}" : call.arguments());
                input.add(item);
            }
        } else if (message instanceof ToolExecutionResultMessage result) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("type", "function_call_output");
            item.put("call_id", result.id());
            item.put("output", ContentMapper.toolResultText(result));
            input.add(item);
        } else {
            throw new UnsupportedFeatureException("The Responses API cannot take a " + message.type() + " message");
        }
    }

    /**
     * Qwen requires each {@code function_call_output} to follow its {@code function_call} immediately; LangChain4j
     * keeps an assistant's parallel calls in one message and their results after it, so the outputs are moved up.
     */
    private static List<Map<String, Object>> outputsAfterTheirCalls(List<Map<String, Object>> input) {
        Map<Object, List<Map<String, Object>>> outputs = new LinkedHashMap<>();
        Set<Object> calls = new HashSet<>();
        for (Map<String, Object> item : input) {
            if ("function_call".equals(item.get("type"))) {
                calls.add(item.get("call_id"));
            }
        }
        for (Map<String, Object> item : input) {
            if ("function_call_output".equals(item.get("type")) && calls.contains(item.get("call_id"))) {
                outputs.computeIfAbsent(item.get("call_id"), id -> new ArrayList<>())
                        .add(item);
            }
        }
        if (outputs.isEmpty()) {
            return input;
        }
        Set<Object> moved = new HashSet<>(outputs.keySet());
        List<Map<String, Object>> ordered = new ArrayList<>(input.size());
        for (Map<String, Object> item : input) {
            boolean movedOutput =
                    "function_call_output".equals(item.get("type")) && moved.contains(item.get("call_id"));
            if (movedOutput) {
                continue;
            }
            ordered.add(item);
            if ("function_call".equals(item.get("type"))) {
                List<Map<String, Object>> own = outputs.remove(item.get("call_id"));
                if (own != null) {
                    ordered.addAll(own);
                }
            }
        }
        return ordered;
    }

    private static Map<String, Object> message(String role, Object content) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("role", role);
        item.put("content", content);
        return item;
    }

    private static Object userContent(UserMessage message) {
        if (message.hasSingleText()) {
            return message.singleText();
        }
        List<Map<String, Object>> parts = new ArrayList<>();
        for (Content content : message.contents()) {
            Map<String, Object> part = new LinkedHashMap<>();
            if (content instanceof TextContent text) {
                part.put("type", "input_text");
                part.put("text", text.text());
            } else if (content instanceof ImageContent image) {
                part.put("type", "input_image");
                part.put("image_url", ContentMapper.imageUrl(image.image()));
            } else {
                throw new UnsupportedFeatureException("The Responses API takes text and images in a user message, not "
                        + content.type() + "; use QwenChatModel (Chat Completions) for video and audio input");
            }
            parts.add(part);
        }
        return parts;
    }

    private static List<Map<String, Object>> tools(QwenResponsesChatRequestParameters parameters) {
        List<Map<String, Object>> tools = new ArrayList<>();
        List<ToolSpecification> functions = parameters.toolSpecifications();
        if (functions != null) {
            for (ToolSpecification function : functions) {
                Map<String, Object> tool = new LinkedHashMap<>();
                tool.put("type", "function");
                tool.put("name", ChatRequestMapper.toolName(function));
                if (function.description() != null) {
                    tool.put("description", function.description());
                }
                tool.put("parameters", ChatRequestMapper.toolParameters(function));
                tools.add(tool);
            }
        }
        if (parameters.builtInTools() != null) {
            for (QwenBuiltInTool builtIn : parameters.builtInTools()) {
                tools.add(builtIn.definition());
            }
        }
        return tools.isEmpty() ? null : tools;
    }

    private static Object toolChoice(QwenResponsesChatRequestParameters parameters) {
        ToolChoice choice = parameters.toolChoice();
        if (choice == null) {
            return null;
        }
        if (choice == ToolChoice.REQUIRED
                && (parameters.toolSpecifications() == null
                        || parameters.toolSpecifications().isEmpty())) {
            throw new IllegalArgumentException("toolChoice is REQUIRED but no function tools are given");
        }
        return switch (choice) {
            case AUTO -> "auto";
            case REQUIRED -> "required";
            case NONE -> "none";
        };
    }
}
