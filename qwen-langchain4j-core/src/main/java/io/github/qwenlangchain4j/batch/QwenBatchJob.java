package io.github.qwenlangchain4j.batch;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * A handle on submitted work: one or more Qwen batches (input is split to respect Qwen's per-file limits) whose
 * results are joined back in input order. Get one from {@code submit(...)}, or from {@code resume(id)} in another
 * process: store {@link #id()} and the job can be picked up again at any time within the batches' lifetime.
 *
 * <p>The status and counts are those of the last {@link #refresh()} (or of submission); {@link #await} refreshes
 * by polling, with a growing interval, until every batch is terminal. Implementations are thread-safe.
 *
 * @param <T> the result of one item: a {@code ChatResponse} or an {@code Embedding}
 */
public interface QwenBatchJob<T> {

    /**
     * The job id to store and pass to {@code resume}: the number of items and the Qwen batch ids, e.g.
     * {@code 120:batch_abc,batch_def}.
     *
     * @return the job id
     */
    String id();

    /**
     * The ids of the Qwen batches of this job, in submission order.
     *
     * @return the batch ids, e.g. {@code batch_abc}
     */
    List<String> batchIds();

    /**
     * The number of items submitted (chat requests or text segments).
     *
     * @return the number of items; -1 when the job was resumed from bare batch ids
     */
    int size();

    /**
     * The job's status: the least advanced status of its batches, or, once all are terminal, the worst outcome.
     *
     * @return the status as of the last refresh
     */
    QwenBatchStatus status();

    /**
     * The request lines of all batches, summed (an embeddings line carries up to 10 or 25 segments).
     *
     * @return the summed counts as of the last refresh
     */
    QwenBatchRequestCounts requestCounts();

    /**
     * The batches as last seen.
     *
     * @return the batches, in submission order
     */
    List<QwenBatch> batches();

    /**
     * Retrieves every batch that is not terminal yet.
     *
     * @return this job
     */
    QwenBatchJob<T> refresh();

    /**
     * Why the job did not complete (batch errors, expiry, cancellation).
     *
     * @return the reason, or null when every batch completed or is still running
     */
    String failureReason();

    /**
     * Waits without a time limit; see {@link #await(Duration, Consumer)}.
     *
     * @return the results, in input order
     */
    QwenBatchResults<T> await();

    /**
     * Waits at most {@code timeout}; see {@link #await(Duration, Consumer)}.
     *
     * @param timeout how long to wait at most
     * @return the results, in input order
     * @throws dev.langchain4j.exception.TimeoutException when {@code timeout} passes first
     */
    QwenBatchResults<T> await(Duration timeout);

    /**
     * Polls until every batch is terminal, then downloads and joins the results. The interval between polls starts
     * at the configured poll interval and doubles up to its maximum.
     *
     * @param timeout    how long to wait at most
     * @param onProgress called after every poll with the job's progress; may be null
     * @return the results, in input order
     * @throws dev.langchain4j.exception.TimeoutException when {@code timeout} passes first; the job goes on at Qwen
     *                                                    and can be awaited again or resumed by id
     */
    QwenBatchResults<T> await(Duration timeout, Consumer<QwenBatchProgress> onProgress);

    /**
     * The results, in input order. Downloads the output and error files of terminal batches.
     *
     * @return one result per item: its value, or why it has none
     * @throws IllegalStateException when a batch is not terminal yet (as of the last refresh)
     */
    QwenBatchResults<T> results();

    /**
     * Asks Qwen to cancel every batch that is not terminal yet.
     *
     * @return this job
     */
    QwenBatchJob<T> cancel();

    /**
     * Deletes the input, output and error files of the job's batches, which otherwise count against Model Studio's
     * file quota forever. Call it after {@link #results()}: the results cannot be downloaded again afterwards.
     *
     * @throws IllegalStateException when a batch is not terminal yet (as of the last refresh)
     */
    void deleteFiles();
}
