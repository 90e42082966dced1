package io.github.qwenlangchain4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Tests of the mock's Responses and Conversations APIs: requests, Qwen's SSE frames, fixtures. */
abstract class ResponsesHttpSupport extends MockServerHttpSupport {

    /**
     * One event as Qwen frames it.
     *
     * @param id      the {@code id:} line
     * @param event   the {@code event:} line
     * @param comment the comment line, without its colon
     * @param data    the {@code data:} payload
     */
    record Frame(String id, String event, String comment, JsonNode data) {}

    HttpResponse<String> responses(String body) throws Exception {
        return send("POST", "/responses", "application/json", body);
    }

    JsonNode responsesJson(String body) throws Exception {
        HttpResponse<String> response = responses(body);
        if (response.statusCode() != 200) {
            throw new AssertionError("HTTP " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** The body of a 200 JSON answer. */
    JsonNode ok(HttpResponse<String> response) throws IOException {
        if (response.statusCode() != 200) {
            throw new AssertionError("HTTP " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** Parses frames strictly: each line is {@code id:}, {@code event:}, a comment or {@code data:}, no spaces. */
    static List<Frame> frames(String sse) throws IOException {
        List<Frame> frames = new ArrayList<>();
        for (String block : sse.split("\n\n")) {
            if (block.isBlank()) {
                continue;
            }
            String id = null;
            String event = null;
            String comment = null;
            JsonNode data = null;
            for (String line : block.split("\n")) {
                if (line.startsWith("id:")) {
                    id = line.substring(3);
                } else if (line.startsWith("event:")) {
                    event = line.substring(6);
                } else if (line.startsWith(":")) {
                    comment = line.substring(1);
                } else if (line.startsWith("data:")) {
                    data = JSON.readTree(line.substring(5));
                } else {
                    throw new AssertionError("unexpected line: " + line);
                }
            }
            frames.add(new Frame(id, event, comment, data));
        }
        return frames;
    }

    static List<String> types(List<Frame> frames) {
        return frames.stream().map(Frame::event).toList();
    }

    static String fixture(String name) {
        try (InputStream in = ResponsesHttpSupport.class.getResourceAsStream("/responses/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text of the response's last message item. */
    static String messageText(JsonNode response) {
        String text = null;
        for (JsonNode item : response.path("output")) {
            if ("message".equals(item.path("type").asText())) {
                text = item.at("/content/0/text").asText();
            }
        }
        return text;
    }

    static JsonNode itemOfType(JsonNode response, String type) {
        for (JsonNode item : response.path("output")) {
            if (type.equals(item.path("type").asText())) {
                return item;
            }
        }
        throw new AssertionError("no " + type + " item in " + response.path("output"));
    }
}
