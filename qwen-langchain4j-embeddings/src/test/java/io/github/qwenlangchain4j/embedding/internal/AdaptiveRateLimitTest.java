package io.github.qwenlangchain4j.embedding.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.qwenlangchain4j.embedding.internal.AdaptiveRateLimit.Start;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * No pacing until 429s; then starts evenly spaced at a little under the rate that got through, creeping up while
 * nothing is refused. Most tests run the pace against a token bucket in made-up time (the pace's own turns, no
 * clock, no threads), so they are exact; the one on real threads asserts only what pacing guarantees: at least the
 * interval between starts.
 */
class AdaptiveRateLimitTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void should_not_pace_before_the_first_refusal_and_wait_briefly_after_it_until_a_pace_is_set() throws Exception {
        AdaptiveRateLimit limit = new AdaptiveRateLimit(8);

        Start first = limit.acquire();
        Start second = limit.acquire();
        limit.release();
        limit.release();

        assertThat(second.index()).isEqualTo(first.index() + 1);
        assertThat(limit.rateAt(System.nanoTime())).isZero();
        assertThat(limit.retryDelay(null)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(limit.retryDelay(Duration.ofSeconds(3)))
                .as("a Retry-After wins")
                .isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void should_not_pace_until_refusals_span_enough_requests_and_time_to_measure() {
        AdaptiveRateLimit limit = new AdaptiveRateLimit(8);

        for (int i = 0; i < 30; i++) { // 30 refusals within 200 ms: a burst, not yet a rate
            refuse(limit, i * 7 * MS);
        }
        assertThat(limit.rateAt(200 * MS)).isZero();

        refuse(limit, 300 * MS);
        assertThat(limit.rateAt(300 * MS)).isPositive();
        assertThat(limit.retryDelay(null)).as("the pace spaces the retries").isZero();
    }

    @Test
    void should_settle_a_little_under_what_a_token_bucket_admits() {
        AdaptiveRateLimit limit = new AdaptiveRateLimit(8);
        TokenBucket server = new TokenBucket(40, 4);

        Run warmUp = run(limit, server, 80, 0, 5 * SECOND); // the client could send 80 per second
        Run settled = run(limit, server, 80, 5 * SECOND, 20 * SECOND);

        assertThat(warmUp.refused())
                .as("refusals while measuring and stepping down")
                .isLessThan(40);
        assertThat(settled.admittedPerSecond()).isGreaterThan(0.95 * 40);
        assertThat(settled.refused())
                .as("a refusal every few seconds, when the pace has crept over the rate")
                .isLessThan(15);
        assertThat(limit.rateAt(20 * SECOND)).isBetween(0.85 * 40, 1.1 * 40);
    }

    @Test
    void should_step_down_gently_from_a_pace_a_limiter_without_burst_refuses_every_other_request_of() {
        AdaptiveRateLimit limit = new AdaptiveRateLimit(8);
        TokenBucket server = new TokenBucket(40, 1);

        run(limit, server, 80, 0, 5 * SECOND);
        Run settled = run(limit, server, 80, 5 * SECOND, 20 * SECOND);

        // half of a pace just over 40 got through: 20 per second; the pace steps down from 40, not to 20
        assertThat(settled.admittedPerSecond()).isGreaterThan(0.85 * 40);
        assertThat(settled.refused()).isLessThan(settled.admitted() / 10);
    }

    @Test
    void should_follow_a_lowered_limit() {
        AdaptiveRateLimit limit = new AdaptiveRateLimit(8);
        run(limit, new TokenBucket(40, 4), 80, 0, 5 * SECOND);
        TokenBucket lowered = new TokenBucket(10, 4);

        Run following = run(limit, lowered, 80, 5 * SECOND, 10 * SECOND);
        Run settled = run(limit, lowered, 80, 10 * SECOND, 20 * SECOND);

        assertThat(following.refused()).isLessThan(40);
        assertThat(settled.admittedPerSecond()).isGreaterThan(0.95 * 10);
        assertThat(settled.refused()).isLessThan(10);
    }

    @Test
    void should_creep_up_slowly_while_nothing_is_refused() {
        AdaptiveRateLimit limit = new AdaptiveRateLimit(8);
        for (long t = 0; t <= 900 * MS; t += 100 * MS) { // 10 per second sent, all refused: a pace of 9 from 0.9 s
            refuse(limit, t);
        }

        assertThat(limit.rateAt(900 * MS)).isCloseTo(9, within(1e-9));
        assertThat(limit.rateAt(1_900 * MS)).as("after a second").isCloseTo(9 * (1 + 1 / 64.0), within(1e-9));
        assertThat(limit.rateAt(4_900 * MS)).as("after four").isCloseTo(18, within(1e-9));
    }

    @Test
    void should_step_down_from_what_was_sent_when_the_pace_crept_above_it() {
        AdaptiveRateLimit limit = new AdaptiveRateLimit(8);
        for (long t = 0; t <= 900 * MS; t += 100 * MS) { // a pace of 9 from 0.9 s
            refuse(limit, t);
        }
        long t = 900 * MS;
        for (int i = 0; i < 100; i++) { // a slow client: 5 per second for 20 s, all through; the pace creeps far up
            t += 200 * MS;
            limit.start(t);
        }
        assertThat(limit.rateAt(t)).isGreaterThan(1_000);

        refuse(limit, t + 200 * MS);

        assertThat(limit.rateAt(t + 200 * MS))
                .as("a little under the pace that was set (9), not what it crept up to")
                .isCloseTo(AdaptiveRateLimit.MARGIN * 100 / 101 * 9, within(1e-9));
    }

    @Test
    void should_halve_what_was_sent_at_most_when_nothing_gets_through() {
        AdaptiveRateLimit limit = new AdaptiveRateLimit(8);
        long t = 0;
        for (int i = 0; i < 10; i++, t += 30 * MS) { // 33 per second sent, all refused: a pace of 30
            refuse(limit, t);
        }
        t -= 30 * MS;
        double first = limit.rateAt(t);

        for (int i = 0; i < 10; i++) { // sent at the pace, all refused
            t = limit.nextStart();
            refuse(limit, t);
        }
        double second = limit.rateAt(t);
        for (int i = 0; i < 1_000; i++) {
            t = limit.nextStart();
            refuse(limit, t);
        }

        assertThat(first).isCloseTo(0.9 * 1_000 / 30.0, within(1e-6));
        assertThat(second).isCloseTo(first / 2, within(0.1));
        assertThat(limit.rateAt(t))
                .as("about a refusal a second, the pace creeping up between")
                .isBetween(AdaptiveRateLimit.MIN_RATE, 2.0);
    }

    @Test
    void should_space_request_starts_at_the_pace_even_after_an_idle_spell() throws Exception {
        AdaptiveRateLimit limit = new AdaptiveRateLimit(8);
        long now = System.nanoTime();
        for (long t = now - 900 * MS; t <= now; t += 100 * MS) { // 10 per second sent, all refused: a pace of 9
            refuse(limit, t);
        }
        long interval = (long) (1e9 / limit.rateAt(now));

        Start first = limit.acquire();
        Start second = limit.acquire();
        Thread.sleep(3 * interval / MS); // an idle pace does not save up turns for a burst
        Start third = limit.acquire();
        Start fourth = limit.acquire();
        long returned = System.nanoTime();

        assertThat(first.nanos() - now)
                .as("the refused start emptied the bucket: one interval first")
                .isGreaterThanOrEqualTo(interval);
        // a late start keeps the schedule, so the next can follow it a little sooner, never closer than this
        assertThat(second.nanos() - first.nanos()).isGreaterThanOrEqualTo(closestAt(limit, second));
        assertThat(fourth.nanos() - third.nanos()).isGreaterThanOrEqualTo(closestAt(limit, fourth));
        assertThat(returned).as("acquire returns at its turn, not before").isGreaterThanOrEqualTo(fourth.nanos());
    }

    /**
     * The closest two starts can be at the pace of {@code start}: the interval of the rate that got through (the
     * pace creeps up, so earlier intervals are longer).
     */
    private static long closestAt(AdaptiveRateLimit limit, Start start) {
        return (long) (AdaptiveRateLimit.MARGIN * 1e9 / limit.rateAt(start.nanos())) - 1;
    }

    private static void refuse(AdaptiveRateLimit limit, long nanos) {
        limit.onRateLimited(limit.start(nanos));
    }

    /** What the server did with the requests of a {@link #run}. */
    private record Run(int admitted, int refused, long nanos) {
        double admittedPerSecond() {
            return admitted * 1e9 / nanos;
        }
    }

    /**
     * Starts requests from {@code from} to {@code to} (made-up nanoseconds) as fast as the client can send them
     * ({@code perSecond}) and the pace allows, and reports those {@code server} refuses at once.
     */
    private static Run run(AdaptiveRateLimit limit, TokenBucket server, double perSecond, long from, long to) {
        int admitted = 0;
        int refused = 0;
        long t = from;
        while (true) {
            t = Math.max(t + (long) (1e9 / perSecond), limit.nextStart());
            if (t >= to) {
                return new Run(admitted, refused, to - from);
            }
            Start start = limit.start(t);
            if (server.admit(t)) {
                admitted++;
            } else {
                refused++;
                limit.onRateLimited(start);
            }
        }
    }

    /** The limiter of the benchmark's RateLimitServer (full at start), in made-up time. */
    private static final class TokenBucket {
        private final double perSecond;
        private final double burst;
        private double tokens;
        private long refilledAt = Long.MIN_VALUE;

        TokenBucket(double perSecond, double burst) {
            this.perSecond = perSecond;
            this.burst = burst;
            this.tokens = burst;
        }

        boolean admit(long nanos) {
            if (refilledAt != Long.MIN_VALUE) {
                tokens = Math.min(burst, tokens + (nanos - refilledAt) / 1e9 * perSecond);
            }
            refilledAt = nanos;
            if (tokens >= 1) {
                tokens--;
                return true;
            }
            return false;
        }
    }
}
