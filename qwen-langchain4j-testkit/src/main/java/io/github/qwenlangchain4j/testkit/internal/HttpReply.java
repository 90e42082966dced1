package io.github.qwenlangchain4j.testkit.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/**
 * An answer of the Responses and Conversations endpoints before it is written: a status, a content type and the
 * body in parts (one part for JSON, one per event for a stream, each flushed on its own), or no answer at all (the
 * connection is dropped).
 *
 * @param status      the HTTP status
 * @param contentType the content type
 * @param parts       the body's parts, written in order
 * @param drop        whether to close the connection without answering
 */
public record HttpReply(int status, String contentType, List<String> parts, boolean drop) {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String JSON = "application/json";
    private static final String EVENT_STREAM = "text/event-stream;charset=UTF-8";

    public static HttpReply json(int status, String body) {
        return new HttpReply(status, JSON, List.of(body), false);
    }

    public static HttpReply stream(List<String> events) {
        return new HttpReply(200, EVENT_STREAM, List.copyOf(events), false);
    }

    public static HttpReply error(QwenError error, String requestId) {
        return json(error.status(), error.nativeBody(MAPPER, requestId));
    }

    public static HttpReply dropConnection() {
        return new HttpReply(0, JSON, List.of(), true);
    }

    public boolean isStream() {
        return EVENT_STREAM.equals(contentType);
    }
}
