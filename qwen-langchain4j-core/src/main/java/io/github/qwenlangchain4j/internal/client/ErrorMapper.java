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
import io.github.qwenlangchain4j.QwenApiError;
import io.github.qwenlangchain4j.internal.api.ChatCompletionResponse;
import io.github.qwenlangchain4j.internal.json.Json;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * Turns Qwen's error responses (all three shapes: OpenAI-style, flat DashScope-style and in-stream) and I/O
 * failures into LangChain4j's exception types. Every message names the HTTP status,
 * Qwen's code and message and the request id; the API key is scrubbed from anything the server echoes.
 */
public final class ErrorMapper {

    /**
     * The mapper error bodies are parsed with; null for {@link Json#MAPPER}, looked up when the first error body comes
     * so that building a client does not build the mapper on the caller's thread (see {@code JsonWarmUp}).
     */
    private final ObjectMapper json;

    private final String baseUrl;
    private final Redactor redactor;

    /** Parses error bodies with {@link Json#MAPPER}. */
    ErrorMapper(String baseUrl, Redactor redactor) {
        this(null, baseUrl, redactor);
    }

    ErrorMapper(ObjectMapper json, String baseUrl, Redactor redactor) {
        this.json = json;
        this.baseUrl = baseUrl;
        this.redactor = redactor;
    }

    /**
     * Maps an HTTP error response. {@code headerRequestId} is the {@code x-request-id} header, if any. The body may be
     * JSON in either shape, or SSE-framed ({@code data: {"error": {...}}}, possibly after {@code id:}/{@code event:}
     * lines), as Qwen answers some rejected stream requests whatever the Content-Type says.
     */
    RuntimeException fromHttpError(int status, String body, String headerRequestId, Duration retryAfter) {
        if (status == 407) { // from the proxy, not from Qwen: its body is the proxy's, and no region is to blame
            return proxyRefused("HTTP 407 Proxy Authentication Required", null);
        }
        JsonNode root = parseQuietly(body);
        if (root == null) {
            root = parseQuietly(sseData(body));
        }
        if (root != null && root.isObject()) {
            JsonNode error = root.get("error");
            JsonNode source = error != null && error.isObject() ? error : root;
            String message = text(source.get("message"));
            if (message == null && error != null && error.isTextual()) {
                message = error.asText(); // {"error": "Coding Plan is currently only available for Coding Agents"}
            }
            String requestId = firstNonNull(
                    headerRequestId,
                    text(root.get("request_id")),
                    ChatCompletionResponse.requestIdOf(text(root.get("id"))),
                    error != null && error.isObject() ? text(error.get("request_id")) : null,
                    error != null && error.isObject() ? text(error.get("id")) : null);
            return map(
                    status, text(source.get("code")), text(source.get("type")), message, requestId, retryAfter, false);
        }
        String message = body == null || body.isBlank() ? null : abbreviate(redactor.scrub(body.strip()));
        return map(status, null, null, message, headerRequestId, retryAfter, false);
    }

    /** Maps an error that arrived inside a 200 stream as {@code data: {"error": {...}}} (or a flat native error). */
    RuntimeException fromStreamError(String code, String type, String message, String requestId) {
        return map(0, code, type, message, requestId, null, true);
    }

    /** Maps a failure to talk to the server at all: timeouts and I/O errors are retriable. */
    static RuntimeException fromIo(IOException e, String what) {
        if ("Failed to authenticate with proxy".equals(e.getMessage())) { // OkHttp's words for a refused CONNECT
            return proxyRefused(what + " failed: the proxy refused the tunnel (407)", e);
        }
        String description = what + " failed: " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage());
        if (e instanceof SocketTimeoutException
                || (e instanceof InterruptedIOException && "timeout".equals(e.getMessage()))) {
            return new TimeoutException("Qwen API call timed out: " + description, e);
        }
        return new RetriableException("Could not reach the Qwen API: " + description, e);
    }

    /** Not retried: the same credentials would be refused again. */
    private static RuntimeException proxyRefused(String what, Throwable cause) {
        return new AuthenticationException(
                "The HTTP proxy refused the request (" + what + "): set the proxy"
                        + " credentials (proxyAuthentication(username, password), or langchain4j.qwen.proxy.username and"
                        + " password) or check them",
                cause);
    }

    /** A 2xx response whose body is not what the API documents. Not retried: the same bytes would come back. */
    public static LangChain4jException malformed(String what, String requestId, Throwable cause) {
        return new LangChain4jException(
                "Malformed response from the Qwen API (" + what + ", request id: "
                        + (requestId == null ? "none" : requestId) + ")",
                cause);
    }

    private RuntimeException map(
            int status,
            String code,
            String type,
            String message,
            String requestId,
            Duration retryAfter,
            boolean inStream) {
        String safeMessage = message == null ? null : redactor.scrub(message);
        ErrorKind kind = ErrorKind.of(status, code, type, safeMessage);
        int effectiveStatus = inStream ? kind.typicalStatus : status;
        String description = describe(inStream ? "in a 200 stream" : "HTTP " + status, code, safeMessage, requestId);
        QwenApiError cause = new QwenApiError(effectiveStatus, code, safeMessage, requestId, retryAfter, description);
        return switch (kind) {
            case CONTENT_FILTERED -> new ContentFilteredException(description, cause);
            case AUTHENTICATION ->
                new AuthenticationException(
                        description + ". Qwen API keys are bound to a region:"
                                + " this request went to " + baseUrl + regionHint()
                                + "; check that the key was created in that"
                                + " region, or set the region/baseUrl that matches the key.",
                        cause);
            case MODEL_NOT_FOUND -> new ModelNotFoundException(description, cause);
            // Files, batches and wrong paths are 404s too: only a model code blames the model.
            case NOT_FOUND ->
                new InvalidRequestException(
                        description + ". Check the id you asked for and the base URL (" + baseUrl + ")", cause);
            case TIMEOUT -> new TimeoutException(description, cause);
            case RATE_LIMITED -> new RateLimitException(description, cause);
            case SERVER_ERROR -> new InternalServerException(description, cause);
            case INVALID_REQUEST ->
                status >= 400 || inStream
                        ? new InvalidRequestException(description, cause)
                        : new LangChain4jException(description, cause);
        };
    }

    private String regionHint() {
        for (io.github.qwenlangchain4j.QwenRegion region : io.github.qwenlangchain4j.QwenRegion.values()) {
            if (region.baseUrl().equals(baseUrl)
                    || region.nativeBaseUrl().equals(baseUrl)
                    || region.compatibleApiBaseUrl().equals(baseUrl)) {
                return " (region " + region + ")";
            }
        }
        return "";
    }

    private static String describe(String where, String code, String message, String requestId) {
        StringBuilder sb = new StringBuilder("Qwen API error: ").append(where);
        if (code != null) {
            sb.append(", code '").append(code).append('\'');
        }
        sb.append(": ").append(message == null || message.isBlank() ? "(no message)" : message.strip());
        sb.append(" (request id: ")
                .append(requestId == null ? "none" : requestId)
                .append(')');
        return sb.toString();
    }

    /** The data of the first event of an SSE-framed body, or null when the body has no {@code data:} line. */
    static String sseData(String body) {
        if (body == null || !body.contains("data:")) {
            return null;
        }
        try {
            okio.Buffer data = new SseReader(new okio.Buffer().writeUtf8(body)).nextEvent();
            return data == null ? null : data.readUtf8();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String firstNonNull(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    private JsonNode parseQuietly(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return (json != null ? json : Json.MAPPER).readTree(body);
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
