package io.github.qwenlangchain4j.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.exception.TimeoutException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    final RetryPolicy policy = new RetryPolicy(10, Duration.ofMillis(100), Duration.ofSeconds(2));

    @Test
    void should_keep_each_delay_between_half_and_all_of_the_capped_exponential_delay() {
        for (int retry = 1; retry <= 10; retry++) {
            long capped = Math.min(100L << (retry - 1), 2_000L);
            for (int sample = 0; sample < 200; sample++) {
                long delay = policy.delayBeforeRetry(retry, null).toMillis();
                assertThat(delay).as("retry %d", retry).isBetween(capped / 2, capped);
            }
        }
    }

    @Test
    void should_grow_delays_until_the_cap() {
        // with equal jitter the smallest possible delay of a retry is the largest possible delay of the previous one
        long previousMax = 0;
        for (int retry = 1; retry <= 5; retry++) {
            long min = Long.MAX_VALUE;
            long max = 0;
            for (int sample = 0; sample < 200; sample++) {
                long delay = policy.delayBeforeRetry(retry, null).toMillis();
                min = Math.min(min, delay);
                max = Math.max(max, delay);
            }
            assertThat(min).as("retry %d", retry).isGreaterThanOrEqualTo(previousMax);
            previousMax = max;
        }
        assertThat(policy.delayBeforeRetry(100, null)).isLessThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(policy.delayBeforeRetry(Integer.MAX_VALUE, null))
                .isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void should_jitter_the_delays() {
        Set<Duration> seen = new HashSet<>();
        for (int sample = 0; sample < 100; sample++) {
            seen.add(policy.delayBeforeRetry(3, null));
        }
        assertThat(seen).hasSizeGreaterThan(1);
    }

    @Test
    void should_honour_retry_after_capped_at_max_delay() {
        assertThat(policy.delayBeforeRetry(1, Duration.ofMillis(1_500))).isEqualTo(Duration.ofMillis(1_500));
        assertThat(policy.delayBeforeRetry(5, Duration.ofMillis(10))).isEqualTo(Duration.ofMillis(10));
        assertThat(policy.delayBeforeRetry(1, Duration.ofMinutes(5))).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void should_retry_only_retriable_exceptions() {
        RetryPolicy two = RetryPolicy.withMaxRetries(2);
        assertThat(two.shouldRetry(new RateLimitException("429"), 1)).isTrue();
        assertThat(two.shouldRetry(new InternalServerException("500"), 1)).isTrue();
        assertThat(two.shouldRetry(new TimeoutException("slow"), 1)).isTrue();
        assertThat(two.shouldRetry(new RetriableException("io"), 1)).isTrue();

        assertThat(two.shouldRetry(new InvalidRequestException("400"), 1)).isFalse();
        assertThat(two.shouldRetry(new ContentFilteredException("400"), 1)).isFalse();
        assertThat(two.shouldRetry(new AuthenticationException("401"), 1)).isFalse();
        assertThat(two.shouldRetry(new LangChain4jException("malformed"), 1)).isFalse();
        assertThat(two.shouldRetry(new IllegalStateException("bug"), 1)).isFalse();
    }

    @Test
    void should_retry_at_most_max_retries_times() {
        RetryPolicy two = RetryPolicy.withMaxRetries(2);
        RateLimitException failure = new RateLimitException("429");
        assertThat(two.shouldRetry(failure, 1)).isTrue();
        assertThat(two.shouldRetry(failure, 2)).isTrue();
        assertThat(two.shouldRetry(failure, 3)).isFalse();
        assertThat(RetryPolicy.withMaxRetries(0).shouldRetry(failure, 1)).isFalse();
    }

    @Test
    void should_have_sane_defaults() {
        RetryPolicy defaults = RetryPolicy.withMaxRetries(RetryPolicy.DEFAULT_MAX_RETRIES);
        assertThat(defaults.maxRetries()).isEqualTo(2);
        assertThat(defaults.initialDelay()).isPositive();
        assertThat(defaults.maxDelay()).isGreaterThan(defaults.initialDelay());
    }

    @Test
    void should_refuse_negative_max_retries() {
        assertThatThrownBy(() -> RetryPolicy.withMaxRetries(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxRetries");
    }
}
