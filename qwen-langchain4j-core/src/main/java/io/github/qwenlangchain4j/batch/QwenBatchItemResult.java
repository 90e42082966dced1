package io.github.qwenlangchain4j.batch;

/**
 * The outcome of one item: its value, or the error that kept it from having one.
 *
 * @param index the item's position in the submitted list
 * @param value the result (a {@code ChatResponse} or an {@code Embedding}), or null on error
 * @param error why there is no value, or null on success
 * @param <T>   the result type
 */
public record QwenBatchItemResult<T>(int index, T value, QwenBatchItemError error) {

    /**
     * Whether the item has a value.
     *
     * @return true when there is no error
     */
    public boolean isSuccess() {
        return error == null;
    }
}
