package io.github.qwenlangchain4j.testkit.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/**
 * An answer of the mock before it is written: a status, a content type and the body in parts (one part for a body
 * sent with its length, one per event for a chunked stream, each flushed on its own), or no answer at all (the
 * connection is dropped).
 *
 * @param status      the HTTP status
 * @param contentType the content type
 * @param parts       the body's parts, written in order
 * @param chunked     whether the body is streamed in chunks rather than sent with its length
 * @param drop        whether to close the connection without answering
 */
public record HttpReply(int status, String contentType, List<String> parts, boolean chunked, boolean drop) {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String JSON = "application/json";
    private static final String EVENT_STREAM = "text/event-stream;charset=UTF-8";

    /** A JSON body sent with its length. */
    public static HttpReply json(int status, String body) {
        return body(status, JSON, body);
    }

    /** A body of any type sent with its length. */
    public static HttpReply body(int status, String contentType, String body) {
        return new HttpReply(status, contentType, List.of(body), false, false);
    }

    /** A 200 event stream, one flushed chunk per event. */
    public static HttpReply stream(List<String> events) {
        return new HttpReply(200, EVENT_STREAM, List.copyOf(events), true, false);
    }

    /**
     * A refused compatible-mode request that asked for a stream: compatible mode sends its 400 as one SSE event
     * ({@link QwenError#sseBody}) with its length; other statuses keep the JSON body.
     */
    public static HttpReply streamRefusal(QwenError error, String requestId) {
        return error.status() == 400
                ? body(400, EVENT_STREAM, error.sseBody(MAPPER, requestId))
                : compatibleError(error, requestId);
    }

    /** An error in compatible mode's OpenAI-style body ({@link QwenError#body}). */
    public static HttpReply compatibleError(QwenError error, String requestId) {
        return json(error.status(), error.body(MAPPER, requestId));
    }

    /** An error in DashScope's flat body ({@link QwenError#nativeBody}). */
    public static HttpReply flatError(QwenError error, String requestId) {
        return json(error.status(), error.nativeBody(MAPPER, requestId));
    }

    /** No answer: the connection is closed. */
    public static HttpReply dropConnection() {
        return new HttpReply(0, JSON, List.of(), false, true);
    }
}
