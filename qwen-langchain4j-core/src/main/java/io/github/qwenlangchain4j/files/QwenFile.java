package io.github.qwenlangchain4j.files;

import java.time.Instant;

/**
 * A file stored on Model Studio.
 *
 * @param id            the file id, e.g. {@code file-batch-...}
 * @param bytes         its size
 * @param createdAt     when it was uploaded, or null
 * @param filename      the name it was uploaded with
 * @param purpose       {@code batch} (batch input), {@code batch_output} (batch results), {@code file-extract}
 * @param status        {@code uploaded} (a document Qwen is still parsing), {@code processed} (ready) or
 *                      {@code error} (parsing failed)
 * @param statusDetails why processing failed, or null
 */
public record QwenFile(
        String id,
        long bytes,
        Instant createdAt,
        String filename,
        String purpose,
        String status,
        String statusDetails) {

    /** Qwen has parsed the file: a document can be referenced from a chat. */
    public static final String PROCESSED = "processed";

    /** Qwen could not parse the file; {@link #statusDetails()} says why. */
    public static final String ERROR = "error";

    /**
     * Whether Qwen has processed the file ({@code status: "processed"}).
     *
     * @return true when it is ready
     */
    public boolean isProcessed() {
        return PROCESSED.equals(status);
    }

    /**
     * Whether Qwen failed to process the file ({@code status: "error"}).
     *
     * @return true when parsing failed
     */
    public boolean hasFailed() {
        return ERROR.equals(status);
    }
}
