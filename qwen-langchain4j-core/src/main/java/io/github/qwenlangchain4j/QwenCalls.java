package io.github.qwenlangchain4j;

import io.github.qwenlangchain4j.internal.client.CallGate;

/**
 * How many HTTP calls of this library are in flight in this JVM: chat, streams, embeddings, files, batches, rerank
 * and Responses alike. Calls start when they are made; only a {@code maxConcurrentCalls} limit you set makes some
 * wait, and those are counted as {@link #waiting()}. The Spring Boot starter publishes both as Micrometer gauges.
 */
public final class QwenCalls {

    private QwenCalls() {}

    /**
     * Calls sent and not finished yet (an open stream counts until its last event).
     *
     * @return the number of running calls
     */
    public static int running() {
        return CallGate.running();
    }

    /**
     * Calls waiting for a {@code maxConcurrentCalls} limit to let them start; always 0 without a limit.
     *
     * @return the number of waiting calls
     */
    public static int waiting() {
        return CallGate.waiting();
    }
}
