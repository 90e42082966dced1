package io.github.qwenlangchain4j.testkit.internal;

import java.util.List;
import java.util.Map;

/** Requests built in tests, as the transport would read them off the wire. */
final class Requests {

    static final String KEY = "sk-test";

    private Requests() {}

    static MockRequest request(String method, String path, String body, Map<String, List<String>> headers) {
        return new MockRequest(method, path, null, headers, body, "4b1f7a0e-3c52-4d9a-9a3e-0f6b2d1c8e77", Map.of());
    }

    /** A request carrying {@link #KEY}. */
    static MockRequest withKey(String method, String path, String body) {
        return request(method, path, body, Map.of("authorization", List.of("Bearer " + KEY)));
    }

    /** {@code POST /files}: a multipart upload of {@code content} with this purpose. */
    static MockRequest upload(String purpose, String filename, String content) {
        String boundary = "test-boundary";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\n" + purpose
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n";
        return request(
                "POST",
                "/compatible-mode/v1/files",
                body,
                Map.of(
                        "authorization", List.of("Bearer " + KEY),
                        "content-type", List.of("multipart/form-data; boundary=" + boundary)));
    }

    /** A request carrying {@link #KEY}, with the values of its route's segments. */
    static MockRequest withParams(String method, String path, String body, Map<String, String> params) {
        return withKey(method, path, body).withParams(params);
    }
}
