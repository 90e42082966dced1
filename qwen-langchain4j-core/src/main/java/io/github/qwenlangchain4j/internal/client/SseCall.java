package io.github.qwenlangchain4j.internal.client;

import io.github.qwenlangchain4j.internal.api.StreamChunk;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.Call;
import okhttp3.Request;
import okhttp3.Response;

/**
 * One asynchronous streaming call. {@link #start()} returns at once; the request is sent and its SSE body read on a
 * thread of the stream's own ({@link StreamThreads}: virtual where the JDK makes that free of pinning), so streams
 * never wait for each other unless the user set {@code maxConcurrentCalls}. Reports to a {@link StreamListener}.
 *
 * <p>Failures before the first chunk are retried after the policy's delay (no thread waits meanwhile); a stream an
 * HTTP/2 server refused unstarted is sent again at once; after the first chunk nothing is retried. {@link #cancel()}
 * closes the HTTP call and silences the listener.
 */
public final class SseCall<T extends StreamChunk> {

    private final QwenClient client;
    private final EventStreams streams;
    private final Request request;
    private final StreamFormat<T> format;
    private final StreamListener<T> listener;
    private final RetryPolicy.Attempts attempts = new RetryPolicy.Attempts();
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile boolean cancelled;
    private volatile boolean delivered;
    private volatile Call currentCall;

    SseCall(
            QwenClient client,
            EventStreams streams,
            Request request,
            StreamFormat<T> format,
            StreamListener<T> listener) {
        this.client = client;
        this.streams = streams;
        this.request = request;
        this.format = format;
        this.listener = listener;
    }

    /** Sends the request on a stream thread; returns at once. */
    public void start() {
        StreamThreads.EXECUTOR.execute(this::run);
    }

    /** Stops the stream: closes the HTTP call; the listener hears nothing more. Idempotent. */
    public void cancel() {
        cancelled = true;
        Call call = currentCall;
        if (call != null) {
            call.cancel();
        }
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** Attempts until one ends the stream, or schedules the next one after a backoff. */
    private void run() {
        while (!cancelled) {
            RuntimeException failure;
            String completedRequestId;
            try {
                completedRequestId = attempt();
                if (completedRequestId == null || cancelled) {
                    return; // cancelled while reading
                }
            } catch (RuntimeException e) {
                if (cancelled) {
                    return;
                }
                failure = e;
                Duration delay = client.retryPolicy().delayAfter(failure, attempts, !delivered);
                if (delay == null) {
                    if (finish()) {
                        listener.onError(failure);
                    }
                    return;
                }
                if (!delay.isZero()) {
                    CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS, StreamThreads.EXECUTOR)
                            .execute(this::run);
                    return;
                }
                continue; // refused unstarted by an HTTP/2 server: at once, on another connection
            }
            if (finish()) {
                listener.onComplete(completedRequestId.isEmpty() ? null : completedRequestId);
            }
            return;
        }
    }

    /**
     * One attempt, holding its place in the client's gate while it runs.
     *
     * @return the request id ("" when the server sent none) once the stream ended, or null when it was cancelled
     */
    private String attempt() {
        try (QwenClient.Admission admission = client.admit()) {
            Call call = admission.newCall(request);
            currentCall = call;
            if (cancelled) {
                return null;
            }
            try (Response response = call.execute()) {
                boolean done = streams.read(response, format, this::deliver, () -> cancelled);
                String requestId = QwenClient.requestId(response);
                return done ? (requestId == null ? "" : requestId) : null;
            }
        } catch (IOException e) {
            throw ErrorMapper.fromIo(e, "Streaming POST " + request.url().encodedPath());
        }
    }

    private void deliver(T chunk) {
        delivered = true;
        listener.onChunk(chunk);
    }

    private boolean finish() {
        return finished.compareAndSet(false, true);
    }
}
