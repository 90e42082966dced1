package io.github.qwenlangchain4j;

import dev.langchain4j.exception.HttpException;
import java.time.Duration;

/**
 * What Qwen said about a failed call: the HTTP status, Qwen's error {@code code} and {@code message}, and the request
 * id that Alibaba Cloud support asks for. It is the {@linkplain Throwable#getCause() cause} of every LangChain4j
 * exception the library raises for an error response (an HTTP error or an error inside a stream), so that callers
 * can inspect the details without parsing messages:
 *
 * <pre>{@code
 * try {
 *     model.chat("...");
 * } catch (RateLimitException e) {
 *     if (e.getCause() instanceof QwenApiError error) {
 *         log.warn("Qwen throttled request {} ({})", error.requestId(), error.code());
 *     }
 * }
 * }</pre>
 *
 * <p>For an error inside a 200 stream, {@link #statusCode()} is the status Qwen gives that kind of error over HTTP
 * (e.g. 400 for {@code data_inspection_failed}, 429 for {@code Throttling.RateQuota}). Its message never contains
 * the API key. Instances are created by the library.
 */
public final class QwenApiError extends HttpException {

    private static final long serialVersionUID = 1L;

    /** Qwen's error code as sent; may be null. */
    private final String code;
    /** Qwen's error message as sent, with the API key removed; may be null. */
    private final String qwenMessage;
    /** The request id of the failed call; may be null. */
    private final String requestId;

    private final transient Duration retryAfter;

    /**
     * Creates the details of one failed call; used by the library's error mapping.
     *
     * @param statusCode  the HTTP status (for an in-stream error: the status of its kind)
     * @param code        Qwen's error code, or null
     * @param qwenMessage Qwen's error message with the API key removed, or null
     * @param requestId   the request id, or null when the server sent none
     * @param retryAfter  the server's {@code Retry-After}, or null
     * @param description the exception message: status, code, message and request id
     */
    public QwenApiError(
            int statusCode,
            String code,
            String qwenMessage,
            String requestId,
            Duration retryAfter,
            String description) {
        super(statusCode, description);
        this.code = code;
        this.qwenMessage = qwenMessage;
        this.requestId = requestId;
        this.retryAfter = retryAfter;
    }

    /**
     * Qwen's error code as sent, such as {@code invalid_api_key}, {@code data_inspection_failed} or a native
     * DashScope code such as {@code Throttling.RateQuota}.
     *
     * @return the error code, or null when the response had none
     */
    public String code() {
        return code;
    }

    /**
     * Qwen's error message as sent (with the API key, if it was echoed, removed).
     *
     * @return the error message, or null when the response had none
     */
    public String qwenMessage() {
        return qwenMessage;
    }

    /**
     * The server's {@code Retry-After}: Qwen does not send it today.
     *
     * @return the delay the server asked for, or null
     */
    public Duration retryAfter() {
        return retryAfter;
    }

    /**
     * The request id of the failed call, the one Alibaba Cloud support asks for.
     *
     * @return the request id, or null when the server sent none
     */
    public String requestId() {
        return requestId;
    }
}
