package io.github.qwenlangchain4j.internal.mapper;

import java.time.Instant;

/** Small conversions of wire values that the Files, Batch and Conversations APIs share. */
public final class WireValues {

    private WireValues() {}

    /**
     * An id that goes into a URL path ({@code /files/{id}}, {@code /batches/{id}}), refused when it would change the
     * path.
     *
     * @throws IllegalArgumentException when the id is null, blank or contains a slash
     */
    public static String requireId(String id) {
        if (id == null || id.isBlank() || id.contains("/")) {
            throw new IllegalArgumentException("invalid id '" + id + "'");
        }
        return id;
    }

    /** Epoch seconds as an instant; null stays null. */
    public static Instant instant(Long epochSeconds) {
        return epochSeconds == null ? null : Instant.ofEpochSecond(epochSeconds);
    }
}
