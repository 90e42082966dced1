package io.github.qwenlangchain4j.internal.client;

import io.github.qwenlangchain4j.internal.api.StreamChunk;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Request;
import okhttp3.Response;

/**
 * One asynchronous streaming call: enqueues the request, reads the SSE body on OkHttp's dispatcher thread and
 * reports to a {@link StreamListener}. Failures before the first chunk are retried after the policy's delay (no
 * thread waits meanwhile); after the first chunk never. {@link #cancel()} closes the HTTP call and silences the
 * listener.
 */
public final class SseCall<T extends StreamChunk> implements Callback {

    private final QwenClient client;
    private final EventStreams streams;
    private final Request request;
    private final StreamFormat<T> format;
    private final StreamListener<T> listener;
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile boolean cancelled;
    private volatile boolean delivered;
    private volatile Call currentCall;
    private int attempt;

    SseCall(QwenClient client, EventStreams streams, Request request, StreamFormat<T> format,
            StreamListener<T> listener) {
        this.client = client;
        this.streams = streams;
        this.request = request;
        this.format = format;
        this.listener = listener;
    }

    /** Sends the request; returns at once. */
    public void start() {
        attempt++;
        Call call = client.newCall(request);
        currentCall = call;
        if (cancelled) {
            return;
        }
        call.enqueue(this);
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

    @Override
    public void onFailure(Call call, IOException e) {
        if (!cancelled) {
            failOrRetry(ErrorMapper.fromIo(e, "Streaming POST " + request.url().encodedPath()));
        }
    }

    @Override
    public void onResponse(Call call, Response response) {
        try (response) {
            boolean done = streams.read(response, format, this::deliver, () -> cancelled);
            if (done && !cancelled && finish()) {
                listener.onComplete(QwenClient.requestId(response));
            }
        } catch (IOException e) {
            if (!cancelled) {
                failOrRetry(ErrorMapper.fromIo(e, "Streaming POST " + request.url().encodedPath()));
            }
        } catch (RuntimeException e) {
            if (!cancelled) {
                failOrRetry(e);
            }
        }
    }

    private void deliver(T chunk) {
        delivered = true;
        listener.onChunk(chunk);
    }

    private void failOrRetry(RuntimeException error) {
        RetryPolicy policy = client.retryPolicy();
        if (!delivered && policy.shouldRetry(error, attempt)) {
            Duration delay = policy.delayBeforeRetry(attempt, QwenClient.retryAfterOf(error));
            CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
                if (!cancelled) {
                    start();
                }
            });
            return;
        }
        if (finish()) {
            listener.onError(error);
        }
    }

    private boolean finish() {
        return finished.compareAndSet(false, true);
    }
}
