package io.github.qwenlangchain4j.internal.client;

import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.RetriableException;
import io.github.qwenlangchain4j.QwenCallLimitException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import okhttp3.internal.http2.ConnectionShutdownException;
import okhttp3.internal.http2.ErrorCode;
import okhttp3.internal.http2.StreamResetException;

/**
 * How often and how long to wait between attempts. Qwen sends no {@code Retry-After} or rate-limit headers, so the
 * delay is exponential with "equal jitter" (half fixed, half random) to keep many clients from retrying in step; a
 * {@code Retry-After} the server does send wins, capped at {@link #maxDelay}.
 *
 * @param maxRetries   retries after the first attempt; 0 disables retrying
 * @param initialDelay delay before the first retry, doubled for each further one
 * @param maxDelay     upper bound for any single delay
 */
public record RetryPolicy(int maxRetries, Duration initialDelay, Duration maxDelay) {

    public static final int DEFAULT_MAX_RETRIES = 2;

    /**
     * How often one call is sent again after an HTTP/2 server refused it unstarted ({@link #neverStarted}). Such
     * resends are immediate and do not use up {@link #maxRetries}: the server did nothing with the request, and an
     * HTTP/2 server that allows 100 streams per connection refuses the 101st by design. The bound only stops a
     * server that refuses everything from keeping a call busy.
     */
    public static final int MAX_UNSTARTED_RESENDS = 8;

    public RetryPolicy {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be 0 or more, but was " + maxRetries);
        }
    }

    public static RetryPolicy withMaxRetries(int maxRetries) {
        return new RetryPolicy(maxRetries, Duration.ofMillis(250), Duration.ofSeconds(8));
    }

    /** Whether a failure of attempt number {@code attempt} (1-based) may be retried. */
    public boolean shouldRetry(RuntimeException failure, int attempt) {
        return attempt <= maxRetries
                && failure instanceof RetriableException
                && !(failure instanceof QwenCallLimitException); // its wait already took the whole timeout
    }

    /**
     * Whether an HTTP/2 server refused the call before starting it, so that it may be sent again at once on another
     * connection (RFC 9113, section 8.7): the stream was refused ({@code REFUSED_STREAM}, also what OkHttp reports
     * for streams above a {@code GOAWAY}'s last stream id), or the connection was already shutting down when the
     * stream was to be opened on it.
     */
    public static boolean neverStarted(RuntimeException failure) {
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof StreamResetException reset && reset.errorCode == ErrorCode.REFUSED_STREAM
                    || cause instanceof ConnectionShutdownException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a failed call cannot have reached the server, so that even a request that creates something may be
     * sent again: no connection was made (refused, unknown host, no route, connect timeout), or Qwen refused it
     * with 429 before doing anything. A read timeout, a 5xx or a connection lost mid-way may follow a request the
     * server is still processing.
     */
    public static boolean cannotHaveReachedServer(RuntimeException failure) {
        if (failure instanceof RateLimitException || neverStarted(failure)) {
            return true;
        }
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException
                    || cause instanceof UnknownHostException
                    || cause instanceof NoRouteToHostException) {
                return true;
            }
            if (cause instanceof SocketTimeoutException
                    && cause.getMessage() != null
                    && cause.getMessage().toLowerCase(Locale.ROOT).startsWith("connect timed out")) {
                return true;
            }
        }
        return false;
    }

    /** The pause before retry number {@code retry} (1-based). */
    public Duration delayBeforeRetry(int retry, Duration retryAfter) {
        if (retryAfter != null) {
            return retryAfter.compareTo(maxDelay) > 0 ? maxDelay : retryAfter;
        }
        long exponential = initialDelay.toMillis() << Math.min(retry - 1, 20);
        long capped = Math.min(exponential, maxDelay.toMillis());
        long half = capped / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }

    /**
     * Waits before a retry. An interrupt ends the wait with a {@link LangChain4jException} (interrupt flag restored)
     * that carries the failure being retried as a suppressed exception.
     */
    public static void sleep(Duration delay, RuntimeException failure) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LangChain4jException interrupted =
                    new LangChain4jException("Interrupted while waiting to retry a failed Qwen API call", e);
            interrupted.addSuppressed(failure);
            throw interrupted;
        }
    }

    /**
     * The pause before sending a call again after {@code failure}, or null when the failure is final. Counts the
     * attempt in {@code attempts}.
     *
     * @param failure   what the last attempt failed with
     * @param attempts  the call's attempts so far, updated here
     * @param mayRetry  false when the call must not be sent again whatever the failure (e.g. output was delivered)
     */
    public Duration delayAfter(RuntimeException failure, Attempts attempts, boolean mayRetry) {
        if (!mayRetry) {
            return null;
        }
        if (neverStarted(failure) && attempts.unstartedResends < MAX_UNSTARTED_RESENDS) {
            attempts.unstartedResends++;
            return Duration.ZERO;
        }
        int attempt = ++attempts.retriesCounted;
        return shouldRetry(failure, attempt) ? delayBeforeRetry(attempt, QwenClient.retryAfterOf(failure)) : null;
    }

    /** The attempts of one call: retries counted against {@link #maxRetries}, and resends of unstarted streams. */
    public static final class Attempts {
        private int retriesCounted;
        private int unstartedResends;
    }
}
