package io.github.qwenlangchain4j.internal.client;

import io.github.qwenlangchain4j.QwenCallLimitException;
import java.net.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Admits each HTTP call of the library. Without a limit (the default) a call starts when it is made; with
 * {@code maxConcurrentCalls(n)} at most {@code n} calls run at once and the others wait, in arrival order, no longer
 * than their timeout. Either way the calls running and waiting are counted for {@code QwenCalls}.
 *
 * <p>Gates with a limit are shared: models built with the same limit that call the same origin (scheme, host and
 * port) through the same proxy and OkHttp client use one gate, so the limit bounds what the application sends
 * there, not what each model sends.
 */
public final class CallGate {

    private static final AtomicInteger RUNNING = new AtomicInteger();
    private static final AtomicInteger WAITING = new AtomicInteger();
    private static final Map<Key, CallGate> SHARED = new ConcurrentHashMap<>();

    /** The gate of every client without a limit. */
    static final CallGate UNLIMITED = new CallGate(0);

    private final int limit;
    private final Semaphore permits;

    private CallGate(int limit) {
        this.limit = limit;
        this.permits = limit > 0 ? new Semaphore(limit, true) : null;
    }

    /**
     * The gate for {@code maxConcurrentCalls}: {@link #UNLIMITED} for null, else the one shared by clients with the
     * same limit, origin, proxy and OkHttp client.
     *
     * @throws IllegalArgumentException when the limit is not positive
     */
    static CallGate of(Integer maxConcurrentCalls, String origin, Proxy proxy, Object httpClient) {
        if (maxConcurrentCalls == null) {
            return UNLIMITED;
        }
        if (maxConcurrentCalls < 1) {
            throw new IllegalArgumentException(
                    "maxConcurrentCalls must be 1 or more (or null for no limit), but was " + maxConcurrentCalls);
        }
        // The client's identity hash, not the client: the registry must not keep users' clients alive. Two clients
        // with the same hash would share a limit, which is harmless.
        Key key = new Key(
                maxConcurrentCalls, origin, proxy, httpClient == null ? 0 : System.identityHashCode(httpClient));
        return SHARED.computeIfAbsent(key, k -> new CallGate(k.limit()));
    }

    /** Calls of the library running now (sent, or reading their response), in this JVM. */
    public static int running() {
        return RUNNING.get();
    }

    /** Calls of the library waiting now for a {@code maxConcurrentCalls} limit, in this JVM. */
    public static int waiting() {
        return WAITING.get();
    }

    /** The limit, or 0 for none. */
    int limit() {
        return limit;
    }

    /**
     * Admits a call, waiting at most {@code timeout} for a limit; the call runs until the permit is closed.
     *
     * @throws QwenCallLimitException when the limit stayed full for the whole timeout
     */
    Permit enter(Duration timeout) {
        if (permits == null || permits.tryAcquire()) {
            RUNNING.incrementAndGet();
            return new Permit(Duration.ZERO);
        }
        long start = System.nanoTime();
        WAITING.incrementAndGet();
        boolean admitted;
        try {
            admitted = permits.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QwenCallLimitException(
                    "Interrupted while waiting for one of the " + limit + " calls allowed by" + " maxConcurrentCalls("
                            + limit + ") to finish",
                    limit,
                    Duration.ofNanos(System.nanoTime() - start));
        } finally {
            WAITING.decrementAndGet();
        }
        Duration waited = Duration.ofNanos(System.nanoTime() - start);
        if (!admitted) {
            throw new QwenCallLimitException(
                    "The Qwen API call did not start: all " + limit + " calls allowed by"
                            + " maxConcurrentCalls(" + limit + ") were still running after the call's timeout of "
                            + timeout.toMillis()
                            + " ms. Raise maxConcurrentCalls (or langchain4j.qwen.max-concurrent-calls),"
                            + " or the timeout.",
                    limit,
                    waited);
        }
        RUNNING.incrementAndGet();
        return new Permit(waited);
    }

    /** A running call's place; closing it (once) lets the next call in. */
    final class Permit implements AutoCloseable {

        private final Duration waited;
        private final AtomicInteger closed = new AtomicInteger();

        private Permit(Duration waited) {
            this.waited = waited;
        }

        /** How long the call waited for the limit; zero when it started at once. */
        Duration waited() {
            return waited;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(0, 1)) {
                RUNNING.decrementAndGet();
                if (permits != null) {
                    permits.release();
                }
            }
        }
    }

    private record Key(int limit, String origin, Proxy proxy, int httpClient) {}
}
