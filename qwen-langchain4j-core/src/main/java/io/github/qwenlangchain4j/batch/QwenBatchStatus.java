package io.github.qwenlangchain4j.batch;

import java.util.Locale;

/**
 * Where a batch is in its life: {@code validating -> in_progress -> finalizing -> completed}, or one of the other
 * terminal states {@code failed}, {@code expired}, {@code cancelled} (after {@code cancelling}).
 */
public enum QwenBatchStatus {
    /** The input file is being checked. */
    VALIDATING,
    /** Requests are running. */
    IN_PROGRESS,
    /** All requests ran; the output and error files are being written. */
    FINALIZING,
    /** Done; results are in the output file, failed requests in the error file. Terminal. */
    COMPLETED,
    /** The batch could not run, usually because the input file is invalid (see its errors). Terminal. */
    FAILED,
    /** The completion window passed before every request ran; finished requests still have results. Terminal. */
    EXPIRED,
    /** A cancel was requested; requests in flight finish first. */
    CANCELLING,
    /** Cancelled; requests finished before the cancel still have results (and are billed). Terminal. */
    CANCELLED,
    /** A status this library does not know yet. */
    UNKNOWN;

    /**
     * The wire value.
     *
     * @return the status as Qwen writes it, e.g. {@code in_progress}
     */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Whether the batch will not change any more.
     *
     * @return true for {@link #COMPLETED}, {@link #FAILED}, {@link #EXPIRED} and {@link #CANCELLED}
     */
    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == EXPIRED || this == CANCELLED;
    }

    /**
     * Parses a wire value.
     *
     * @param value the status as Qwen writes it, e.g. {@code in_progress} (case and surrounding spaces ignored)
     * @return the status; {@link #UNKNOWN} for unknown or null values
     */
    public static QwenBatchStatus fromValue(String value) {
        if (value == null) {
            return UNKNOWN;
        }
        for (QwenBatchStatus status : values()) {
            if (status.value().equalsIgnoreCase(value.strip())) {
                return status;
            }
        }
        return UNKNOWN;
    }
}
