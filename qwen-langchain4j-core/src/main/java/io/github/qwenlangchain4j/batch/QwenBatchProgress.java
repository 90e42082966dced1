package io.github.qwenlangchain4j.batch;

/**
 * What a job looks like after a poll, for progress reporting.
 *
 * @param jobId         the job's id
 * @param status        the job's status
 * @param requestCounts the request lines of all its batches, summed
 * @param poll          how many polls this wait has made, from 1
 */
public record QwenBatchProgress(String jobId, QwenBatchStatus status, QwenBatchRequestCounts requestCounts, int poll) {}
