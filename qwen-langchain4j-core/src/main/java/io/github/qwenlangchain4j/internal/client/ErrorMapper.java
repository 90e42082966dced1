package io.github.qwenlangchain4j.internal.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.exception.TimeoutException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * Turns Qwen's error responses (all three shapes: OpenAI-style, flat DashScope-style and in-stream) and I/O
 * failures into LangChain4j's exception types, following DESIGN section 5. Every message names the HTTP status,
 * Qwen's code and message and the request id; the API key is scrubbed from anything the server echoes.
 */
public final class ErrorMapper {

    private final ObjectMapper json;
    private final String baseUrl;
    private final Redactor redactor;

    ErrorMapper(ObjectMapper json, String baseUrl, Redactor redactor) {
        this.json = json;
        this.baseUrl = baseUrl;
        this.redactor = redactor;
    }

    /** Maps an HTTP error response. {@code headerRequestId} is the {@code x-request-id} header, if any. */
    RuntimeException fromHttpError(int status, String body, String headerRequestId, Duration retryAfter) {
        String code = null;
        String message = null;
        String requestId = headerRequestId;
        JsonNode root = parseQuietly(body);
        if (root != null && root.isObject()) {
            JsonNode error = root.get("error");
            JsonNode source = error != null && error.isObject() ? error : root;
            code = text(source.get("code"));
            message = text(source.get("message"));
            if (requestId == null) {
                requestId = text(root.get("request_id"));
            }
        } else if (body != null && !body.isBlank()) {
            message = abbreviate(redactor.scrub(body.strip()));
        }
        return map(status, code, message, requestId, retryAfter, false);
    }

    /** Maps an error that arrived inside a 200 stream as {@code data: {"error": {...}}}. */
    RuntimeException fromStreamError(String code, String message, String requestId) {
        // An in-stream error carries no status; classify it by code as if it had come with the usual one.
        int status = "data_inspection_failed".equals(code) ? 400 : statusForCode(code);
        return map(status, code, message, requestId, null, true);
    }

    /** Maps a failure to talk to the server at all: timeouts and I/O errors are retriable. */
    static RuntimeException fromIo(IOException e, String what) {
        String description = what + " failed: " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage());
        if (e instanceof SocketTimeoutException
                || (e instanceof InterruptedIOException && "timeout".equals(e.getMessage()))) {
            return new TimeoutException("Qwen API call timed out: " + description, e);
        }
        return new RetriableException("Could not reach the Qwen API: " + description, e);
    }

    /** A 2xx response whose body is not what the API documents. Not retried: the same bytes would come back. */
    public static LangChain4jException malformed(String what, String requestId, Throwable cause) {
        return new LangChain4jException("Malformed response from the Qwen API (" + what + ", request id: "
                + (requestId == null ? "none" : requestId) + ")", cause);
    }

    private RuntimeException map(
            int status, String code, String message, String requestId, Duration retryAfter, boolean inStream) {
        String safeMessage = message == null ? null : redactor.scrub(message);
        String description = describe(inStream ? "in a 200 stream" : "HTTP " + status, code, safeMessage, requestId);
        QwenApiError cause = new QwenApiError(status, code, safeMessage, requestId, retryAfter, description);
        if (status == 400 && "data_inspection_failed".equals(code)) {
            return new ContentFilteredException(description, cause);
        }
        if (status == 401 || status == 403) {
            return new AuthenticationException(description + ". Qwen API keys are bound to a region: this request went to "
                    + baseUrl + regionHint() + "; check that the key was created in that region, or set the region/baseUrl"
                    + " that matches the key.", cause);
        }
        if (status == 404) {
            // Only Qwen's model codes say it is the model; files, batches and wrong paths are 404s too.
            if (code != null && (code.startsWith("model_not") || code.contains("Model"))) {
                return new ModelNotFoundException(description, cause);
            }
            return new InvalidRequestException(description + ". Check the id you asked for and the base URL ("
                    + baseUrl + ")", cause);
        }
        if (status == 408) {
            return new TimeoutException(description, cause);
        }
        if (status == 429) {
            return new RateLimitException(description, cause);
        }
        if (status >= 500) {
            return new InternalServerException(description, cause);
        }
        if (status >= 400) {
            return new InvalidRequestException(description, cause);
        }
        return new LangChain4jException(description, cause);
    }

    private String regionHint() {
        for (io.github.qwenlangchain4j.QwenRegion region : io.github.qwenlangchain4j.QwenRegion.values()) {
            if (region.baseUrl().equals(baseUrl)) {
                return " (region " + region + ")";
            }
        }
        return "";
    }

    private static int statusForCode(String code) {
        if (code == null) {
            return 500;
        }
        return switch (code) {
            case "invalid_api_key", "InvalidApiKey" -> 401;
            case "model_not_found", "model_not_supported" -> 404;
            case "limit_requests", "limit_burst_rate", "insufficient_quota", "Throttling" -> 429;
            case "internal_error", "InternalError", "system_error", "service_unavailable" -> 500;
            default -> 400;
        };
    }

    private static String describe(String where, String code, String message, String requestId) {
        StringBuilder sb = new StringBuilder("Qwen API error: ").append(where);
        if (code != null) {
            sb.append(", code '").append(code).append('\'');
        }
        sb.append(": ").append(message == null || message.isBlank() ? "(no message)" : message.strip());
        sb.append(" (request id: ").append(requestId == null ? "none" : requestId).append(')');
        return sb.toString();
    }

    private JsonNode parseQuietly(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return json.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    private static String abbreviate(String s) {
        return s.length() <= 500 ? s : s.substring(0, 500) + "...";
    }
}
