package io.github.qwenlangchain4j.internal.client;

import io.github.qwenlangchain4j.internal.json.Json;
import io.github.qwenlangchain4j.internal.api.ChatCompletionResponse;
import io.github.qwenlangchain4j.internal.api.StreamChunk;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What one protocol's event stream carries and how it ends. Chat Completions ends with {@code data: [DONE]}; a
 * protocol whose last event says it is the last (the Responses API's {@code response.completed}) names that event
 * instead. Either way a stream that stops before its end is an error, so a truncated answer is never taken for a
 * complete one.
 *
 * @param <T> the type every event's JSON is read as
 */
public final class StreamFormat<T extends StreamChunk> {

    /** Chat Completions chunks, up to {@code [DONE]}; the common text chunk is read without data binding. */
    public static final StreamFormat<ChatCompletionResponse> CHAT =
            new StreamFormat<>(ChatCompletionResponse.class, chunk -> false, "[DONE]", ChatChunkFastPath::new);

    final Class<T> type;
    final Predicate<T> isLast;
    /** The end, as named in the error when a stream stops before it. */
    final String end;
    private final Supplier<JsonEventParser.FastPath<T>> fastPath;

    private StreamFormat(Class<T> type, Predicate<T> isLast, String end,
                         Supplier<JsonEventParser.FastPath<T>> fastPath) {
        this.type = Objects.requireNonNull(type, "type");
        this.isLast = Objects.requireNonNull(isLast, "isLast");
        this.end = end;
        this.fastPath = fastPath;
    }

    /**
     * A stream of {@code type} events that ends after the event {@code isLast} accepts (or at {@code [DONE]}); events
     * are bound by Jackson.
     *
     * @param lastEvent the last event's name, for the error when a stream stops before it
     */
    public static <T extends StreamChunk> StreamFormat<T> endingWith(Class<T> type, Predicate<T> isLast,
                                                                     String lastEvent) {
        return new StreamFormat<>(type, isLast, lastEvent, null);
    }

    /** A parser for one stream of this format. */
    JsonEventParser<T> newParser() {
        return new JsonEventParser<>(Json.MAPPER, type, fastPath == null ? null : fastPath.get());
    }
}
