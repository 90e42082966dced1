package io.github.qwenlangchain4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A request {@link QwenMockServer} received.
 *
 * @param method  the HTTP method
 * @param path    the path, e.g. {@code /compatible-mode/v1/chat/completions}
 * @param headers the headers, names in lower case
 * @param body    the body as text
 */
public record RecordedRequest(String method, String path, Map<String, List<String>> headers, String body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The first value of a header.
     *
     * @param name the header name, in any case
     * @return the first value, or null when the request did not have the header
     */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /**
     * The body parsed as JSON.
     *
     * @return the body as a JSON tree
     * @throws UncheckedIOException when the body is not JSON
     */
    public JsonNode json() {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("the body is not JSON: " + body, e);
        }
    }
}
