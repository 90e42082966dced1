package io.github.qwenlangchain4j.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A request as the mock's handlers see it, read off the wire once: handlers never touch the HTTP server, so each can
 * be called with a request built in a test.
 *
 * @param method    the HTTP method
 * @param path      the decoded path
 * @param rawQuery  the query as sent, or null
 * @param headers   the headers, names in lower case
 * @param body      the body as text ("" for none)
 * @param requestId the id of this request, sent back in {@code x-request-id} and in error bodies
 * @param params    the values of the matched route's {@code {name}} segments
 */
public record MockRequest(
        String method,
        String path,
        String rawQuery,
        Map<String, List<String>> headers,
        String body,
        String requestId,
        Map<String, String> params) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The first value of a header, or null; {@code name} in any case. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The value of a route's {@code {name}} segment. */
    public String param(String name) {
        return params.get(name);
    }

    /** This request with the values of its route's segments. */
    public MockRequest withParams(Map<String, String> values) {
        return new MockRequest(method, path, rawQuery, headers, body, requestId, Map.copyOf(values));
    }

    /** The query's parameters, decoded, in the order sent (the last value of a repeated name). */
    public Map<String, String> query() {
        return parseQuery(rawQuery);
    }

    /** The body as JSON, or null when it is not JSON. */
    public JsonNode json() {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    /** Decodes a raw query; empty for null. */
    public static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            query.put(
                    URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return query;
    }
}
