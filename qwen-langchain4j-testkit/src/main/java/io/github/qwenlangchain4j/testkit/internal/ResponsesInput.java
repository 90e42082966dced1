package io.github.qwenlangchain4j.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The items of a Responses or Conversations request as the server keeps them: a string {@code input} is one user
 * message; a message with string content gets {@code input_text} parts ({@code output_text} for the assistant),
 * every item an id ({@code msg_<uuid>}, which Qwen uses for every item type) and messages {@code status: completed},
 * as Qwen lists them back ({@code GET /responses/{id}/input_items}, conversation items).
 */
final class ResponsesInput {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int MAX_ECHO = 400;

    private ResponsesInput() {}

    static String newItemId() {
        return "msg_" + UUID.randomUUID();
    }

    /** The request's {@code input} (a string or an array of items) as stored items. */
    static List<ObjectNode> items(JsonNode input) {
        List<ObjectNode> items = new ArrayList<>();
        if (input.isTextual()) {
            items.add(message("user", input.asText()));
        } else if (input.isArray()) {
            for (JsonNode item : input) {
                items.add(item(item));
            }
        }
        return items;
    }

    /** One item, normalized: messages with parts and status, every item with an id. */
    static ObjectNode item(JsonNode item) {
        ObjectNode copy = item.isObject() ? ((ObjectNode) item).deepCopy() : NODES.objectNode();
        boolean isMessage = copy.has("role")
                && (!copy.has("type") || "message".equals(copy.path("type").asText()));
        if (!isMessage) {
            if (!copy.hasNonNull("id")) {
                copy.put("id", newItemId());
            }
            return copy;
        }
        String role = copy.path("role").asText("user");
        ObjectNode message = NODES.objectNode();
        message.put("id", copy.hasNonNull("id") ? copy.get("id").asText() : newItemId());
        message.put("type", "message");
        message.put("role", role);
        message.put("status", copy.path("status").asText("completed"));
        JsonNode content = copy.path("content");
        if (content.isArray()) {
            message.set("content", content);
        } else {
            message.set("content", parts(role, content.asText("")));
        }
        return message;
    }

    static ObjectNode message(String role, String text) {
        ObjectNode message = NODES.objectNode();
        message.put("id", newItemId()).put("type", "message").put("role", role).put("status", "completed");
        message.set("content", parts(role, text));
        return message;
    }

    private static ArrayNode parts(String role, String text) {
        ArrayNode parts = NODES.arrayNode();
        parts.addObject()
                .put("type", "assistant".equals(role) ? "output_text" : "input_text")
                .put("text", text);
        return parts;
    }

    static String type(JsonNode item) {
        return item.path("type").asText(item.has("role") ? "message" : "");
    }

    /** The text of a message (its text parts joined, other parts named in brackets), or of a tool output. */
    static String text(JsonNode item) {
        if ("function_call_output".equals(type(item))) {
            JsonNode output = item.path("output");
            return output.isTextual() ? output.asText() : output.toString();
        }
        JsonNode content = item.path("content");
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            if (part.has("text")) {
                text.append(part.path("text").asText()).append(' ');
            } else {
                text.append('[').append(part.path("type").asText()).append("] ");
            }
        }
        return text.toString().strip();
    }

    static boolean isUserMessage(JsonNode item) {
        return "message".equals(type(item)) && "user".equals(item.path("role").asText());
    }

    /** The text of the last user message, or "". */
    static String lastUserText(List<ObjectNode> items) {
        for (int i = items.size() - 1; i >= 0; i--) {
            if (isUserMessage(items.get(i))) {
                return text(items.get(i));
            }
        }
        return "";
    }

    /** Whether any user message carries an {@code input_image} part. */
    static boolean hasImage(List<ObjectNode> items) {
        for (ObjectNode item : items) {
            for (JsonNode part : item.path("content")) {
                if ("input_image".equals(part.path("type").asText())
                        || "image_url".equals(part.path("type").asText())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The mock's token count of items: about one token per four characters of their text, plus four per item. */
    static int tokens(List<ObjectNode> items) {
        int tokens = 0;
        for (ObjectNode item : items) {
            String type = type(item);
            String text = "message".equals(type) || "function_call_output".equals(type)
                    ? text(item)
                    : item.path("arguments").asText("")
                            + item.path("name").asText("")
                            + item.path("summary").toString();
            tokens += 4 + Tokens.estimate(text);
        }
        return tokens;
    }

    static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= MAX_ECHO ? oneLine : oneLine.substring(0, MAX_ECHO) + "...";
    }
}
