package io.github.qwenlangchain4j.embedding.internal;

import dev.langchain4j.exception.RateLimitException;
import io.github.qwenlangchain4j.QwenApiError;
import java.time.Duration;
import java.util.Locale;

/**
 * How long one embedding call keeps retrying the requests Qwen refuses with 429. Qwen enforces requests and tokens
 * per minute (and a burst rate) in windows of up to a minute and sends no {@code Retry-After}: a few sub-second
 * retries, as for other failures, give up long before the window reopens. So a 429 is retried for as long as the
 * call makes progress: it fails only when no request of the call has succeeded for {@code patience}. Thread-safe;
 * one per call.
 */
final class RateLimitPatience {

    private final long patienceNanos;
    private volatile long lastProgressNanos = System.nanoTime();

    RateLimitPatience(Duration patience) {
        this.patienceNanos = patience.toNanos();
    }

    /** A request of the call succeeded: the rate limit lets work through. */
    void onProgress() {
        lastProgressNanos = System.nanoTime();
    }

    /**
     * Whether this 429 may be retried: it is a rate-window refusal (not an exhausted quota, which no wait
     * restores), and something succeeded within the patience.
     */
    boolean mayRetry(RateLimitException refusal) {
        return patienceNanos > 0 && isRateWindow(refusal) && System.nanoTime() - lastProgressNanos < patienceNanos;
    }

    /**
     * Requests or tokens per minute and burst rate ({@code limit_requests}, {@code limit_burst_rate},
     * {@code Throttling}, {@code Throttling.RateQuota}, {@code Throttling.BurstRate}, or no code); not
     * {@code insufficient_quota} or {@code Throttling.AllocationQuota}, whose quota does not come back in a minute.
     */
    static boolean isRateWindow(RateLimitException refusal) {
        String code = refusal.getCause() instanceof QwenApiError error ? error.code() : null;
        if (code == null) {
            return true;
        }
        String c = code.toLowerCase(Locale.ROOT);
        return !c.contains("quota") || c.contains("ratequota");
    }
}
