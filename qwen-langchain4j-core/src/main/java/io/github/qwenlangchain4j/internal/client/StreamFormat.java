package io.github.qwenlangchain4j.internal.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import io.github.qwenlangchain4j.internal.api.ChatCompletionResponse;
import io.github.qwenlangchain4j.internal.api.StreamChunk;
import io.github.qwenlangchain4j.internal.json.Json;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * What one protocol's event stream carries and how it ends. Chat Completions ends with {@code data: [DONE]}; a
 * protocol whose last event says it is the last (the Responses API's {@code response.completed}) names that event
 * instead. Either way a stream that stops before its end is an error, so a truncated answer is never taken for a
 * complete one.
 *
 * @param <T> the type every event's JSON is read as
 */
public final class StreamFormat<T extends StreamChunk> {

    /** Chat Completions chunks, up to {@code [DONE]}. */
    public static final StreamFormat<ChatCompletionResponse> CHAT =
            new StreamFormat<>(ChatCompletionResponse.class, chunk -> false, "[DONE]");

    /**
     * Reads one event's data. An event holds exactly one JSON value, so anything after it means the event is
     * malformed (two values in one {@code data:} field, or a value followed by garbage).
     */
    final ObjectReader reader;

    final Predicate<T> isLast;
    /** The end, as named in the error when a stream stops before it. */
    final String end;

    private StreamFormat(Class<T> type, Predicate<T> isLast, String end) {
        this.reader =
                Json.reader(Objects.requireNonNull(type, "type")).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.isLast = Objects.requireNonNull(isLast, "isLast");
        this.end = end;
    }

    /**
     * A stream of {@code type} events that ends after the event {@code isLast} accepts (or at {@code [DONE]}).
     *
     * @param lastEvent the last event's name, for the error when a stream stops before it
     */
    public static <T extends StreamChunk> StreamFormat<T> endingWith(
            Class<T> type, Predicate<T> isLast, String lastEvent) {
        return new StreamFormat<>(type, isLast, lastEvent);
    }
}
