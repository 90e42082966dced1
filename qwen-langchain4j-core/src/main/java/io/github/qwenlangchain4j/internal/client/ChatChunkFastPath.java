package io.github.qwenlangchain4j.internal.client;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
import io.github.qwenlangchain4j.internal.api.ChatCompletionResponse;
import io.github.qwenlangchain4j.internal.api.Message;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the chunk almost every stream event is (an id, a model, one choice whose delta holds text or reasoning text,
 * a finish reason) straight from the parser's tokens, and declines everything else.
 *
 * <p>Why: binding a chunk through Jackson's record creators (a property buffer per record, a look-up per field, a
 * pass for absent values) was two thirds of our parsing time per chunk in the 5,000-chunk profile. The common shape
 * is small and fixed, so reading it directly is cheap and safe; anything beyond it (usage, tool calls, errors, audio,
 * a value of an unexpected type) makes this path decline, and the event is bound by Jackson exactly as before.
 * Fields the record does not have are skipped, as {@code ignoreUnknown} does. One instance per stream (it is not
 * thread-safe).
 */
final class ChatChunkFastPath implements JsonEventParser.FastPath<ChatCompletionResponse> {

    /** Set while reading one event when it holds something only data binding reads right. */
    private boolean declined;
    /** The field order of the last chunk's root, choice and delta objects, which the next chunk most likely repeats. */
    private final FieldOrder rootOrder = new FieldOrder();
    private final FieldOrder choiceOrder = new FieldOrder();
    private final FieldOrder deltaOrder = new FieldOrder();

    @Override
    public ChatCompletionResponse read(JsonParser parser) throws IOException {
        declined = false;
        String id = null;
        Long created = null;
        String model = null;
        List<ChatCompletionResponse.Choice> choices = null;
        String requestId = null;
        rootOrder.start();
        for (JsonToken token = rootOrder.next(parser); token == JsonToken.FIELD_NAME; token = rootOrder.next(parser)) {
            String name = parser.currentName();
            JsonToken value = next(parser);
            if (value == JsonToken.VALUE_NULL) {
                continue;
            }
            switch (name) {
                case "id" -> id = string(parser, value);
                case "model" -> model = string(parser, value);
                case "request_id" -> requestId = string(parser, value);
                case "created" -> {
                    if (value == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                        created = parser.getLongValue();
                    } else {
                        decline(parser);
                    }
                }
                case "choices" -> choices = choices(parser, value);
                // usage, errors (either shape) and anything the record binds that is not a plain string or number
                case "usage", "error", "code", "message" -> decline(parser);
                default -> skip(parser);
            }
        }
        return declined ? null
                : new ChatCompletionResponse(id, created, model, choices, null, null, requestId, null, null);
    }

    private List<ChatCompletionResponse.Choice> choices(JsonParser parser, JsonToken value)
            throws IOException {
        if (value != JsonToken.START_ARRAY) {
            decline(parser);
            return null;
        }
        List<ChatCompletionResponse.Choice> choices = new ArrayList<>(1);
        for (JsonToken token = next(parser); token != JsonToken.END_ARRAY; token = next(parser)) {
            if (token != JsonToken.START_OBJECT) {
                decline(parser); // a null choice or a scalar: the accumulator names it
                continue;
            }
            choices.add(choice(parser));
        }
        return choices;
    }

    private ChatCompletionResponse.Choice choice(JsonParser parser) throws IOException {
        Integer index = null;
        Message delta = null;
        String finishReason = null;
        choiceOrder.start();
        for (JsonToken token = choiceOrder.next(parser); token == JsonToken.FIELD_NAME;
                token = choiceOrder.next(parser)) {
            String name = parser.currentName();
            JsonToken value = next(parser);
            if (value == JsonToken.VALUE_NULL) {
                continue;
            }
            switch (name) {
                case "index" -> {
                    if (value == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() == JsonParser.NumberType.INT) {
                        index = parser.getIntValue();
                    } else {
                        decline(parser);
                    }
                }
                case "finish_reason" -> finishReason = string(parser, value);
                case "delta" -> delta = delta(parser, value);
                case "message" -> decline(parser);
                default -> skip(parser);
            }
        }
        return new ChatCompletionResponse.Choice(index, null, delta, finishReason);
    }

    private Message delta(JsonParser parser, JsonToken value) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            decline(parser);
            return null;
        }
        String role = null;
        String content = null;
        String reasoningContent = null;
        deltaOrder.start();
        for (JsonToken token = deltaOrder.next(parser); token == JsonToken.FIELD_NAME;
                token = deltaOrder.next(parser)) {
            String name = parser.currentName();
            JsonToken field = next(parser);
            if (field == JsonToken.VALUE_NULL) {
                continue;
            }
            switch (name) {
                case "role" -> role = string(parser, field);
                case "content" -> content = string(parser, field);
                case "reasoning_content" -> reasoningContent = string(parser, field);
                // tool calls, audio, and whatever a delta may carry next: bound by Jackson
                default -> decline(parser);
            }
        }
        return new Message(role, content, reasoningContent, null, null, null);
    }

    private String string(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_STRING) {
            return parser.getText();
        }
        decline(parser);
        return null;
    }

    /**
     * The next token of an event that must be complete: a parser fed the event alone answers {@code NOT_AVAILABLE}
     * (non-blocking) or null at its end, so a truncated event would otherwise loop forever.
     */
    private static JsonToken next(JsonParser parser) throws IOException {
        JsonToken token = parser.nextToken();
        if (token == JsonToken.NOT_AVAILABLE || token == null) {
            throw new JsonParseException(parser, "the event ends inside a JSON value");
        }
        return token;
    }

    /** Skips the current value and its children (Jackson's own skip would wait on a truncated event forever). */
    private static void skip(JsonParser parser) throws IOException {
        if (!parser.currentToken().isStructStart()) {
            return;
        }
        for (int depth = 1; depth > 0; ) {
            JsonToken token = next(parser);
            if (token.isStructStart()) {
                depth++;
            } else if (token.isStructEnd()) {
                depth--;
            }
        }
    }

    /** Skips the current value, leaving the parser where reading it would have, and marks the event for binding. */
    private void decline(JsonParser parser) throws IOException {
        declined = true;
        skip(parser);
    }

    /**
     * The field names of one kind of object in the order the last chunk had them. Each chunk of a stream repeats the
     * same fields in the same order, so the parser is asked whether the next name is the expected one
     * ({@link JsonParser#nextFieldName(com.fasterxml.jackson.core.SerializableString)}: a comparison of the bytes in
     * place) instead of reading and looking up each name (in a JFR profile of the 5,000-chunk stream, reading field
     * names was a third of the parsing time). A different name is read as usual and becomes the expectation for that
     * place, so any order reads the same, only without the shortcut.
     */
    private static final class FieldOrder {

        /** Objects with more fields than this are read as usual past it: Qwen's chunks have up to about ten. */
        private static final int MAX_FIELDS = 24;

        private final SerializedString[] names = new SerializedString[MAX_FIELDS];
        private int size;
        private int position;

        /** The parser stands on the object's {@code START_OBJECT}. */
        void start() {
            position = 0;
        }

        /** The next token of the object: a field name (the parser's current name) or its end. */
        JsonToken next(JsonParser parser) throws IOException {
            if (position < size && parser.nextFieldName(names[position])) {
                position++;
                return JsonToken.FIELD_NAME;
            }
            JsonToken token = position < size ? parser.currentToken() : parser.nextToken();
            if (token == JsonToken.NOT_AVAILABLE || token == null) {
                throw new JsonParseException(parser, "the event ends inside a JSON value");
            }
            if (token == JsonToken.FIELD_NAME && position < MAX_FIELDS) {
                names[position++] = new SerializedString(parser.currentName());
                size = position; // what followed the old name here says nothing about what follows this one
            }
            return token;
        }
    }
}
