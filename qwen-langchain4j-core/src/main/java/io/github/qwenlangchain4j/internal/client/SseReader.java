package io.github.qwenlangchain4j.internal.client;

import java.io.IOException;
import okio.BufferedSource;

/**
 * Reads server-sent events from a response body and returns the {@code data} of each event. Lines are decoded only
 * once complete, so an event, a line or a multi-byte UTF-8 character split across network reads decodes the same.
 * Comments ({@code :...}) and the {@code event}, {@code id} and {@code retry} fields are skipped: compatible mode
 * only uses {@code data}.
 */
public final class SseReader {

    private final BufferedSource source;
    private final StringBuilder data = new StringBuilder();

    public SseReader(BufferedSource source) {
        this.source = source;
    }

    /**
     * Blocks until the next event is complete and returns its data (several {@code data:} lines joined by
     * {@code \n}), or returns null when the body ends. A last event without its terminating blank line is still
     * returned.
     */
    public String next() throws IOException {
        data.setLength(0);
        boolean hasData = false;
        String line;
        while ((line = source.readUtf8Line()) != null) {
            if (line.isEmpty()) {
                if (hasData) {
                    return data.toString();
                }
                continue;
            }
            if (line.startsWith("data:")) {
                if (hasData) {
                    data.append('\n');
                }
                int start = line.length() > 5 && line.charAt(5) == ' ' ? 6 : 5;
                data.append(line, start, line.length());
                hasData = true;
            }
            // other fields and comments carry nothing compatible mode uses
        }
        return hasData ? data.toString() : null;
    }
}
