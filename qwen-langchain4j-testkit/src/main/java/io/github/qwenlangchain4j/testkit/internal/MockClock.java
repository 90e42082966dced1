package io.github.qwenlangchain4j.testkit.internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The seconds the Files and Batch APIs stamp on what they create: a counter that ticks on every reading rather than
 * the wall clock, so that every timestamp differs and orders as the events did, with no timer to wait for.
 */
public final class MockClock {

    private final AtomicLong seconds = new AtomicLong(1_760_000_000L);

    /** The next second. */
    public long now() {
        return seconds.incrementAndGet();
    }
}
