package io.github.qwenlangchain4j;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/** Reads the wire fixtures under {@code src/test/resources/fixtures} (copied from {@code shared/fixtures}). */
public final class Fixtures {

    private Fixtures() {}

    /** The fixture's text, e.g. {@code read("chat/chat_response_nonstream_basic.json")}. */
    public static String read(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An SSE body from a JSON-lines fixture: each line sent as {@code data: <json>}, then {@code data: [DONE]}. */
    public static String sseFromJsonLines(String path) {
        return sse(read(path).lines().filter(line -> !line.isBlank()).collect(Collectors.toList()));
    }

    /** An SSE body of the given payloads followed by {@code data: [DONE]}. */
    public static String sse(List<String> payloads) {
        StringBuilder sb = new StringBuilder();
        for (String payload : payloads) {
            sb.append("data: ").append(payload).append("\n\n");
        }
        return sb.append("data: [DONE]\n\n").toString();
    }
}
