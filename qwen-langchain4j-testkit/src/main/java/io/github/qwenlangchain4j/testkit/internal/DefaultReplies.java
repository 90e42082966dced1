package io.github.qwenlangchain4j.testkit.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;

/**
 * The reply when nothing is queued. It says plainly that it comes from the offline mock and echoes what it
 * received (the question, the system prompt, tool results), so that samples and demos visibly use their input. When
 * tools are offered and none was called yet, it calls the first one with arguments made from its schema (numbers
 * taken from the question), so an AI service's tool loop runs offline too. When the request asks for JSON that fits
 * a schema (a {@code json_schema} response format, or a system instruction carrying the schema, as
 * qwen-langchain4j sends it), the answer fits the schema, so AI services returning records work offline.
 */
public final class DefaultReplies {

    private static final int MAX_ECHO = 400;
    private static final ObjectMapper JSON = new ObjectMapper();

    private DefaultReplies() {}

    public static Completion replyTo(JsonNode request, String callId) {
        return replyTo(request, callId, List.of());
    }

    /**
     * The reply, which also names the Qwen-Long documents the request referenced ({@code fileid://}) and how each
     * begins, so that a test sees the documents were read.
     */
    public static Completion replyTo(JsonNode request, String callId, List<String> documents) {
        JsonNode messages = request.path("messages");
        JsonNode last = messages.get(messages.size() - 1);
        String thinking =
                QwenRules.thinks(request) ? "[offline] Thinking about: " + abbreviate(lastUserText(messages)) : null;
        JsonNode tools = request.path("tools");
        if (tools.isArray()
                && !tools.isEmpty()
                && !"tool".equals(last.path("role").asText())
                && !"none".equals(request.path("tool_choice").asText())) {
            JsonNode function = tools.get(0).path("function");
            return new Completion(
                    thinking,
                    "",
                    List.of(new Completion.Call(
                            callId,
                            function.path("name").asText(),
                            new SchemaValues(lastUserText(messages))
                                    .objectFor(function.path("parameters"))
                                    .toString())));
        }
        JsonNode schema = requestedSchema(request);
        if (schema != null) {
            return new Completion(
                    thinking,
                    new SchemaValues(lastUserText(messages)).objectFor(schema).toString(),
                    List.of());
        }
        StringBuilder text = new StringBuilder("[offline QwenMockServer: no Qwen API was called] ");
        if ("tool".equals(last.path("role").asText())) {
            text.append("The tool ")
                    .append(last.path("name").asText("?"))
                    .append(" returned: ")
                    .append(abbreviate(textOf(last.path("content"))));
        } else {
            text.append("You asked: \"")
                    .append(abbreviate(lastUserText(messages)))
                    .append('"');
            JsonNode first = messages.get(0);
            if ("system".equals(first.path("role").asText())) {
                text.append(" System prompt: \"")
                        .append(abbreviate(textOf(first.path("content"))))
                        .append('"');
            }
            if (!documents.isEmpty()) {
                text.append(" Documents read: ").append(String.join("; ", documents));
            }
        }
        if ("json_object".equals(request.path("response_format").path("type").asText())) {
            ObjectNode answer = JsonNodeFactory.instance.objectNode().put("answer", text.toString());
            return new Completion(thinking, answer.toString(), List.of());
        }
        return new Completion(thinking, text.toString(), List.of());
    }

    /**
     * The JSON schema the answer must fit: {@code response_format.json_schema.schema}, or the schema a system message
     * carries after the words "JSON schema"; null when the request names none.
     */
    static JsonNode requestedSchema(JsonNode request) {
        JsonNode format = request.path("response_format");
        if ("json_schema".equals(format.path("type").asText())
                && format.at("/json_schema/schema").isObject()) {
            return format.at("/json_schema/schema");
        }
        for (JsonNode message : request.path("messages")) {
            if (!"system".equals(message.path("role").asText())) {
                continue;
            }
            String text = textOf(message.path("content"));
            int mention = text.indexOf("JSON schema");
            int start = mention < 0 ? -1 : text.indexOf('{', mention);
            if (start >= 0) {
                try (JsonParser parser = JSON.createParser(text.substring(start))) {
                    JsonNode schema = JSON.readTree(parser);
                    if (schema != null && schema.isObject()) {
                        return schema;
                    }
                } catch (IOException e) {
                    // not a schema after all: answer as without one
                }
            }
        }
        return null;
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
