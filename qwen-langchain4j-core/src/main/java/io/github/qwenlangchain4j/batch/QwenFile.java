package io.github.qwenlangchain4j.batch;

import java.time.Instant;

/**
 * A file stored on Model Studio.
 *
 * @param id            the file id, e.g. {@code file-batch-...}
 * @param bytes         its size
 * @param createdAt     when it was uploaded, or null
 * @param filename      the name it was uploaded with
 * @param purpose       {@code batch} (batch input), {@code batch_output} (batch results), {@code file-extract}
 * @param status        e.g. {@code processed}
 * @param statusDetails why processing failed, or null
 */
public record QwenFile(String id, long bytes, Instant createdAt, String filename, String purpose, String status,
                       String statusDetails) {}
