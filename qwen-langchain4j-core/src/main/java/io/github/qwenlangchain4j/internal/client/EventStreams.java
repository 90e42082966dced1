package io.github.qwenlangchain4j.internal.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.qwenlangchain4j.internal.api.StreamChunk;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import okhttp3.Response;
import okio.Buffer;
import okio.ByteString;

/**
 * The streaming side of a {@link QwenClient}: POSTs a request and reads its server-sent events, on the calling thread
 * ({@link #stream}) or on a stream thread of its own ({@link #streamAsync}, see {@link StreamThreads}). The transport (auth, retries, error mapping, logging) is
 * the client's; what the events are and how the stream ends is the {@link StreamFormat}'s.
 */
public final class EventStreams {

    private static final ByteString DONE = ByteString.encodeUtf8("[DONE]");
    private static final String ACCEPT = "text/event-stream";

    private final QwenClient client;

    EventStreams(QwenClient client) {
        this.client = client;
    }

    /**
     * POSTs {@code body} and reads the stream on the calling thread, calling {@code onEvent} for each event until the
     * format's end. Failures before the first event are retried; after it, never. An in-stream error becomes the
     * mapped exception; a stream that stops before its end is an error.
     *
     * @return the request id of the call that succeeded
     */
    public <T extends StreamChunk> String stream(
            String path, Object body, StreamFormat<T> format, Consumer<T> onEvent) {
        byte[] bytes = QwenClient.toJson(body);
        boolean[] delivered = {false};
        return client.withRetries(
                () -> {
                    try {
                        return client.exchange(client.postRequest(path, bytes, ACCEPT), response -> {
                            read(
                                    response,
                                    format,
                                    event -> {
                                        delivered[0] = true;
                                        onEvent.accept(event);
                                    },
                                    () -> false);
                            return QwenClient.requestId(response);
                        });
                    } catch (IOException e) {
                        throw ErrorMapper.fromIo(e, "Streaming POST " + path);
                    }
                },
                failure -> !delivered[0]);
    }

    /**
     * Prepares an asynchronous streaming call; {@link SseCall#start()} sends it. See {@link StreamListener} for the
     * callback contract.
     */
    public <T extends StreamChunk> SseCall<T> streamAsync(
            String path, Object body, StreamFormat<T> format, StreamListener<T> listener) {
        return new SseCall<>(client, this, client.postRequest(path, QwenClient.toJson(body), ACCEPT), format, listener);
    }

    /**
     * Reads an SSE response to its end, shared by the sync and async streams: maps an error status, then parses each
     * event and hands it to {@code onEvent} until {@code [DONE]} or the body's end after the format's last event.
     *
     * @return true at the stream's end, false when {@code cancelled} turned true
     * @throws RuntimeException the mapped error: an HTTP error, an in-stream error, a malformed event, or a stream
     *                          that stopped before its end
     */
    <T extends StreamChunk> boolean read(
            Response response, StreamFormat<T> format, Consumer<T> onEvent, BooleanSupplier cancelled)
            throws IOException {
        String requestId = QwenClient.requestId(response);
        client.failIfUnsuccessful(response, requestId);
        client.logger().response(response.code(), response.headers(), "<stream>");
        okio.BufferedSource body = response.body().source();
        // A call that waited for maxConcurrentCalls got only the rest of its timeout for the headers; between events
        // the whole timeout applies again.
        body.timeout().timeout(client.timeout().toMillis(), TimeUnit.MILLISECONDS);
        SseReader reader = new SseReader(body);
        boolean lastSeen = false;
        Buffer data;
        while ((data = reader.nextEvent()) != null) {
            if (cancelled.getAsBoolean()) {
                return false;
            }
            client.logger().streamEvent(data);
            if (data.size() == DONE.size() && data.rangeEquals(0, DONE)) {
                return true;
            }
            T event = parse(format, data, requestId);
            if (event.error() != null) {
                throw client.streamError(event.error(), requestId != null ? requestId : event.requestId());
            }
            onEvent.accept(event);
            lastSeen |= format.isLast.test(event);
        }
        if (cancelled.getAsBoolean()) {
            return false;
        }
        if (lastSeen) {
            return true;
        }
        throw ErrorMapper.malformed("the stream ended before " + format.end, requestId, null);
    }

    /**
     * One event's data (consumed) as the format's type.
     *
     * @throws RuntimeException a malformed-response error naming the request when the data is not exactly one JSON
     *                          value of the expected shape, or is JSON null
     */
    static <T extends StreamChunk> T parse(StreamFormat<T> format, Buffer data, String requestId) {
        T event;
        try {
            event = format.reader.readValue(data.inputStream());
        } catch (IOException e) {
            String reason = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
            throw ErrorMapper.malformed("a stream event is not the expected JSON: " + reason, requestId, e);
        }
        if (event == null) {
            throw ErrorMapper.malformed("a stream event is JSON null", requestId, null);
        }
        return event;
    }
}
