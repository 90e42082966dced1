package io.github.qwenlangchain4j.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What one client JVM of {@link ConcurrentStreamsBenchmark} measured, printed as one line of JSON after
 * {@value #PREFIX} so that the parent can tell it from the libraries' log lines. The latencies are the time to first
 * token of each stream (streaming runs) or each completed call's duration (sync runs), from the moment it was
 * started.
 *
 * @param requested      calls started
 * @param completed      calls that ended in a response ({@code onCompleteResponse}, or {@code chat} returning)
 * @param errors         calls that ended in an error
 * @param firstError     the first error's type and message, or null
 * @param startMillis    how long the one thread took to start all calls (streaming runs)
 * @param wallSeconds    from the first call's start to the last completion
 * @param p50Ms          the median latency, in ms; -1 if nothing was measured (so for the others)
 * @param p90Ms          the 90th percentile latency, in ms
 * @param p99Ms          the 99th percentile latency, in ms
 * @param maxMs          the longest latency, in ms
 * @param peakThreads    the JVM's peak platform thread count (virtual threads are not counted on JDK 21+)
 * @param heapIdleBytes  used heap after a full GC before the calls started (after the warm-up)
 * @param heapOpenBytes  used heap after a full GC while the calls were open (see {@link ClientRun#sampleOpenHeap})
 * @param openAtSample   calls open at that moment: started and not ended (streams: with a first token and no end)
 * @param sampleMillis   when that was, after the first call started
 * @param maxHeapBytes   the JVM's maximum heap ({@code -Xmx})
 * @param javaVersion    the client JVM's {@code java.version}
 */
record RunResult(
        int requested,
        int completed,
        int errors,
        String firstError,
        double startMillis,
        double wallSeconds,
        double p50Ms,
        double p90Ms,
        double p99Ms,
        double maxMs,
        int peakThreads,
        long heapIdleBytes,
        long heapOpenBytes,
        int openAtSample,
        double sampleMillis,
        long maxHeapBytes,
        String javaVersion) {

    static final String PREFIX = "RESULT ";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Heap held per call started, from the two samples. */
    long heapPerCall() {
        return (heapOpenBytes - heapIdleBytes) / Math.max(1, requested);
    }

    String toLine() {
        try {
            return PREFIX + JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static RunResult fromLine(String line) throws JsonProcessingException {
        return JSON.readValue(line.substring(PREFIX.length()), RunResult.class);
    }
}
