package io.github.qwenlangchain4j.internal.client;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Qwen error means, from its code (compatible mode's snake_case codes and DashScope's native codes alike)
 * or, when the code says nothing specific, from the HTTP status, after Model Studio's error-code page
 * (alibabacloud.com/help/en/model-studio/error-code): e.g. {@code DataInspectionFailed} 400, {@code Throttling.*}
 * 429, {@code RequestTimeOut} 408, {@code InternalError*} 500, {@code ModelUnavailable} 503.
 */
enum ErrorKind {
    CONTENT_FILTERED(400),
    INVALID_REQUEST(400),
    AUTHENTICATION(401),
    NOT_FOUND(404),
    MODEL_NOT_FOUND(404),
    TIMEOUT(408),
    RATE_LIMITED(429),
    SERVER_ERROR(500);

    /** Native codes that compatible mode puts in front of a message: "<400> InternalError.Algo.InvalidParameter: ...". */
    private static final Pattern NATIVE_PREFIX = Pattern.compile("^\\s*<\\d{3}>\\s*([A-Za-z][\\w.]*):");

    /** The status an error of this kind usually comes with; used for errors that arrive inside a 200 stream. */
    final int typicalStatus;

    ErrorKind(int typicalStatus) {
        this.typicalStatus = typicalStatus;
    }

    /**
     * Classifies an error. Content moderation wins wherever it is named (code, type or the message's native
     * prefix), because Qwen sometimes wraps it in a generic code; otherwise the first specific code decides, then the
     * status ({@code status <= 0}: an in-stream error, which has none).
     */
    static ErrorKind of(int status, String code, String type, String message) {
        String nativeCode = nativeCodeOf(message);
        String[] codes = {code, type, nativeCode};
        for (String candidate : codes) {
            if (isContentFilter(candidate)) {
                return CONTENT_FILTERED;
            }
        }
        if (message != null && (message.startsWith("Unsupported model") || message.startsWith("Model not exist"))) {
            // the Responses API's answer to an unknown model: 400 InvalidParameter "Unsupported model: 'x'"; the
            // native API's (text rerank and the other /api/v1 services): InvalidParameter "Model not exist."
            return MODEL_NOT_FOUND;
        }
        for (String candidate : codes) {
            ErrorKind kind = ofCode(candidate);
            if (kind != null) {
                return kind;
            }
        }
        return ofStatus(status, code);
    }

    /** The native code at the start of a message, e.g. {@code InternalError.Algo.DataInspectionFailed}; or null. */
    static String nativeCodeOf(String message) {
        if (message == null) {
            return null;
        }
        Matcher matcher = NATIVE_PREFIX.matcher(message);
        return matcher.find() ? matcher.group(1) : null;
    }

    private static boolean isContentFilter(String code) {
        return code != null && normalise(code).contains("datainspectionfailed");
    }

    /** The kind a specific code names, or null for generic codes ({@code invalid_request_error}, ...) and unknown ones. */
    private static ErrorKind ofCode(String code) {
        if (code == null || code.isBlank()) {
            return null;
        }
        String c = normalise(code);
        if (c.contains("invalidparameter") || c.equals("arrearage") || c.startsWith("badrequest")) {
            return INVALID_REQUEST; // before InternalError: "InternalError.Algo.InvalidParameter" is a bad request
        }
        if (c.equals("invalidapikey") || c.contains("accessdenied")) {
            return AUTHENTICATION;
        }
        if (c.startsWith("modelnot")) {
            return MODEL_NOT_FOUND;
        }
        if (c.startsWith("throttling")
                || c.startsWith("limit")
                || c.equals("insufficientquota")
                || c.equals("ratelimitexceeded")) {
            return RATE_LIMITED;
        }
        if (c.equals("requesttimeout") || c.endsWith(".timeout")) {
            return TIMEOUT;
        }
        if (c.startsWith("internalerror")
                || c.equals("systemerror")
                || c.equals("serviceunavailable")
                || c.equals("modelunavailable")
                || c.equals("modelservicefailed")
                || c.contains("overloaded")) {
            return SERVER_ERROR;
        }
        return null;
    }

    private static ErrorKind ofStatus(int status, String code) {
        if (status <= 0) {
            return code == null ? SERVER_ERROR : INVALID_REQUEST;
        }
        return switch (status) {
            case 401, 403 -> AUTHENTICATION;
            case 404 -> NOT_FOUND;
            case 408 -> TIMEOUT;
            case 429 -> RATE_LIMITED;
            default -> status >= 500 ? SERVER_ERROR : INVALID_REQUEST;
        };
    }

    /** Lower case without underscores: {@code Throttling.RateQuota} and {@code data_inspection_failed} alike. */
    private static String normalise(String code) {
        return code.strip().toLowerCase(Locale.ROOT).replace("_", "");
    }
}
