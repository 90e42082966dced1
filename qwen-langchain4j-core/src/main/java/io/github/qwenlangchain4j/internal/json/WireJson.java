package io.github.qwenlangchain4j.internal.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.github.qwenlangchain4j.internal.api.ChatCompletionRequest;
import io.github.qwenlangchain4j.internal.api.ChatCompletionResponse;
import io.github.qwenlangchain4j.internal.api.ContentPart;
import io.github.qwenlangchain4j.internal.api.ErrorBody;
import io.github.qwenlangchain4j.internal.api.Message;
import io.github.qwenlangchain4j.internal.api.ResponseFormat;
import io.github.qwenlangchain4j.internal.api.SearchOptions;
import io.github.qwenlangchain4j.internal.api.StreamOptions;
import io.github.qwenlangchain4j.internal.api.Tool;
import io.github.qwenlangchain4j.internal.api.ToolCall;
import io.github.qwenlangchain4j.internal.api.ToolChoiceFunction;
import io.github.qwenlangchain4j.internal.api.Usage;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Writes {@link ChatCompletionRequest} and reads {@link ChatCompletionResponse} with Jackson's streaming API
 * (jackson-core) alone. Databind would do the same, but a fresh JVM pays ~0.25 s for it on its first call: its mapper
 * loads some 500 classes and introspects every record by reflection (annotations, naming strategy, creators).
 *
 * <p>The result is exactly databind's ({@link Json#MAPPER}): the same bytes out, the same records in; tests hold
 * the two side by side. Anything outside the shapes written here (a value of another type in a map, a number where
 * a string belongs, a string where a number belongs, malformed JSON...) goes to databind, which then coerces or
 * fails with its own message, so those cases behave as before.
 */
public final class WireJson {

    /** jackson-core's factory, with the same defaults (read constraints, escaping) as the mapper's own. */
    public static final JsonFactory FACTORY = new JsonFactory();

    private WireJson() {}

    /** Not a shape this class writes or reads: the caller hands the value or text to databind. */
    private static final class Unsupported extends RuntimeException {
        Unsupported() {
            super(null, null, false, false);
        }
    }

    private static final Unsupported UNSUPPORTED = new Unsupported();

    /*
     * The record types read by hand, from a parser positioned on their START_OBJECT. Constants and a switch rather
     * than method references: each lambda is a class spun at run time, which a first call would pay for.
     */
    private static final int CHOICE = 0;
    private static final int MESSAGE = 1;
    private static final int TOOL_CALL = 2;
    private static final int FUNCTION_CALL = 3;
    private static final int USAGE = 4;
    private static final int PROMPT_TOKENS_DETAILS = 5;
    private static final int COMPLETION_TOKENS_DETAILS = 6;
    private static final int ERROR = 7;
    private static final int AUDIO = 8;

    // ---- writing

    /**
     * {@code body} as JSON bytes (UTF-8), as {@code Json.MAPPER.writeValueAsBytes(body)} would write them.
     *
     * @throws JsonProcessingException when databind cannot serialise it
     */
    public static byte[] write(Object body) throws JsonProcessingException {
        byte[] bytes = body instanceof ChatCompletionRequest request ? writeByHand(request) : null;
        return bytes != null ? bytes : Json.MAPPER.writeValueAsBytes(body);
    }

    /** The request written by hand, or null when it holds a value only databind knows how to write. */
    static byte[] writeByHand(ChatCompletionRequest request) {
        // as databind does it: the factory's pooled buffers, given back when done
        BufferRecycler recycler = FACTORY._getBufferRecycler();
        try (ByteArrayBuilder out = new ByteArrayBuilder(recycler)) {
            try (JsonGenerator generator = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
                request(generator, request);
            }
            byte[] bytes = out.toByteArray();
            out.release();
            return bytes;
        } catch (Unsupported | IOException e) {
            return null;
        } finally {
            recycler.releaseToPool();
        }
    }

    private static void request(JsonGenerator g, ChatCompletionRequest r) throws IOException {
        g.writeStartObject();
        field(g, "model", r.model());
        field(g, "messages", r.messages());
        field(g, "temperature", r.temperature());
        field(g, "top_p", r.topP());
        field(g, "top_k", r.topK());
        field(g, "max_tokens", r.maxTokens());
        field(g, "stop", r.stop());
        field(g, "seed", r.seed());
        field(g, "presence_penalty", r.presencePenalty());
        field(g, "repetition_penalty", r.repetitionPenalty());
        field(g, "enable_thinking", r.enableThinking());
        field(g, "thinking_budget", r.thinkingBudget());
        field(g, "enable_search", r.enableSearch());
        field(g, "search_options", r.searchOptions());
        field(g, "vl_high_resolution_images", r.vlHighResolutionImages());
        field(g, "enable_code_interpreter", r.enableCodeInterpreter());
        field(g, "parallel_tool_calls", r.parallelToolCalls());
        field(g, "modalities", r.modalities());
        field(g, "audio", r.audio());
        field(g, "tools", r.tools());
        field(g, "tool_choice", r.toolChoice());
        field(g, "response_format", r.responseFormat());
        field(g, "stream", r.stream());
        field(g, "stream_options", r.streamOptions());
        g.writeEndObject();
    }

    /** A field of a {@code NON_NULL} record: left out when null. */
    private static void field(JsonGenerator g, String name, Object value) throws IOException {
        if (value != null) {
            g.writeFieldName(name);
            value(g, value);
        }
    }

    /** A field of a record that writes nulls. */
    private static void nullableField(JsonGenerator g, String name, Object value) throws IOException {
        g.writeFieldName(name);
        value(g, value);
    }

    private static void value(JsonGenerator g, Object value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof String s) {
            g.writeString(s);
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof Integer i) {
            g.writeNumber(i);
        } else if (value instanceof Long l) {
            g.writeNumber(l);
        } else if (value instanceof Double d) {
            g.writeNumber(d);
        } else if (value instanceof Float f) {
            g.writeNumber(f);
        } else if (value instanceof BigDecimal d) {
            g.writeNumber(d);
        } else if (value instanceof BigInteger i) {
            g.writeNumber(i);
        } else if (value instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String key)) {
                    throw UNSUPPORTED;
                }
                g.writeFieldName(key);
                value(g, entry.getValue());
            }
            g.writeEndObject();
        } else if (value instanceof Collection<?> items) {
            g.writeStartArray();
            for (Object item : items) {
                value(g, item);
            }
            g.writeEndArray();
        } else {
            record(g, value);
        }
    }

    /** The wire records that requests contain, each with databind's field names, order and null handling. */
    private static void record(JsonGenerator g, Object value) throws IOException {
        g.writeStartObject();
        if (value instanceof Message m) {
            field(g, "role", m.role());
            field(g, "content", m.content());
            field(g, "reasoning_content", m.reasoningContent());
            field(g, "tool_calls", m.toolCalls());
            field(g, "tool_call_id", m.toolCallId());
            field(g, "name", m.name());
            field(g, "audio", m.audio());
        } else if (value instanceof ContentPart part) {
            field(g, "type", part.type());
            field(g, "text", part.text());
            field(g, "image_url", part.imageUrl());
            field(g, "video_url", part.videoUrl());
            field(g, "input_audio", part.inputAudio());
            field(g, "cache_control", part.cacheControl());
        } else if (value instanceof ContentPart.CacheControl cache) {
            nullableField(g, "type", cache.type());
        } else if (value instanceof ChatCompletionRequest.AudioOutput audio) {
            field(g, "voice", audio.voice());
            field(g, "format", audio.format());
        } else if (value instanceof Message.Audio audio) {
            field(g, "id", audio.id());
            field(g, "data", audio.data());
            field(g, "expires_at", audio.expiresAt());
            field(g, "transcript", audio.transcript());
        } else if (value instanceof ContentPart.Url url) {
            nullableField(g, "url", url.url());
        } else if (value instanceof ContentPart.InputAudio audio) {
            field(g, "data", audio.data());
            field(g, "format", audio.format());
        } else if (value instanceof Tool tool) {
            field(g, "type", tool.type());
            field(g, "function", tool.function());
        } else if (value instanceof Tool.Function function) {
            field(g, "name", function.name());
            field(g, "description", function.description());
            field(g, "parameters", function.parameters());
        } else if (value instanceof ToolCall call) {
            field(g, "index", call.index());
            field(g, "id", call.id());
            field(g, "type", call.type());
            field(g, "function", call.function());
        } else if (value instanceof ToolCall.FunctionCall function) {
            field(g, "name", function.name());
            field(g, "arguments", function.arguments());
        } else if (value instanceof SearchOptions options) {
            field(g, "forced_search", options.forcedSearch());
            field(g, "search_strategy", options.searchStrategy());
            field(g, "enable_search_extension", options.enableSearchExtension());
            field(g, "freshness", options.freshness());
            field(g, "assigned_site_list", options.assignedSiteList());
        } else if (value instanceof ResponseFormat format) {
            nullableField(g, "type", format.type());
        } else if (value instanceof StreamOptions options) {
            nullableField(g, "include_usage", options.includeUsage());
        } else if (value instanceof ToolChoiceFunction choice) {
            nullableField(g, "type", choice.type());
            nullableField(g, "function", choice.function());
        } else if (value instanceof ToolChoiceFunction.Name name) {
            nullableField(g, "name", name.name());
        } else {
            throw UNSUPPORTED;
        }
        g.writeEndObject();
    }

    // ---- reading

    /**
     * Parses {@code json} as {@code Json.MAPPER.readValue(json, type)} would.
     *
     * @return the value, or null for JSON {@code null}
     * @throws JsonProcessingException when databind cannot parse it (malformed JSON, a value of the wrong type)
     */
    public static <T> T read(String json, Class<T> type) throws JsonProcessingException {
        if (type == ChatCompletionResponse.class && json != null) {
            Object response = readByHand(json);
            if (response != FALLBACK) {
                return type.cast(response);
            }
        }
        return Json.MAPPER.readValue(json, type);
    }

    /**
     * Parses {@code json} (UTF-8) as {@code Json.MAPPER.readValue(json, type)} would.
     *
     * @return the value, or null for JSON {@code null}
     * @throws IOException when databind cannot parse it (malformed JSON, a value of the wrong type)
     */
    public static <T> T read(byte[] json, Class<T> type) throws IOException {
        if (type == ChatCompletionResponse.class && json != null) {
            Object response = readByHand(json);
            if (response != FALLBACK) {
                return type.cast(response);
            }
        }
        return Json.MAPPER.readValue(json, type);
    }

    /** What {@link #readByHand} returns for text it leaves to databind. */
    static final Object FALLBACK = new Object();

    /**
     * A chat completion (or chunk) read by hand: the response, null for JSON {@code null}, or {@link #FALLBACK}
     * when the text is not the expected shape or not JSON (databind then coerces it or fails with its own message).
     */
    static Object readByHand(String json) {
        try (JsonParser parser = FACTORY.createParser(json)) {
            return root(parser);
        } catch (Unsupported | IOException e) {
            return FALLBACK;
        }
    }

    /** {@link #readByHand(String)} for UTF-8 bytes. */
    static Object readByHand(byte[] json) {
        try (JsonParser parser = FACTORY.createParser(json)) {
            return root(parser);
        } catch (Unsupported | IOException e) {
            return FALLBACK;
        }
    }

    private static ChatCompletionResponse root(JsonParser p) throws IOException {
        JsonToken token = p.nextToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.START_OBJECT) {
            throw UNSUPPORTED;
        }
        return response(p);
    }

    private static ChatCompletionResponse response(JsonParser p) throws IOException {
        String id = null;
        Long created = null;
        String model = null;
        List<ChatCompletionResponse.Choice> choices = null;
        Usage usage = null;
        ErrorBody.Error error = null;
        String requestId = null;
        String code = null;
        String message = null;
        int seen = 0; // the fields read so far, one bit each
        String name;
        for (int expected = 0; (name = nextName(p, RESPONSE_ORDER, expected)) != null;
                expected = after(RESPONSE_ORDER, name, expected)) {
            JsonToken t = p.nextToken();
            switch (name) {
                case "id" -> {
                    seen = once(seen, 1);
                    id = string(p, t);
                }
                case "created" -> {
                    seen = once(seen, 2);
                    created = longValue(p, t);
                }
                case "model" -> {
                    seen = once(seen, 4);
                    model = string(p, t);
                }
                case "choices" -> {
                    seen = once(seen, 8);
                    choices = list(p, t, CHOICE);
                }
                case "usage" -> {
                    seen = once(seen, 16);
                    usage = object(p, t, USAGE);
                }
                case "error" -> {
                    seen = once(seen, 32);
                    error = object(p, t, ERROR);
                }
                case "request_id" -> {
                    seen = once(seen, 64);
                    requestId = string(p, t);
                }
                case "code" -> {
                    seen = once(seen, 128);
                    code = string(p, t);
                }
                case "message" -> {
                    seen = once(seen, 256);
                    message = string(p, t);
                }
                default -> p.skipChildren();
            }
        }
        endOfObject(p);
        return new ChatCompletionResponse(id, created, model, choices, usage, error, requestId, code, message);
    }

    private static ChatCompletionResponse.Choice choice(JsonParser p) throws IOException {
        Integer index = null;
        Message message = null;
        Message delta = null;
        String finishReason = null;
        int seen = 0; // the fields read so far, one bit each
        String name;
        for (int expected = 0; (name = nextName(p, CHOICE_ORDER, expected)) != null;
                expected = after(CHOICE_ORDER, name, expected)) {
            JsonToken t = p.nextToken();
            switch (name) {
                case "index" -> {
                    seen = once(seen, 1);
                    index = integer(p, t);
                }
                case "message" -> {
                    seen = once(seen, 2);
                    message = object(p, t, MESSAGE);
                }
                case "delta" -> {
                    seen = once(seen, 4);
                    delta = object(p, t, MESSAGE);
                }
                case "finish_reason" -> {
                    seen = once(seen, 8);
                    finishReason = string(p, t);
                }
                default -> p.skipChildren();
            }
        }
        endOfObject(p);
        return new ChatCompletionResponse.Choice(index, message, delta, finishReason);
    }

    private static Message message(JsonParser p) throws IOException {
        String role = null;
        Object content = null;
        String reasoningContent = null;
        List<ToolCall> toolCalls = null;
        String toolCallId = null;
        String participant = null;
        Message.Audio audio = null;
        int seen = 0; // the fields read so far, one bit each
        String name;
        for (int expected = 0; (name = nextName(p, MESSAGE_ORDER, expected)) != null;
                expected = after(MESSAGE_ORDER, name, expected)) {
            JsonToken t = p.nextToken();
            switch (name) {
                case "role" -> {
                    seen = once(seen, 1);
                    role = string(p, t);
                }
                case "content" -> {
                    seen = once(seen, 2);
                    content = string(p, t); // a string in completions; anything else goes to databind
                }
                case "reasoning_content" -> {
                    seen = once(seen, 4);
                    reasoningContent = string(p, t);
                }
                case "tool_calls" -> {
                    seen = once(seen, 8);
                    toolCalls = list(p, t, TOOL_CALL);
                }
                case "tool_call_id" -> {
                    seen = once(seen, 16);
                    toolCallId = string(p, t);
                }
                case "name" -> {
                    seen = once(seen, 32);
                    participant = string(p, t);
                }
                case "audio" -> {
                    seen = once(seen, 64);
                    audio = object(p, t, AUDIO);
                }
                default -> p.skipChildren();
            }
        }
        endOfObject(p);
        return new Message(role, content, reasoningContent, toolCalls, toolCallId, participant, audio);
    }

    /** {@code delta.audio} of a Qwen-Omni stream. */
    private static Message.Audio audio(JsonParser p) throws IOException {
        String id = null;
        String data = null;
        Long expiresAt = null;
        String transcript = null;
        int seen = 0; // the fields read so far, one bit each
        String name;
        while ((name = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            switch (name) {
                case "id" -> {
                    seen = once(seen, 1);
                    id = string(p, t);
                }
                case "data" -> {
                    seen = once(seen, 2);
                    data = string(p, t);
                }
                case "expires_at" -> {
                    seen = once(seen, 4);
                    expiresAt = longValue(p, t);
                }
                case "transcript" -> {
                    seen = once(seen, 8);
                    transcript = string(p, t);
                }
                default -> p.skipChildren();
            }
        }
        endOfObject(p);
        return new Message.Audio(id, data, expiresAt, transcript);
    }

    private static ToolCall toolCall(JsonParser p) throws IOException {
        Integer index = null;
        String id = null;
        String type = null;
        ToolCall.FunctionCall function = null;
        int seen = 0; // the fields read so far, one bit each
        String name;
        while ((name = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            switch (name) {
                case "index" -> {
                    seen = once(seen, 1);
                    index = integer(p, t);
                }
                case "id" -> {
                    seen = once(seen, 2);
                    id = string(p, t);
                }
                case "type" -> {
                    seen = once(seen, 4);
                    type = string(p, t);
                }
                case "function" -> {
                    seen = once(seen, 8);
                    function = object(p, t, FUNCTION_CALL);
                }
                default -> p.skipChildren();
            }
        }
        endOfObject(p);
        return new ToolCall(index, id, type, function);
    }

    private static ToolCall.FunctionCall functionCall(JsonParser p) throws IOException {
        String functionName = null;
        String arguments = null;
        int seen = 0; // the fields read so far, one bit each
        String name;
        while ((name = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            switch (name) {
                case "name" -> {
                    seen = once(seen, 1);
                    functionName = string(p, t);
                }
                case "arguments" -> {
                    seen = once(seen, 2);
                    arguments = string(p, t);
                }
                default -> p.skipChildren();
            }
        }
        endOfObject(p);
        return new ToolCall.FunctionCall(functionName, arguments);
    }

    private static Usage usage(JsonParser p) throws IOException {
        Integer promptTokens = null;
        Integer completionTokens = null;
        Integer totalTokens = null;
        Usage.PromptTokensDetails promptDetails = null;
        Usage.CompletionTokensDetails completionDetails = null;
        int seen = 0; // the fields read so far, one bit each
        String name;
        for (int expected = 0; (name = nextName(p, USAGE_ORDER, expected)) != null;
                expected = after(USAGE_ORDER, name, expected)) {
            JsonToken t = p.nextToken();
            switch (name) {
                case "prompt_tokens" -> {
                    seen = once(seen, 1);
                    promptTokens = integer(p, t);
                }
                case "completion_tokens" -> {
                    seen = once(seen, 2);
                    completionTokens = integer(p, t);
                }
                case "total_tokens" -> {
                    seen = once(seen, 4);
                    totalTokens = integer(p, t);
                }
                case "prompt_tokens_details" -> {
                    seen = once(seen, 8);
                    promptDetails = object(p, t, PROMPT_TOKENS_DETAILS);
                }
                case "completion_tokens_details" -> {
                    seen = once(seen, 16);
                    completionDetails = object(p, t, COMPLETION_TOKENS_DETAILS);
                }
                default -> p.skipChildren();
            }
        }
        endOfObject(p);
        return new Usage(promptTokens, completionTokens, totalTokens, promptDetails, completionDetails);
    }

    private static Usage.PromptTokensDetails promptTokensDetails(JsonParser p) throws IOException {
        Integer cachedTokens = null;
        Integer cacheCreationInputTokens = null;
        String cacheType = null;
        int seen = 0; // the fields read so far, one bit each
        String name;
        for (int expected = 0; (name = nextName(p, PROMPT_TOKENS_DETAILS_ORDER, expected)) != null;
                expected = after(PROMPT_TOKENS_DETAILS_ORDER, name, expected)) {
            JsonToken t = p.nextToken();
            if (name.equals("cached_tokens")) {
                seen = once(seen, 1);
                cachedTokens = integer(p, t);
            } else if (name.equals("cache_creation_input_tokens")) {
                seen = once(seen, 2);
                cacheCreationInputTokens = integer(p, t);
            } else if (name.equals("cache_type")) {
                seen = once(seen, 4);
                cacheType = string(p, t);
            } else {
                p.skipChildren();
            }
        }
        endOfObject(p);
        return new Usage.PromptTokensDetails(cachedTokens, cacheCreationInputTokens, cacheType);
    }

    private static Usage.CompletionTokensDetails completionTokensDetails(JsonParser p) throws IOException {
        Integer reasoningTokens = null;
        int seen = 0; // the fields read so far, one bit each
        String name;
        while ((name = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            if (name.equals("reasoning_tokens")) {
                seen = once(seen, 1);
                reasoningTokens = integer(p, t);
            } else {
                p.skipChildren();
            }
        }
        endOfObject(p);
        return new Usage.CompletionTokensDetails(reasoningTokens);
    }

    private static ErrorBody.Error error(JsonParser p) throws IOException {
        String message = null;
        String type = null;
        String param = null;
        String code = null;
        String id = null;
        String requestId = null;
        int seen = 0; // the fields read so far, one bit each
        String name;
        while ((name = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            switch (name) {
                case "message" -> {
                    seen = once(seen, 1);
                    message = string(p, t);
                }
                case "type" -> {
                    seen = once(seen, 2);
                    type = string(p, t);
                }
                case "param" -> {
                    seen = once(seen, 4);
                    param = string(p, t);
                }
                case "code" -> { // a number here is coerced by databind
                    seen = once(seen, 8);
                    code = string(p, t);
                }
                case "id" -> {
                    seen = once(seen, 16);
                    id = string(p, t);
                }
                case "request_id" -> {
                    seen = once(seen, 32);
                    requestId = string(p, t);
                }
                default -> p.skipChildren();
            }
        }
        endOfObject(p);
        return new ErrorBody.Error(message, type, param, code, id, requestId);
    }

    /*
     * Qwen's field order in a completion (Model Studio, OpenAI-compatible Chat Completions, the non-streaming response
     * example; /work/shared/fixtures/chat/chat_response_nonstream_basic.json): each object's reader asks the parser
     * whether the next name is the one this order expects (a comparison of the bytes in place) before reading and
     * looking it up. Reading field names was a third of the parse in a JFR profile of the sync call. Any other order
     * or field reads the same, only without the shortcut.
     */
    private static final SerializedString[] RESPONSE_ORDER =
            names("choices", "object", "usage", "created", "system_fingerprint", "model", "id");
    private static final SerializedString[] CHOICE_ORDER = names("message", "finish_reason", "index", "logprobs");
    private static final SerializedString[] MESSAGE_ORDER = names("role", "content");
    private static final SerializedString[] USAGE_ORDER =
            names("prompt_tokens", "completion_tokens", "total_tokens", "prompt_tokens_details");
    private static final SerializedString[] PROMPT_TOKENS_DETAILS_ORDER = names("cached_tokens");

    private static SerializedString[] names(String... names) {
        SerializedString[] serialized = new SerializedString[names.length];
        for (int i = 0; i < names.length; i++) {
            serialized[i] = new SerializedString(names[i]);
        }
        return serialized;
    }

    /**
     * The next field name of the object, as {@link JsonParser#nextFieldName()} returns it (null at the object's end),
     * asking first for {@code order[expected]}.
     */
    private static String nextName(JsonParser p, SerializedString[] order, int expected) throws IOException {
        if (expected >= order.length) {
            return p.nextFieldName();
        }
        if (p.nextFieldName(order[expected])) {
            return order[expected].getValue();
        }
        return p.currentToken() == JsonToken.FIELD_NAME ? p.currentName() : null;
    }

    /** Where in {@code order} the name after {@code name} is expected. */
    private static int after(SerializedString[] order, String name, int expected) {
        if (expected < order.length && order[expected].getValue() == name) {
            return expected + 1; // the expected name: nextName returned the order's own string
        }
        for (int i = 0; i < order.length; i++) {
            if (order[i].getValue().equals(name)) {
                return i + 1;
            }
        }
        return expected;
    }

    /** {@code seen} with {@code bit} set; a field given twice is left to databind, which refuses it for records. */
    private static int once(int seen, int bit) {
        if ((seen & bit) != 0) {
            throw UNSUPPORTED;
        }
        return seen | bit;
    }

    /** {@code nextFieldName()} returns null on the object's end, and on anything else, which cannot happen. */
    private static void endOfObject(JsonParser p) {
        if (p.currentToken() != JsonToken.END_OBJECT) {
            throw UNSUPPORTED;
        }
    }

    private static String string(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        throw UNSUPPORTED;
    }

    private static Integer integer(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
            return p.getIntValue();
        }
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        throw UNSUPPORTED;
    }

    private static Long longValue(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            return p.getLongValue();
        }
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        throw UNSUPPORTED;
    }

    private static Object read(JsonParser p, int type) throws IOException {
        return switch (type) {
            case CHOICE -> choice(p);
            case MESSAGE -> message(p);
            case TOOL_CALL -> toolCall(p);
            case FUNCTION_CALL -> functionCall(p);
            case USAGE -> usage(p);
            case PROMPT_TOKENS_DETAILS -> promptTokensDetails(p);
            case COMPLETION_TOKENS_DETAILS -> completionTokensDetails(p);
            case ERROR -> error(p);
            case AUDIO -> audio(p);
            default -> throw new IllegalArgumentException("no reader for " + type);
        };
    }

    @SuppressWarnings("unchecked")
    private static <T> T object(JsonParser p, JsonToken t, int type) throws IOException {
        if (t == JsonToken.START_OBJECT) {
            return (T) read(p, type);
        }
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        throw UNSUPPORTED;
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> list(JsonParser p, JsonToken t, int type) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.START_ARRAY) {
            throw UNSUPPORTED;
        }
        List<T> items = new ArrayList<>();
        JsonToken item;
        while ((item = p.nextToken()) != JsonToken.END_ARRAY) {
            if (item == JsonToken.START_OBJECT) {
                items.add((T) read(p, type));
            } else if (item == JsonToken.VALUE_NULL) {
                items.add(null);
            } else {
                throw UNSUPPORTED;
            }
        }
        return items;
    }
}
