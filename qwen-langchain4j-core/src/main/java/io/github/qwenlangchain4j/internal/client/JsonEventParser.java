package io.github.qwenlangchain4j.internal.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import okio.Buffer;

/**
 * Parses the JSON payloads of one event stream with a single Jackson parser for the whole stream.
 *
 * <p>Why: a stream has thousands of small events, and setting up a parser per event (the parser, its symbol table,
 * read contexts, text buffer and content reference) was about half of the bytes allocated per chunk (JFR profile of
 * the 5,000-chunk benchmark). Jackson's non-blocking parser accepts one input after another and reads several root
 * values in sequence, so each event's bytes are fed to the same parser, which keeps its field-name table and contexts.
 * Every event is a complete JSON value, so the data binding never sees a token that is not yet available.
 *
 * <p>Not thread-safe: one instance per stream, used by the thread reading it.
 */
final class JsonEventParser<T> {

    /** The feed buffer starts at a few events' size and grows to the largest event seen. */
    private static final int INITIAL_CAPACITY = 4096;

    /**
     * Reads the common shape of an event straight from the tokens (the parser stands on the value's
     * {@code START_OBJECT}), or declines it. Either way it leaves the parser after the value's end.
     */
    interface FastPath<T> {
        /** The event, or null to have it bound by Jackson from its bytes. */
        T read(JsonParser parser) throws IOException;
    }

    private final ObjectReader reader;
    private final FastPath<T> fastPath;
    private final JsonParser parser;
    private final ByteArrayFeeder feeder;
    private byte[] input = new byte[INITIAL_CAPACITY];

    /**
     * @param fastPath reads the common events without data binding, or null to bind every event
     */
    JsonEventParser(ObjectMapper json, Class<T> type, FastPath<T> fastPath) {
        this.reader = json.readerFor(type);
        this.fastPath = fastPath;
        try {
            this.parser = json.getFactory().createNonBlockingByteArrayParser();
        } catch (IOException e) {
            throw new IllegalStateException("Jackson cannot create a non-blocking parser", e);
        }
        this.feeder = (ByteArrayFeeder) parser.getNonBlockingInputFeeder();
    }

    /**
     * Parses one event's payload (UTF-8 bytes, consumed).
     *
     * @throws RuntimeException a malformed-response error naming the request when the payload is not exactly one
     *                          JSON value of the expected shape, or is JSON null
     */
    T parse(Buffer data, String requestId) {
        int length = (int) data.size();
        if (length + 1 > input.length) {
            input = new byte[Math.max(length + 1, input.length * 2)];
        }
        for (int read = 0; read < length; ) {
            read += data.read(input, read, length - read); // a read copies at most one segment
        }
        T value;
        try {
            // a trailing space ends a top-level scalar (null, a number), which the parser would otherwise wait on
            input[length] = ' ';
            feeder.feedInput(input, 0, length + 1);
            JsonToken first = parser.nextToken();
            if (first == null || first == JsonToken.NOT_AVAILABLE) {
                throw ErrorMapper.malformed("a stream event is empty or not complete JSON", requestId, null);
            }
            if (first == JsonToken.VALUE_NULL) {
                value = null;
            } else if (fastPath != null && first == JsonToken.START_OBJECT) {
                value = fastPath.read(parser);
                if (value == null) {
                    value = reader.readValue(input, 0, length); // rare: usage, tool calls, errors
                }
            } else {
                value = reader.readValue(parser);
            }
            JsonToken after = parser.nextToken();
            if (after != JsonToken.NOT_AVAILABLE) {
                throw ErrorMapper.malformed("a stream event holds more than one JSON value", requestId, null);
            }
        } catch (IOException e) {
            String reason = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
            throw ErrorMapper.malformed("a stream event is not the expected JSON: " + reason, requestId, e);
        }
        if (value == null) {
            throw ErrorMapper.malformed("a stream event is JSON null", requestId, null);
        }
        return value;
    }
}
