package io.github.qwenlangchain4j.embedding.internal;

/**
 * Bounds the requests of one embedding call in flight, and adapts the bound the way TCP does (additive increase,
 * multiplicative decrease): a 429 halves it, and each run of {@code limit} successes raises it by one, up to the
 * configured maximum. Qwen sends no rate-limit headers, so the 429s are the only signal there is.
 */
public final class AdaptiveConcurrencyLimit {

    private final int max;
    private int limit;
    private int inFlight;
    private int successesSinceChange;

    public AdaptiveConcurrencyLimit(int max) {
        this.max = max;
        this.limit = max;
    }

    /** Blocks until fewer than {@link #limit()} requests are in flight, then counts one more. */
    public synchronized void acquire() throws InterruptedException {
        while (inFlight >= limit) {
            wait();
        }
        inFlight++;
    }

    public synchronized void release() {
        inFlight--;
        notifyAll();
    }

    public synchronized void onSuccess() {
        if (limit < max && ++successesSinceChange >= limit) {
            limit++;
            successesSinceChange = 0;
            notifyAll();
        }
    }

    public synchronized void onRateLimited() {
        limit = Math.max(1, limit / 2);
        successesSinceChange = 0;
    }

    public synchronized int limit() {
        return limit;
    }
}
