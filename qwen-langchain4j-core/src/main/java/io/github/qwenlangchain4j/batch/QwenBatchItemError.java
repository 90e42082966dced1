package io.github.qwenlangchain4j.batch;

/**
 * Why one item has no result.
 *
 * @param code       Qwen's error code, e.g. {@code invalid_parameter_error}; or, for an item that never ran,
 *                   {@link #NOT_DONE}
 * @param message    Qwen's message, or why the item never ran
 * @param statusCode the HTTP status the request got inside the batch, or null when it never ran
 * @param requestId  the request id, or null
 */
public record QwenBatchItemError(String code, String message, Integer statusCode, String requestId) {

    /** The code of an item that never ran: its batch failed, expired or was cancelled first. */
    public static final String NOT_DONE = "not_done";

    /**
     * Whether the item never ran (as opposed to ran and failed).
     *
     * @return true when {@link #code()} is {@link #NOT_DONE}
     */
    public boolean isNotDone() {
        return NOT_DONE.equals(code);
    }

    @Override
    public String toString() {
        return (statusCode == null ? "" : "HTTP " + statusCode + ", ")
                + (code == null ? "" : code + ": ")
                + message
                + (requestId == null ? "" : " (request id: " + requestId + ")");
    }
}
