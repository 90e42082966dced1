package io.github.qwenlangchain4j.embedding.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** AIMD on the request rate: no pacing until a 429, then a pace that falls on refusals and climbs on successes. */
class AdaptiveRateLimitTest {

    @Test
    void should_not_pace_before_the_first_refusal_and_wait_briefly_after_it_until_a_pace_is_set() throws Exception {
        AdaptiveRateLimit limit = new AdaptiveRateLimit(8);

        limit.acquire();
        limit.release();

        assertThat(limit.rate()).isZero();
        assertThat(limit.retryDelay(null)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(limit.retryDelay(Duration.ofSeconds(3)))
                .as("a Retry-After wins")
                .isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void should_set_a_pace_on_the_first_refusal_then_lower_it_once_per_pace_and_raise_it_on_success() throws Exception {
        AdaptiveRateLimit limit = new AdaptiveRateLimit(8);
        long sentBefore = limit.acquire();
        limit.release();

        limit.onRateLimited(sentBefore);
        double first = limit.rate();
        limit.onRateLimited(sentBefore);
        double afterSameEvent = limit.rate();
        long sentAfter = limit.acquire();
        limit.release();
        limit.onRateLimited(sentAfter);
        double lowered = limit.rate();
        limit.onSuccess();

        assertThat(first).as("no less than one request per slot and second").isGreaterThanOrEqualTo(8);
        assertThat(afterSameEvent)
                .as("a request sent before the pace was set does not lower it")
                .isEqualTo(first);
        assertThat(lowered).isEqualTo(first * 0.9);
        assertThat(limit.rate()).isEqualTo(lowered + 1);
        assertThat(limit.retryDelay(null)).as("the pace spaces the retries").isZero();
    }

    @Test
    void should_space_request_starts_at_the_pace() throws Exception {
        AdaptiveRateLimit limit = new AdaptiveRateLimit(8);
        limit.onRateLimited(limit.acquire()); // pace: 8 requests per second, 125 ms apart
        limit.release();

        long first = limit.acquire();
        long second = limit.acquire();
        long third = limit.acquire();

        assertThat(Duration.ofNanos(second - first)).isGreaterThanOrEqualTo(Duration.ofMillis(120));
        assertThat(Duration.ofNanos(third - second)).isGreaterThanOrEqualTo(Duration.ofMillis(120));
    }
}
