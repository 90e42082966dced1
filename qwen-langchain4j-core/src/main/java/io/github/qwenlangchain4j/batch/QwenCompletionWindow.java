package io.github.qwenlangchain4j.batch;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long Qwen may take to run a batch: 24 hours to 14 days, written {@code "24h"}..{@code "336h"} or
 * {@code "1d"}..{@code "14d"}. Requests not run by then are not run at all (the batch expires). A longer window does
 * not cost more.
 *
 * @param value the wire value, e.g. {@code 24h} or {@code 7d}
 */
public record QwenCompletionWindow(String value) {

    private static final Pattern FORMAT = Pattern.compile("(\\d{1,4})([hd])");

    /** 24 hours, the shortest and the default. */
    public static final QwenCompletionWindow DEFAULT = new QwenCompletionWindow("24h");

    /**
     * Checks a completion window.
     *
     * @param value whole hours or days, {@code "24h"}..{@code "336h"} or {@code "1d"}..{@code "14d"} (surrounding
     *        spaces are removed)
     * @throws IllegalArgumentException when the value is null, not whole hours or days, or out of range
     */
    public QwenCompletionWindow {
        if (value == null) {
            throw new IllegalArgumentException("completion window must not be null");
        }
        value = value.strip();
        Matcher matcher = FORMAT.matcher(value);
        if (!matcher.matches()) {
            throw new IllegalArgumentException(
                    "completion window '" + value + "' must be whole hours or days, e.g." + " \"24h\" or \"7d\"");
        }
        long hours = Long.parseLong(matcher.group(1)) * (matcher.group(2).equals("d") ? 24 : 1);
        if (hours < 24 || hours > 336) {
            throw new IllegalArgumentException(
                    "completion window '" + value + "' must be between 24h and 336h" + " (1d to 14d)");
        }
    }

    /**
     * A window of whole hours.
     *
     * @param hours 24 to 336
     * @return the window
     * @throws IllegalArgumentException when the hours are out of range
     */
    public static QwenCompletionWindow ofHours(int hours) {
        return new QwenCompletionWindow(hours + "h");
    }

    /**
     * A window of whole days.
     *
     * @param days 1 to 14
     * @return the window
     * @throws IllegalArgumentException when the days are out of range
     */
    public static QwenCompletionWindow ofDays(int days) {
        return new QwenCompletionWindow(days + "d");
    }

    /**
     * The window as a duration.
     *
     * @return the duration, 24 hours to 14 days
     */
    public Duration toDuration() {
        long amount = Long.parseLong(value.substring(0, value.length() - 1));
        return value.endsWith("d") ? Duration.ofDays(amount) : Duration.ofHours(amount);
    }

    @Override
    public String toString() {
        return value;
    }
}
