package io.github.qwenlangchain4j.internal.api;

/** A parsed SSE payload that may be an in-stream error ({@code data: {"error": {...}}}). */
public interface StreamChunk {

    /** The in-stream error, or null for a normal chunk. */
    ErrorBody.Error error();
}
