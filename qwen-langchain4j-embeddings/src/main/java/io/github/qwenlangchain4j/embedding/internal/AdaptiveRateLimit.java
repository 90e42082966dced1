package io.github.qwenlangchain4j.embedding.internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Bounds the requests of one embedding call in flight and, once Qwen keeps refusing them with 429, paces their
 * starts, evenly spaced, a little under the rate that gets through. Qwen sends no rate-limit headers, so refusals
 * are the only signal: of the requests sent since the pace was set (before pacing: since the first refusal), those
 * not refused got through, and that many per second is about what the limiter admits. Probing above the limit
 * instead (AIMD, one more request per second with each success) overshoots it again and again, and each overshoot
 * is refusals and wasted round trips; here the pace creeps up only slowly while nothing is refused, in case it was
 * set low (a busy client sends less than the limiter would admit) or the limit is raised. The rate is paced, not
 * the concurrency: a narrower window, as TCP's, would cap the call at {@code max / latency} requests per second,
 * far below a typical per-minute quota.
 *
 * <p>Starts are never bunched: a limiter with a small burst refuses any requests that come closer together than
 * its refill, so turns are taken one interval apart when they come, not handed out ahead (threads that wake late
 * together on a busy machine would then all start at once). Thread-safe; one per call.
 */
final class AdaptiveRateLimit {

    /** The pace, as a fraction of the rate that got through: a little under, for jitter. */
    static final double MARGIN = 0.97;
    /**
     * A pace of which at least half got through steps down to no less than this fraction of itself: a limiter
     * without burst refuses every other request of a pace up to twice its rate, so its rate may be just under the
     * pace rather than at the half that got through. A first pace steps down from what was sent, for the same
     * reason: bunched unpaced starts get less through than the limiter admits.
     */
    static final double DECREASE = 0.9;
    /** Without a refusal the pace grows by (seconds / this)³: 1.6 % after a second, 12.5 % after two, 2x after four. */
    static final double PROBE_SECONDS = 4;
    /** Refusals change the pace only once this many requests were sent at it: fewer tell a limit from jitter badly. */
    static final int MIN_SENT = 10;
    /** Before pacing, the refusals must also span this long, to measure a rate rather than the first burst. */
    static final long MIN_SPAN_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    static final double MIN_RATE = 0.5;
    /** Before pacing, a refused request waits this long, with jitter. */
    private static final long UNPACED_RETRY_MILLIS = 200;

    /** One request's turn: when it started ({@link System#nanoTime()}) and how many of the call's started before it. */
    record Start(long nanos, long index) {}

    private final int max;
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when a request leaves; those waiting for a turn wake on their own. */
    private final Condition released = lock.newCondition();

    private int inFlight;
    private long started;
    private long lastStartNanos = Long.MIN_VALUE;
    /** The starts of the last {@link #MIN_SENT} requests, a ring by index. */
    private final long[] recentStarts = new long[MIN_SENT];
    /** Where the measurement starts: the first refusal, then each change of pace; null before a refusal. */
    private Start measuredFrom;
    /** Refusals of the requests sent since {@link #measuredFrom}. */
    private int refusedSince;
    /** Requests per second at {@link #rateSetAt}, growing from there; 0 until set: no pacing. */
    private double rate;

    private long rateSetAt;
    private long nextStartNanos = Long.MIN_VALUE;

    AdaptiveRateLimit(int max) {
        this.max = max;
    }

    /**
     * Blocks until fewer than the maximum requests are in flight and, once pacing, until the next turn; then counts
     * one more in flight.
     *
     * @return the request's start, to pass to {@link #onRateLimited} if refused
     */
    Start acquire() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (inFlight >= max) {
                released.await();
            }
            inFlight++;
            try {
                long now = System.nanoTime();
                while (rate > 0 && now < nextStartNanos) {
                    released.awaitNanos(nextStartNanos - now);
                    now = System.nanoTime();
                }
                return start(now);
            } catch (InterruptedException e) {
                inFlight--;
                released.signalAll();
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Starts a request at {@code now} (not before {@link #nextStart()}) and sets the next turn. */
    Start start(long now) {
        lock.lock();
        try {
            if (rate > 0) {
                // a start that woke late keeps the schedule, so that a busy machine does not lower the pace, but
                // never brings the next one closer than the interval of the rate that got through
                long interval = (long) (1e9 / rateAt(now));
                nextStartNanos = Math.max(nextStartNanos + interval, now + (long) (MARGIN * interval));
            }
            recentStarts[(int) (started % MIN_SENT)] = now;
            lastStartNanos = now;
            return new Start(now, started++);
        } finally {
            lock.unlock();
        }
    }

    /** The earliest start of the next request ({@link System#nanoTime()}); any time when not pacing. */
    long nextStart() {
        lock.lock();
        try {
            return rate > 0 ? nextStartNanos : Long.MIN_VALUE;
        } finally {
            lock.unlock();
        }
    }

    void release() {
        lock.lock();
        try {
            inFlight--;
            released.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * A 429 for the request that started at {@code refused}. Once enough requests were sent since the pace was set
     * (before pacing: since the first refusal), sets it a little under the rate that got through, but no lower than
     * {@link #DECREASE} of what was sent if at least half got through, and no lower than half of it otherwise (a
     * stall that bunched a few requests does not cut it further).
     */
    void onRateLimited(Start refused) {
        lock.lock();
        try {
            if (measuredFrom == null) {
                measuredFrom = refused;
            } else if (refused.index() < measuredFrom.index()) {
                return; // sent before the pace was last set: too fast already, and counted then
            }
            refusedSince++;
            long sent = refused.index() - measuredFrom.index() + 1;
            long span = refused.nanos() - measuredFrom.nanos();
            if (sent < MIN_SENT || (rate == 0 && span < MIN_SPAN_NANOS)) {
                return; // not enough to measure: before pacing, refused requests retry after a short pause
            }
            // what was sent: before pacing, between the two refused starts; since, of late (the pace has crept up
            // since it was set, perhaps beyond what the client could send), but no less than the pace that was set:
            // a client that stalled (a busy machine) sent less, then bunched, and its refusal says little about the
            // rate
            double sentPerSecond = rate == 0
                    ? (sent - 1) * 1e9 / span
                    : Math.max(
                            rate,
                            (MIN_SENT - 1)
                                    * 1e9
                                    / Math.max(1, lastStartNanos - recentStarts[(int) (started % MIN_SENT)]));
            // refusals come back within milliseconds, so those of the requests sent before this one are counted
            double gotThrough = 1 - (double) refusedSince / sent;
            double floor = (rate == 0 || gotThrough >= 0.5 ? DECREASE : 0.5) * sentPerSecond;
            rate = Math.max(MIN_RATE, Math.max(MARGIN * gotThrough * sentPerSecond, floor));
            rateSetAt = Math.max(refused.nanos(), lastStartNanos);
            measuredFrom = new Start(rateSetAt, started); // the requests from the next one on
            refusedSince = 0;
            // the limiter's bucket was empty at the refusal: the next start waits for one refill
            nextStartNanos = Math.max(nextStartNanos, refused.nanos() + (long) (1e9 / rate));
        } finally {
            lock.unlock();
        }
    }

    /**
     * How long a refused request waits before it queues again: nothing once the pace spaces the requests, a short
     * jittered pause before (and a server's {@code Retry-After}, should Qwen ever send one).
     */
    Duration retryDelay(Duration retryAfter) {
        if (retryAfter != null) {
            return retryAfter;
        }
        lock.lock();
        try {
            if (rate > 0) {
                return Duration.ZERO;
            }
        } finally {
            lock.unlock();
        }
        return Duration.ofMillis(
                ThreadLocalRandom.current().nextLong(UNPACED_RETRY_MILLIS / 2, UNPACED_RETRY_MILLIS + 1));
    }

    /** The pace at {@code nanos} ({@link System#nanoTime()}) in requests per second, or 0 when not pacing. */
    double rateAt(long nanos) {
        lock.lock();
        try {
            double seconds = Math.max(0, nanos - rateSetAt) / 1e9;
            return rate * (1 + Math.pow(seconds / PROBE_SECONDS, 3));
        } finally {
            lock.unlock();
        }
    }
}
