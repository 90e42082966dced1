package io.github.qwenlangchain4j.benchmarks;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The bookkeeping of one client JVM's run of {@link ConcurrentStreamsBenchmark}, shared by {@link StreamClient} and
 * {@link SyncClient}: per call its start, its first token (streams) and its end, from whichever threads the
 * libraries call back on; the heap after a full GC before the calls and while they are all open; and the
 * {@link RunResult} made of it.
 */
final class ClientRun {

    /** When the heap is sampled, after the first call started: all calls open, none ended (each lasts 4.9-5 s). */
    private static final long SAMPLE_MILLIS = 2_500;
    /** The latest the heap is sampled: before the first call ends. */
    private static final long SAMPLE_DEADLINE_MILLIS = 4_500;

    private final int calls;
    private final AtomicLongArray starts;
    private final AtomicLongArray firstTokens;
    private final AtomicLongArray ends;
    private final AtomicIntegerArray failures;
    private final CountDownLatch ended;
    private final AtomicInteger completed = new AtomicInteger();
    private final AtomicInteger errors = new AtomicInteger();
    private final AtomicReference<String> firstError = new AtomicReference<>();
    private long heapIdle;
    private long heapOpen;
    private int openAtSample;
    private double sampleMillis;
    private long firstStart;
    private double startMillis;

    ClientRun(int calls) {
        this.calls = calls;
        starts = new AtomicLongArray(calls);
        firstTokens = new AtomicLongArray(calls);
        ends = new AtomicLongArray(calls);
        failures = new AtomicIntegerArray(calls);
        ended = new CountDownLatch(calls);
    }

    /** Samples the idle heap; call after the warm-up, just before the calls start. */
    void beforeStart() {
        heapIdle = usedHeapAfterGc();
        firstStart = System.nanoTime();
    }

    /** Notes that the starting thread has started every call. */
    void allStarted() {
        startMillis = (System.nanoTime() - firstStart) / 1e6;
    }

    void started(int call) {
        starts.set(call, System.nanoTime());
    }

    void token(int call) {
        firstTokens.compareAndSet(call, 0, System.nanoTime());
    }

    /** Notes the call's successful end; a call ends once, whatever a client reports after. */
    void completed(int call) {
        if (!ends.compareAndSet(call, 0, System.nanoTime())) {
            return;
        }
        completed.incrementAndGet();
        ended.countDown();
    }

    void failed(int call, Throwable error) {
        if (!ends.compareAndSet(call, 0, System.nanoTime())) {
            return;
        }
        errors.incrementAndGet();
        failures.set(call, 1);
        String message =
                error.getMessage() == null ? "" : ": " + error.getMessage().replaceAll("\\s+", " ");
        String cause = error.getCause() == null || error.getCause() == error
                ? ""
                : " (caused by " + error.getCause().getClass().getName() + ": "
                        + error.getCause().getMessage() + ")";
        firstError.compareAndSet(null, error.getClass().getName() + message + cause);
        ended.countDown();
    }

    /**
     * Samples the heap after a full GC while the calls are open: {@value #SAMPLE_MILLIS} ms after the first start, or
     * later if some call has not started yet (streams: has no first token; a stream queued in the client has not
     * started for the server), but at the latest {@value #SAMPLE_DEADLINE_MILLIS} ms after the first start, before
     * the first call ends. Counts the calls open then: started (streams: with a first token) and not ended.
     */
    void sampleOpenHeap(boolean streams) throws InterruptedException {
        long earliest = firstStart + TimeUnit.MILLISECONDS.toNanos(SAMPLE_MILLIS);
        long latest = firstStart + TimeUnit.MILLISECONDS.toNanos(SAMPLE_DEADLINE_MILLIS);
        while (System.nanoTime() < earliest || (System.nanoTime() < latest && open(streams) + ended() < calls)) {
            Thread.sleep(10);
        }
        openAtSample = open(streams);
        sampleMillis = (System.nanoTime() - firstStart) / 1e6;
        heapOpen = usedHeapAfterGc();
    }

    private int open(boolean streams) {
        int open = 0;
        for (int call = 0; call < calls; call++) {
            if (starts.get(call) != 0 && ends.get(call) == 0 && (!streams || firstTokens.get(call) != 0)) {
                open++;
            }
        }
        return open;
    }

    private int ended() {
        return completed.get() + errors.get();
    }

    boolean awaitEnd(Duration timeout) throws InterruptedException {
        return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The run's result; the latency is the time to first token when {@code streams}, else each completed call's
     * duration.
     */
    RunResult result(boolean streams) {
        double[] latencies = new double[calls];
        int measured = 0;
        long lastEnd = firstStart;
        for (int call = 0; call < calls; call++) {
            long mark = streams ? firstTokens.get(call) : failures.get(call) == 0 ? ends.get(call) : 0;
            if (mark != 0 && starts.get(call) != 0) {
                latencies[measured++] = (mark - starts.get(call)) / 1e6;
            }
            lastEnd = Math.max(lastEnd, ends.get(call));
        }
        if (Boolean.getBoolean("streams.trace")) {
            System.out.println(firstTokensByStartDecile());
        }
        double[] sorted = Arrays.copyOf(latencies, measured);
        Arrays.sort(sorted);
        return new RunResult(
                calls,
                completed.get(),
                errors.get(),
                firstError.get(),
                startMillis,
                (lastEnd - firstStart) / 1e9,
                percentile(sorted, 0.50),
                percentile(sorted, 0.90),
                percentile(sorted, 0.99),
                percentile(sorted, 1.0),
                ManagementFactory.getThreadMXBean().getPeakThreadCount(),
                heapIdle,
                heapOpen,
                openAtSample,
                sampleMillis,
                Runtime.getRuntime().maxMemory(),
                System.getProperty("java.version"));
    }

    /** Nearest rank; -1 when nothing was measured. */
    private static double percentile(double[] sorted, double p) {
        return sorted.length == 0 ? -1 : sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /**
     * When each tenth of the calls (in the order they were started) was started and got its first token, on average,
     * in milliseconds since the first start: shows whether late first tokens come from late starts (the caller) or
     * from the rate at which client and server open streams.
     */
    private String firstTokensByStartDecile() {
        StringBuilder line = new StringBuilder("first tokens by start decile (started at / first token at, ms):");
        for (int decile = 0; decile < 10; decile++) {
            double startedAt = 0;
            double firstTokenAt = 0;
            int counted = 0;
            for (int call = decile * calls / 10; call < (decile + 1) * calls / 10; call++) {
                if (firstTokens.get(call) != 0) {
                    startedAt += (starts.get(call) - firstStart) / 1e6;
                    firstTokenAt += (firstTokens.get(call) - firstStart) / 1e6;
                    counted++;
                }
            }
            line.append(String.format(
                    Locale.ROOT, " %.0f/%.0f", startedAt / Math.max(1, counted), firstTokenAt / Math.max(1, counted)));
        }
        return line.toString();
    }
}
