package io.github.qwenlangchain4j.embedding.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The AIMD bound behind the embeddings' 429 back-off: halve on 429, grow by one per run of successes. */
class AdaptiveConcurrencyLimitTest {

    @Test
    void should_start_at_the_maximum() {
        assertThat(new AdaptiveConcurrencyLimit(8).limit()).isEqualTo(8);
    }

    @Test
    void should_halve_on_each_429_down_to_one() {
        AdaptiveConcurrencyLimit limit = new AdaptiveConcurrencyLimit(8);

        limit.onRateLimited();
        assertThat(limit.limit()).isEqualTo(4);
        limit.onRateLimited();
        limit.onRateLimited();
        limit.onRateLimited();
        assertThat(limit.limit()).isEqualTo(1);
    }

    @Test
    void should_grow_by_one_after_a_run_of_limit_successes_up_to_the_maximum() {
        AdaptiveConcurrencyLimit limit = new AdaptiveConcurrencyLimit(4);
        limit.onRateLimited();
        limit.onRateLimited(); // 1

        limit.onSuccess();
        assertThat(limit.limit()).isEqualTo(2);
        limit.onSuccess();
        assertThat(limit.limit()).as("needs two successes at limit 2").isEqualTo(2);
        limit.onSuccess();
        assertThat(limit.limit()).isEqualTo(3);
        for (int i = 0; i < 20; i++) {
            limit.onSuccess();
        }
        assertThat(limit.limit()).isEqualTo(4);
    }

    @Test
    void should_restart_the_run_of_successes_after_a_429() {
        AdaptiveConcurrencyLimit limit = new AdaptiveConcurrencyLimit(8);
        limit.onRateLimited(); // 4
        limit.onSuccess();
        limit.onSuccess();
        limit.onSuccess();
        limit.onRateLimited(); // 2, run restarted
        limit.onSuccess();
        assertThat(limit.limit()).isEqualTo(2);
        limit.onSuccess();
        assertThat(limit.limit()).isEqualTo(3);
    }

    @Test
    void should_block_acquire_at_the_limit_until_a_release() throws Exception {
        AdaptiveConcurrencyLimit limit = new AdaptiveConcurrencyLimit(1);
        limit.acquire();
        Thread waiter = new Thread(() -> {
            try {
                limit.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        waiter.start();
        while (waiter.getState() != Thread.State.WAITING && waiter.getState() != Thread.State.TERMINATED) {
            Thread.onSpinWait();
        }
        assertThat(waiter.getState()).as("waiting for a slot").isEqualTo(Thread.State.WAITING);

        limit.release();
        waiter.join(5_000);

        assertThat(waiter.isAlive()).as("acquired after the release").isFalse();
    }
}
