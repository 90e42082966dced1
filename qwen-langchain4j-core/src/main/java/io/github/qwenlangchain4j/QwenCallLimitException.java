package io.github.qwenlangchain4j;

import dev.langchain4j.exception.TimeoutException;
import java.time.Duration;

/**
 * A call that never started: the {@code maxConcurrentCalls} limit stayed full for the call's whole timeout (the wait
 * counts toward the timeout), or the wait was interrupted. Nothing was sent to Qwen. The library does not retry it,
 * since the wait already took the timeout; as a {@link TimeoutException} it is retriable for callers that choose to.
 */
public class QwenCallLimitException extends TimeoutException {

    /** The {@code maxConcurrentCalls} limit that was full. */
    private final int limit;

    /** How long the call waited. */
    private final Duration waited;

    /**
     * @param message what happened, naming the limit
     * @param limit   the {@code maxConcurrentCalls} limit that was full
     * @param waited  how long the call waited
     */
    public QwenCallLimitException(String message, int limit, Duration waited) {
        super(message);
        this.limit = limit;
        this.waited = waited;
    }

    /**
     * The limit that was full.
     *
     * @return the {@code maxConcurrentCalls} value
     */
    public int limit() {
        return limit;
    }

    /**
     * How long the call waited before giving up.
     *
     * @return the wait
     */
    public Duration waited() {
        return waited;
    }
}
