package io.github.qwenlangchain4j.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Values that fit a JSON schema, for offline answers: tool-call arguments and structured output. Numbers are taken
 * from the user's question, in order, where the schema wants a number ("21.5 degrees" gives
 * {@code celsius: 21.5}), so that demos visibly use their input; everything else gets a plain default per type
 * (the first enum value, {@code "offline"}, 1, {@code false}, one-element arrays, nested objects filled the same way).
 */
final class SchemaValues {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?");
    private static final int MAX_DEPTH = 8;

    private final Deque<String> numbers = new ArrayDeque<>();

    /** Values for a schema, taking numbers from {@code question} in order. */
    SchemaValues(String question) {
        Matcher matcher = NUMBER.matcher(question == null ? "" : question);
        while (matcher.find()) {
            numbers.add(matcher.group());
        }
    }

    /** An object with a value for every property of an object schema (none for a schema without properties). */
    ObjectNode objectFor(JsonNode schema) {
        return object(schema, 0);
    }

    private ObjectNode object(JsonNode schema, int depth) {
        ObjectNode object = NODES.objectNode();
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            object.set(property.getKey(), value(property.getValue(), depth + 1));
        }
        return object;
    }

    private JsonNode value(JsonNode schema, int depth) {
        JsonNode enumValues = schema.path("enum");
        if (enumValues.isArray() && !enumValues.isEmpty()) {
            return enumValues.get(0);
        }
        JsonNode anyOf = schema.path("anyOf");
        if (anyOf.isArray() && !anyOf.isEmpty()) {
            return value(anyOf.get(0), depth);
        }
        String type = schema.path("type").isArray()
                ? schema.path("type").path(0).asText("string")
                : schema.path("type").asText(schema.has("properties") ? "object" : "string");
        return switch (type) {
            case "integer" -> NODES.numberNode(numbers.isEmpty() ? 1 : (long) Double.parseDouble(numbers.poll()));
            case "number" -> NODES.numberNode(numbers.isEmpty() ? 1.0 : Double.parseDouble(numbers.poll()));
            case "boolean" -> NODES.booleanNode(false);
            case "null" -> NODES.nullNode();
            case "array" -> array(schema, depth);
            case "object" -> depth > MAX_DEPTH ? NODES.objectNode() : object(schema, depth);
            default -> NODES.textNode("offline");
        };
    }

    private ArrayNode array(JsonNode schema, int depth) {
        ArrayNode array = NODES.arrayNode();
        JsonNode items = schema.path("items");
        if (items.isObject() && depth <= MAX_DEPTH) {
            array.add(value(items, depth + 1));
        }
        return array;
    }
}
