package io.github.qwenlangchain4j.internal.client;

import dev.langchain4j.exception.HttpException;
import java.time.Duration;

/**
 * What Qwen said about a failed call: HTTP status, Qwen's error {@code code} and {@code message}, and the request
 * id. It is the cause of every exception {@link ErrorMapper} produces from an error response, so callers can
 * inspect the details without parsing messages. Its message never contains the API key.
 */
public final class QwenApiError extends HttpException {

    private static final long serialVersionUID = 1L;

    private final String code;
    private final String qwenMessage;
    private final String requestId;
    private final transient Duration retryAfter;

    public QwenApiError(
            int statusCode, String code, String qwenMessage, String requestId, Duration retryAfter, String description) {
        super(statusCode, description);
        this.code = code;
        this.qwenMessage = qwenMessage;
        this.requestId = requestId;
        this.retryAfter = retryAfter;
    }

    /** Qwen's error code, such as {@code invalid_api_key} or {@code data_inspection_failed}; may be null. */
    public String code() {
        return code;
    }

    /** Qwen's error message as sent (with the API key, if it was echoed, removed); may be null. */
    public String qwenMessage() {
        return qwenMessage;
    }

    /** The server's {@code Retry-After}, or null: Qwen does not send it today. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** The request id of the failed call; may be null when the server sent none. */
    public String requestId() {
        return requestId;
    }
}
