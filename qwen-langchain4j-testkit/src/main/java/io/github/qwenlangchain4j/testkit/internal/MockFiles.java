package io.github.qwenlangchain4j.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Files API of the mock, in memory: multipart uploads with purpose {@code batch} (batch input) or
 * {@code file-extract} (documents for Qwen-Long), the list, look-up, deletion, and the content of the files batches
 * write ({@code batch_output}); other files' content is refused, as Qwen refuses it.
 *
 * <p>Documents are parsed one step per {@code GET /files/{id}}: the upload and the first look-up say
 * {@code uploaded}, the second {@code processed} (or {@code error} for an empty document). Chats that reference them
 * ({@code fileid://} system messages) are checked against them with Qwen's refusals ({@link #readDocuments}).
 * Synchronized: requests and batches share the files.
 */
public final class MockFiles {

    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");
    private static final Pattern NAME = Pattern.compile("name=\"([^\"]*)\"");
    private static final Pattern FILENAME = Pattern.compile("filename=\"([^\"]*)\"");

    /** What a chat's {@code fileid://} references come to: Qwen's refusal, or what the documents say. */
    public record DocumentCheck(QwenError refusal, List<String> documents) {}

    private record StoredFile(
            String id,
            String filename,
            String purpose,
            long createdAt,
            String content,
            String status,
            String statusDetails,
            int lookUps) {

        /** A document after one more look-up: Qwen's parsing advances one step. */
        StoredFile lookedUp() {
            if (!"uploaded".equals(status)) {
                return this;
            }
            if (lookUps == 0) {
                return new StoredFile(id, filename, purpose, createdAt, content, status, null, 1);
            }
            return content.isBlank()
                    // Qwen's wording for an empty document (Model Studio error codes: "File [id:...] content blank.")
                    ? new StoredFile(
                            id,
                            filename,
                            purpose,
                            createdAt,
                            content,
                            "error",
                            "File [id:" + id + "] content blank.",
                            2)
                    : new StoredFile(id, filename, purpose, createdAt, content, "processed", null, 2);
        }
    }

    private final MockClock clock;
    private final Map<String, StoredFile> files = new LinkedHashMap<>();

    public MockFiles(MockClock clock) {
        this.clock = clock;
    }

    public synchronized void reset() {
        files.clear();
    }

    /** {@code POST /files}: a multipart upload with a {@code purpose} and a {@code file} part. */
    public synchronized HttpReply upload(MockRequest request) {
        String contentType = request.header("Content-Type");
        Matcher boundary = BOUNDARY.matcher(contentType == null ? "" : contentType);
        if (contentType == null || !contentType.startsWith("multipart/form-data") || !boundary.find()) {
            return error(400, "invalid_parameter_error", "Uploads must be multipart/form-data.", request);
        }
        String purpose = null;
        String filename = null;
        String content = null;
        for (String part : request.body().split("--" + Pattern.quote(boundary.group(1)))) {
            int split = part.indexOf("\r\n\r\n");
            if (split < 0) {
                continue;
            }
            String headers = part.substring(0, split);
            String value = part.substring(split + 4);
            value = value.endsWith("\r\n") ? value.substring(0, value.length() - 2) : value;
            Matcher name = NAME.matcher(headers);
            Matcher file = FILENAME.matcher(headers);
            if (!name.find()) {
                continue;
            }
            if (name.group(1).equals("purpose")) {
                purpose = value;
            } else if (name.group(1).equals("file")) {
                filename = file.find() ? file.group(1) : "file";
                content = value;
            }
        }
        if (content == null) {
            return error(400, "invalid_parameter_error", "Required parameter 'file' missing.", request);
        }
        if (!"batch".equals(purpose) && !"file-extract".equals(purpose)) {
            return error(
                    400,
                    "invalid_parameter_error",
                    "purpose must be 'batch' or 'file-extract', but was '" + purpose + "'.",
                    request);
        }
        String id = "file-" + (purpose.equals("batch") ? "batch-" : "fe-") + Ids.shortId();
        // Batch input is ready at once; a document waits for its parsing (see lookedUp).
        StoredFile file = new StoredFile(
                id,
                filename,
                purpose,
                clock.now(),
                content,
                purpose.equals("batch") ? "processed" : "uploaded",
                null,
                0);
        files.put(file.id(), file);
        return HttpReply.json(200, json(file).toString());
    }

    /** {@code GET /files}: newest first. */
    public synchronized HttpReply list(MockRequest request) {
        List<ObjectNode> items = new ArrayList<>();
        files.values().forEach(file -> items.add(json(file)));
        Collections.reverse(items);
        return HttpReply.json(200, ListPage.of(items, request.query()).toString());
    }

    /** {@code GET /files/{id}}: a document's parsing advances one step per look-up. */
    public synchronized HttpReply retrieve(MockRequest request) {
        StoredFile file = files.get(request.param("id"));
        if (file == null) {
            return notFound(request);
        }
        file = file.lookedUp();
        files.put(file.id(), file);
        return HttpReply.json(200, json(file).toString());
    }

    /** {@code DELETE /files/{id}}. */
    public synchronized HttpReply delete(MockRequest request) {
        StoredFile file = files.remove(request.param("id"));
        return file == null
                ? notFound(request)
                : HttpReply.json(
                        200,
                        JsonNodeFactory.instance
                                .objectNode()
                                .put("object", "file")
                                .put("deleted", true)
                                .put("id", file.id())
                                .toString());
    }

    /** {@code GET /files/{id}/content}: only for the files batches write. */
    public synchronized HttpReply content(MockRequest request) {
        StoredFile file = files.get(request.param("id"));
        if (file == null) {
            return notFound(request);
        }
        if (!file.purpose().equals("batch_output")) {
            return error(
                    400,
                    "invalid_request_error",
                    "Content retrieval is only supported for the output and error" + " files of batches.",
                    request);
        }
        return HttpReply.body(200, "application/octet-stream", file.content());
    }

    /** The purpose of a file, or null when there is no such file. */
    public synchronized String purpose(String id) {
        StoredFile file = files.get(id);
        return file == null ? null : file.purpose();
    }

    /** The content of a file, or null when there is no such file. */
    public synchronized String content(String id) {
        StoredFile file = files.get(id);
        return file == null ? null : file.content();
    }

    /** Stores a batch's results as a {@code batch_output} file, one JSON line each; returns its id. */
    public synchronized String storeResults(String idPrefix, List<ObjectNode> lines) {
        StringBuilder content = new StringBuilder();
        lines.forEach(line -> content.append(line).append('\n'));
        StoredFile file = new StoredFile(
                idPrefix + Ids.shortId(),
                "result.jsonl",
                "batch_output",
                clock.now(),
                content.toString(),
                "processed",
                null,
                0);
        files.put(file.id(), file);
        return file.id();
    }

    /**
     * Checks the documents a chat references ({@code fileid://<id>[,<id>...]} system messages) as Qwen-Long does:
     * an unknown id, a document still being parsed, a failed one and too many ids are refused with Qwen's messages
     * (Model Studio error codes: "Invalid file [id:...].", "File parsing in progress, please try again later.",
     * "Too many files provided."). Otherwise says, for each document, its name and how it begins.
     */
    public synchronized DocumentCheck readDocuments(JsonNode request) {
        List<String> documents = new ArrayList<>();
        for (JsonNode message : request.path("messages")) {
            String text = message.path("content").asText("").strip();
            if (!"system".equals(message.path("role").asText()) || !text.startsWith("fileid://")) {
                continue;
            }
            String[] ids = text.substring("fileid://".length()).split(",");
            if (ids.length >= 100) {
                return new DocumentCheck(QwenError.invalidParameter("Too many files provided."), documents);
            }
            for (String raw : ids) {
                String id = raw.strip().replaceFirst("^fileid://", "");
                StoredFile file = files.get(id);
                if (file == null || !file.purpose().equals("file-extract")) {
                    return new DocumentCheck(QwenError.invalidParameter("Invalid file [id:" + id + "]."), documents);
                }
                if (file.status().equals("uploaded")) {
                    return new DocumentCheck(
                            QwenError.invalidParameter("File parsing in progress, please try again later."), documents);
                }
                if (file.status().equals("error")) {
                    return new DocumentCheck(QwenError.invalidParameter(file.statusDetails()), documents);
                }
                String start = file.content().replaceAll("\\s+", " ").strip();
                documents.add(file.filename() + " (" + id + "): \""
                        + (start.length() <= 80 ? start : start.substring(0, 80) + "...") + '"');
            }
        }
        return new DocumentCheck(null, documents);
    }

    private static ObjectNode json(StoredFile file) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("id", file.id())
                .put("bytes", file.content().getBytes(StandardCharsets.UTF_8).length)
                .put("created_at", file.createdAt())
                .put("filename", file.filename())
                .put("object", "file")
                .put("purpose", file.purpose())
                .put("status", file.status());
        if (file.statusDetails() == null) {
            node.putNull("status_details");
        } else {
            node.put("status_details", file.statusDetails());
        }
        return node;
    }

    private static HttpReply notFound(MockRequest request) {
        return error(404, "NotFound", "The file " + request.param("id") + " does not exist.", request);
    }

    private static HttpReply error(int status, String code, String message, MockRequest request) {
        return HttpReply.compatibleError(QwenError.request(status, code, message), request.requestId());
    }
}
