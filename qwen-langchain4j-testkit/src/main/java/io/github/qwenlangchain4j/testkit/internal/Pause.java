package io.github.qwenlangchain4j.testkit.internal;

import java.time.Duration;

/** Waits a scripted delay or the server's latency; an interrupt ends the wait early and stays set. */
public final class Pause {

    private Pause() {}

    public static void sleep(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
