package io.github.qwenlangchain4j.embedding.internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Bounds the requests of one embedding call in flight, and, once Qwen refuses one with 429, paces their starts at
 * an adaptive rate (AIMD on the request rate): each refusal of a request sent at the current pace lowers the pace
 * by a tenth, each success raises it by one request per second. It settles just below what Qwen admits. Qwen sends
 * no rate-limit headers, so refusals are the only signal. Halving the concurrency instead, as TCP does with its
 * window, would cap the call at {@code 1 / latency} requests per second, far below a typical per-minute quota.
 * Thread-safe; one per call.
 */
final class AdaptiveRateLimit {

    private static final double DECREASE = 0.9;
    private static final double INCREASE_PER_SUCCESS = 1.0;
    private static final double MIN_RATE = 0.5;
    /** Before the first pace is set, a refused request waits this long, with jitter. */
    private static final long UNPACED_RETRY_MILLIS = 200;

    private final int max;
    private final long startNanos = System.nanoTime();
    private int inFlight;
    private int successes;
    /** Requests per second; 0 until the first 429: no pacing. */
    private double rate;

    private long nextStartNanos;
    private long lastDecreaseNanos = Long.MIN_VALUE;

    AdaptiveRateLimit(int max) {
        this.max = max;
    }

    /**
     * Blocks until fewer than the maximum requests are in flight and, once pacing, until this request's turn; then
     * counts one more in flight.
     *
     * @return when the request starts ({@link System#nanoTime()}), to pass to {@link #onRateLimited} if refused
     */
    long acquire() throws InterruptedException {
        long waitNanos;
        long start;
        synchronized (this) {
            while (inFlight >= max) {
                wait();
            }
            inFlight++;
            long now = System.nanoTime();
            if (rate == 0) {
                return now;
            }
            start = Math.max(now, nextStartNanos);
            nextStartNanos = start + (long) (1e9 / rate);
            waitNanos = start - now;
        }
        if (waitNanos > 0) {
            TimeUnit.NANOSECONDS.sleep(waitNanos);
        }
        return start;
    }

    synchronized void release() {
        inFlight--;
        notifyAll();
    }

    synchronized void onSuccess() {
        successes++;
        if (rate > 0) {
            rate += INCREASE_PER_SUCCESS;
        }
    }

    /**
     * A 429 for a request started at {@code startedAt}. The first one sets the pace from what got through so far;
     * later ones lower it, once per pace: requests sent before the last decrease were sent too fast already.
     */
    synchronized void onRateLimited(long startedAt) {
        long now = System.nanoTime();
        if (rate == 0) {
            double seconds = Math.max(0.1, (now - startNanos) / 1e9);
            // what got through so far, but no less than one in-flight slot per second: the climb starts there
            rate = Math.max(Math.max(MIN_RATE, max), successes / seconds);
        } else if (startedAt > lastDecreaseNanos) {
            rate = Math.max(MIN_RATE, rate * DECREASE);
        } else {
            return;
        }
        lastDecreaseNanos = now;
        nextStartNanos = Math.max(nextStartNanos, now);
    }

    /**
     * How long a refused request waits before it queues again: nothing once the pace spaces the requests, a short
     * jittered pause before (and a server's {@code Retry-After}, should Qwen ever send one).
     */
    synchronized Duration retryDelay(Duration retryAfter) {
        if (retryAfter != null) {
            return retryAfter;
        }
        return rate > 0
                ? Duration.ZERO
                : Duration.ofMillis(
                        ThreadLocalRandom.current().nextLong(UNPACED_RETRY_MILLIS / 2, UNPACED_RETRY_MILLIS + 1));
    }

    /** The current pace in requests per second, or 0 when not pacing. */
    synchronized double rate() {
        return rate;
    }
}
