package io.github.qwenlangchain4j.internal.client;

import java.nio.charset.StandardCharsets;
import okhttp3.Headers;
import okhttp3.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs requests and responses at INFO when the user turned logging on. Credentials are never written: the
 * {@code Authorization} header is masked and the key is scrubbed from every logged value and body.
 */
final class HttpLogger {

    private static final Logger log = LoggerFactory.getLogger(QwenClient.class);

    private final boolean logRequests;
    private final boolean logResponses;
    private final Redactor redactor;

    HttpLogger(boolean logRequests, boolean logResponses, Redactor redactor) {
        this.logRequests = logRequests;
        this.logResponses = logResponses;
        this.redactor = redactor;
    }

    boolean logsResponses() {
        return logResponses && log.isInfoEnabled();
    }

    void request(Request request, byte[] body) {
        if (logRequests && log.isInfoEnabled()) {
            log.info(
                    "Request:\n- method: {}\n- url: {}\n- headers: {}\n- body: {}",
                    request.method(),
                    request.url(),
                    headers(request.headers()),
                    redactor.scrub(new String(body, StandardCharsets.UTF_8)));
        }
    }

    void response(int status, Headers headers, String body) {
        if (logsResponses()) {
            log.info(
                    "Response:\n- status code: {}\n- headers: {}\n- body: {}",
                    status,
                    headers(headers),
                    redactor.scrub(body));
        }
    }

    void streamEvent(okio.Buffer data) {
        if (logsResponses()) {
            log.info("Stream event: {}", redactor.scrub(data.snapshot().utf8()));
        }
    }

    private String headers(Headers headers) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < headers.size(); i++) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            String name = headers.name(i);
            sb.append('[')
                    .append(name)
                    .append(": ")
                    .append(redactor.header(name, headers.value(i)))
                    .append(']');
        }
        return sb.toString();
    }
}
