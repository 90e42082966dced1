package io.github.qwenlangchain4j.internal.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.io.InputStream;
import okio.Buffer;

/**
 * Parses the JSON payloads of one event stream with a single Jackson parser for the whole stream.
 *
 * <p>Why: a stream has thousands of small events, and setting up a parser per event (the parser, its symbol table,
 * read contexts, text buffer and content reference) was about half of the bytes allocated per chunk (JFR profile of
 * the 5,000-chunk benchmark). A Jackson parser reads several root values in sequence, so one parser reads the
 * events one after the other from an {@link EventInput} that hands it each event's bytes when it asks for more, and
 * keeps its field-name table and contexts for the whole stream.
 *
 * <p>The parser is Jackson's ordinary (blocking) byte parser, not its non-blocking one: in a JFR profile of the same
 * benchmark the non-blocking parser's tokenising was two thirds of the time per chunk, and the ordinary parser reads
 * the same tokens in clearly less. It never blocks here: every event is a complete JSON value, the parser reads
 * nothing past a value's end until it is asked for the next one, and the input ends (-1) when an event is used up,
 * so a truncated event fails as JSON that ends too early. That end is final: on reading -1 Jackson lets go of its
 * input, so the parser reads nothing more. That is right because the only events that make it read to the end (an
 * empty one, a truncated one) fail the stream anyway; a complete event never does, thanks to the trailing space
 * {@link #parse} adds after each one.
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
    private final EventInput events = new EventInput();
    private byte[] input = new byte[INITIAL_CAPACITY];
    /** Bytes handed to the parser over the whole stream, up to the end of the current event. */
    private long fed;

    /**
     * @param fastPath reads the common events without data binding, or null to bind every event
     */
    JsonEventParser(ObjectMapper json, Class<T> type, FastPath<T> fastPath) {
        this.reader = json.readerFor(type);
        this.fastPath = fastPath;
        try {
            this.parser = json.getFactory().createParser(events);
        } catch (IOException e) {
            throw new IllegalStateException("Jackson cannot create a parser", e);
        }
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
            // a trailing space ends a top-level scalar (null, a number), which the parser would otherwise read on
            input[length] = ' ';
            events.next(input, length + 1);
            fed += length + 1;
            JsonToken first = parser.nextToken();
            if (first == null) {
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
            if (!onlyWhitespaceLeft(length + 1)) {
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

    /**
     * Whether the current event holds nothing but whitespace after the value just read (the parser stands on its
     * last token). What is left is whitespace the parser skips before the next event's value.
     */
    private boolean onlyWhitespaceLeft(int eventLength) {
        long left = fed - parser.currentLocation().getByteOffset();
        for (int i = (int) (eventLength - left); i < eventLength; i++) {
            byte b = input[i];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    /** Gives the parser back its buffers; the stream is over. */
    void close() {
        try {
            parser.close();
        } catch (IOException e) {
            // nothing to close but memory
        }
    }

    /**
     * The parser's input: the current event's bytes, then the end (-1) until the next event. The parser reads only
     * when it needs a byte it does not have, so it asks for the next event only when it is asked for its value.
     */
    private static final class EventInput extends InputStream {

        private byte[] bytes;
        private int position;
        private int end;

        void next(byte[] event, int length) {
            bytes = event;
            position = 0;
            end = length;
        }

        @Override
        public int read() {
            return position < end ? bytes[position++] & 0xff : -1;
        }

        @Override
        public int read(byte[] target, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            if (position >= end) {
                return -1;
            }
            int count = Math.min(length, end - position);
            System.arraycopy(bytes, position, target, offset, count);
            position += count;
            return count;
        }
    }
}
