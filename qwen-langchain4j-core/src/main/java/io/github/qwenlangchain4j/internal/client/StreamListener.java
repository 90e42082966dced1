package io.github.qwenlangchain4j.internal.client;

/**
 * Receives an asynchronous stream of parsed SSE chunks from {@link SseCall}, on the stream's own thread.
 *
 * <p>Contract: {@link #onChunk} zero or more times, in order, then exactly one of {@link #onComplete} (after
 * {@code [DONE]}) or {@link #onError}, once. After {@link SseCall#cancel()} nothing more is called.
 */
public interface StreamListener<T> {

    void onChunk(T chunk);

    /** The stream ended with {@code [DONE]}. {@code requestId} is the {@code x-request-id} header, or null. */
    void onComplete(String requestId);

    /** The stream failed: before the first chunk after retries were exhausted, or at any point after it. */
    void onError(RuntimeException error);
}
