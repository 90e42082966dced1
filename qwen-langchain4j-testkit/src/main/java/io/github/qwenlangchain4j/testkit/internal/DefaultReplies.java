package io.github.qwenlangchain4j.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * The reply when nothing is queued. It says plainly that it comes from the offline mock and echoes what it
 * received (the question, the system prompt, tool results), so that samples and demos visibly use their input. When
 * tools are offered and none was called yet, it calls the first one with arguments made from its schema, so an
 * AI service's tool loop runs offline too.
 */
public final class DefaultReplies {

    private static final int MAX_ECHO = 400;

    private DefaultReplies() {}

    public static Completion replyTo(JsonNode request, String callId) {
        JsonNode messages = request.path("messages");
        JsonNode last = messages.get(messages.size() - 1);
        String thinking = QwenRules.thinks(request)
                ? "[offline] Thinking about: " + abbreviate(lastUserText(messages)) : null;
        JsonNode tools = request.path("tools");
        if (tools.isArray() && !tools.isEmpty() && !"tool".equals(last.path("role").asText())
                && !"none".equals(request.path("tool_choice").asText())) {
            JsonNode function = tools.get(0).path("function");
            return new Completion(thinking, "", List.of(new Completion.Call(callId, function.path("name").asText(),
                    argumentsFor(function.path("parameters")).toString())));
        }
        StringBuilder text = new StringBuilder("[offline QwenMockServer: no Qwen API was called] ");
        if ("tool".equals(last.path("role").asText())) {
            text.append("The tool ").append(last.path("name").asText("?")).append(" returned: ")
                    .append(abbreviate(textOf(last.path("content"))));
        } else {
            text.append("You asked: \"").append(abbreviate(lastUserText(messages))).append('"');
            JsonNode first = messages.get(0);
            if ("system".equals(first.path("role").asText())) {
                text.append(" System prompt: \"").append(abbreviate(textOf(first.path("content")))).append('"');
            }
        }
        if ("json_object".equals(request.path("response_format").path("type").asText())) {
            ObjectNode answer = JsonNodeFactory.instance.objectNode().put("answer", text.toString());
            return new Completion(thinking, answer.toString(), List.of());
        }
        return new Completion(thinking, text.toString(), List.of());
    }

    private static ObjectNode argumentsFor(JsonNode schema) {
        ObjectNode arguments = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            JsonNode type = property.getValue().path("type");
            JsonNode enumValues = property.getValue().path("enum");
            if (enumValues.isArray() && !enumValues.isEmpty()) {
                arguments.set(property.getKey(), enumValues.get(0));
                continue;
            }
            switch (type.asText("string")) {
                case "integer" -> arguments.put(property.getKey(), 1);
                case "number" -> arguments.put(property.getKey(), 1.5);
                case "boolean" -> arguments.put(property.getKey(), true);
                case "array" -> arguments.putArray(property.getKey());
                case "object" -> arguments.putObject(property.getKey());
                default -> arguments.put(property.getKey(), "example");
            }
        }
        return arguments;
    }

    private static String lastUserText(JsonNode messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if ("user".equals(messages.get(i).path("role").asText())) {
                return textOf(messages.get(i).path("content"));
            }
        }
        return "";
    }

    private static String textOf(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder sb = new StringBuilder();
        for (JsonNode part : content) {
            if ("text".equals(part.path("type").asText())) {
                sb.append(part.path("text").asText()).append(' ');
            } else {
                sb.append('[').append(part.path("type").asText()).append("] ");
            }
        }
        return sb.toString().strip();
    }

    private static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= MAX_ECHO ? oneLine : oneLine.substring(0, MAX_ECHO) + "...";
    }
}
