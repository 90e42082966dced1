package io.github.qwenlangchain4j.internal.client;

import java.io.IOException;
import okio.Buffer;
import okio.BufferedSource;
import okio.ByteString;

/**
 * Reads server-sent events from a response body and returns the {@code data} of each event as a buffer of UTF-8
 * bytes, which the JSON parser reads directly: no line is decoded to a {@code String} and no array is copied on the
 * way. Lines are taken only once complete, so an event, a line or a multi-byte UTF-8 character split across network
 * reads decodes the same.
 * Comments ({@code :...}) and the {@code event}, {@code id} and {@code retry} fields are skipped: compatible mode
 * only uses {@code data}. Lines end with {@code \n} or {@code \r\n}.
 */
public final class SseReader {

    private static final ByteString DATA = ByteString.encodeUtf8("data:");

    /**
     * The longest line accepted. Qwen's events are a few hundred bytes; without a bound, a server that never sends a
     * newline would fill the heap while the read timeout, which only measures silence, never trips.
     */
    static final long MAX_LINE_BYTES = 16L * 1024 * 1024;

    private final BufferedSource source;
    private final long maxLineBytes;
    private final Buffer data = new Buffer();

    public SseReader(BufferedSource source) {
        this(source, MAX_LINE_BYTES);
    }

    SseReader(BufferedSource source, long maxLineBytes) {
        this.source = source;
        this.maxLineBytes = maxLineBytes;
    }

    /**
     * Blocks until the next event is complete and returns its data (several {@code data:} lines joined by
     * {@code \n}), or returns null when the body ends. A last event without its terminating blank line is still
     * returned. The buffer is this reader's own: consume it before the next call.
     *
     * @throws dev.langchain4j.exception.LangChain4jException when a line exceeds the length limit
     */
    public Buffer nextEvent() throws IOException {
        data.clear();
        boolean hasData = false;
        while (true) {
            long newline = source.indexOf((byte) '\n', 0, maxLineBytes);
            if (newline < 0 && source.getBuffer().size() >= maxLineBytes) {
                // not an I/O failure to retry: the same server would send the same endless line
                throw ErrorMapper.malformed("an event line is longer than " + maxLineBytes + " bytes", null, null);
            }
            long lineLength = newline >= 0 ? newline : source.getBuffer().size();
            if (newline < 0 && lineLength == 0) {
                return hasData ? data : null; // end of the body
            }
            long contentLength =
                    lineLength > 0 && source.getBuffer().getByte(lineLength - 1) == '\r' ? lineLength - 1 : lineLength;
            if (contentLength == 0) {
                source.skip(newline >= 0 ? lineLength + 1 : lineLength);
                if (hasData) {
                    return data;
                }
                continue;
            }
            if (contentLength >= DATA.size() && source.rangeEquals(0, DATA)) {
                if (hasData) {
                    data.writeByte('\n');
                }
                source.skip(DATA.size());
                long valueLength = contentLength - DATA.size();
                if (valueLength > 0 && source.getBuffer().getByte(0) == ' ') {
                    source.skip(1);
                    valueLength--;
                }
                source.readFully(data, valueLength);
                source.skip(lineLength - contentLength + (newline >= 0 ? 1 : 0));
                hasData = true;
            } else {
                // other fields and comments carry nothing compatible mode uses
                source.skip(newline >= 0 ? lineLength + 1 : lineLength);
            }
        }
    }
}
