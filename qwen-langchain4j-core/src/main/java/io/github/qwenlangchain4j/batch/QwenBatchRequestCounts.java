package io.github.qwenlangchain4j.batch;

/**
 * Request lines in a batch (or a job), and how many have succeeded or failed so far.
 *
 * @param total     request lines
 * @param completed lines that succeeded
 * @param failed    lines that failed
 */
public record QwenBatchRequestCounts(int total, int completed, int failed) {

    /** No requests. */
    public static final QwenBatchRequestCounts EMPTY = new QwenBatchRequestCounts(0, 0, 0);

    /**
     * Lines that have neither succeeded nor failed yet.
     *
     * @return {@code total - completed - failed}, never negative
     */
    public int pending() {
        return Math.max(0, total - completed - failed);
    }

    /**
     * The sum of two counts, for jobs that span several batches.
     *
     * @param other the counts to add
     * @return the summed counts
     */
    public QwenBatchRequestCounts plus(QwenBatchRequestCounts other) {
        return new QwenBatchRequestCounts(total + other.total, completed + other.completed, failed + other.failed);
    }
}
