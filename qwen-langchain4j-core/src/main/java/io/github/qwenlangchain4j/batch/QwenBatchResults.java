package io.github.qwenlangchain4j.batch;

import java.util.ArrayList;
import java.util.List;

/**
 * The results of a job, one per submitted item, in input order.
 *
 * @param jobId         the job's id
 * @param status        the job's final status
 * @param failureReason why the job did not complete, or null
 * @param items         one result per item, {@code items.get(i).index() == i}
 * @param <T>           the result type
 */
public record QwenBatchResults<T>(
        String jobId, QwenBatchStatus status, String failureReason, List<QwenBatchItemResult<T>> items) {

    /**
     * The results of a job; created by the library.
     *
     * @param jobId         the job's id
     * @param status        the job's final status
     * @param failureReason why the job did not complete, or null
     * @param items         one result per item, in input order (copied)
     */
    public QwenBatchResults {
        items = List.copyOf(items);
    }

    /**
     * Whether every item has a value.
     *
     * @return true when no item failed or was left undone
     */
    public boolean allSucceeded() {
        return items.stream().allMatch(QwenBatchItemResult::isSuccess);
    }

    /**
     * The values in input order.
     *
     * @return one value per item, null where an item failed (a modifiable copy)
     */
    public List<T> values() {
        List<T> values = new ArrayList<>(items.size());
        items.forEach(item -> values.add(item.value()));
        return values;
    }

    /**
     * The items that have no value (failed, or never ran).
     *
     * @return the failed items, in input order; empty when all succeeded
     */
    public List<QwenBatchItemResult<T>> failures() {
        return items.stream().filter(item -> !item.isSuccess()).toList();
    }

    /**
     * The indices of the items that never ran because their batch failed, expired or was cancelled.
     *
     * @return the indices, ascending; empty when every item ran
     */
    public List<Integer> notDone() {
        return items.stream()
                .filter(item -> item.error() != null && item.error().isNotDone())
                .map(QwenBatchItemResult::index)
                .toList();
    }
}
