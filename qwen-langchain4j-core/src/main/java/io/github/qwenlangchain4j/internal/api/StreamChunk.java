package io.github.qwenlangchain4j.internal.api;

/** A parsed SSE payload that may be an in-stream error ({@code data: {"error": {...}}}). */
public interface StreamChunk {

    /** The in-stream error, or null for a normal chunk. */
    ErrorBody.Error error();

    /**
     * The request id the payload itself names: its {@code request_id}, or the id inside {@code "chatcmpl-<id>"}.
     * Used for in-stream errors when the response had no {@code x-request-id} header.
     */
    default String requestId() {
        return null;
    }
}
