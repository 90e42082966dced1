package io.github.qwenlangchain4j.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Files and Batch APIs of the mock: files in memory, and batches that advance one step per
 * {@code GET /batches/{id}} (no timers): validating, in progress (first half of the lines run), in progress (the
 * rest run), finalizing, completed. Lines are run by the server's own chat and embeddings logic. A batch can be told
 * to fail or expire at its next poll, and lines can be told to fail. Synchronized: one request at a time.
 *
 * <p>Documents for Qwen-Long (purpose {@code file-extract}) are parsed one step per {@code GET /files/{id}}: the
 * upload and the first look-up say {@code uploaded}, the second {@code processed} (or {@code error} for an empty
 * document). Chats that reference them ({@code fileid://...} system messages) are checked against them with Qwen's
 * refusals ({@link #readDocuments}).
 */
public final class MockBatches {

    /** Runs one request line: returns the status and body the endpoint would have answered. */
    @FunctionalInterface
    public interface LineExecutor {
        Outcome execute(String url, JsonNode body, String requestId);
    }

    /** A status and a JSON body. */
    public record Outcome(int status, String body) {}

    /** An HTTP reply of the Files or Batch API. */
    public record Reply(int status, String contentType, String body) {}

    private static final Set<String> ENDPOINTS = Set.of("/v1/chat/completions", "/v1/embeddings", "/v1/chat/ds-test");
    private static final Pattern WINDOW = Pattern.compile("(\\d{1,4})([hd])");
    private static final DateTimeFormatter LIST_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    /** Model Studio's regions (Singapore, Beijing) both run on UTC+8; the list filters use local time. */
    private static final ZoneOffset REGION_TIME = ZoneOffset.ofHours(8);
    private static final int MAX_LINES = 50_000;
    private static final long MAX_LINE_BYTES = 6L * 1024 * 1024;

    private final ObjectMapper json;
    private final LineExecutor executor;
    private final Map<String, StoredFile> files = new LinkedHashMap<>();
    private final Map<String, Batch> batches = new LinkedHashMap<>();
    private final Map<String, Outcome> failingLines = new HashMap<>();
    private final AtomicLong clock = new AtomicLong(1_760_000_000L);

    public MockBatches(ObjectMapper json, LineExecutor executor) {
        this.json = json;
        this.executor = executor;
    }

    private record StoredFile(String id, String filename, String purpose, long createdAt, String content,
                              String status, String statusDetails, int lookUps) {

        StoredFile(String id, String filename, String purpose, long createdAt, String content) {
            this(id, filename, purpose, createdAt, content, "processed", null, 0);
        }

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
                    ? new StoredFile(id, filename, purpose, createdAt, content, "error",
                            "File [id:" + id + "] content blank.", 2)
                    : new StoredFile(id, filename, purpose, createdAt, content, "processed", null, 2);
        }
    }

    /** What a chat's {@code fileid://} references come to: Qwen's refusal, or what the documents say. */
    public record DocumentCheck(QwenError refusal, List<String> documents) {}

    private static final class Batch {
        String id;
        String endpoint;
        String inputFileId;
        String window;
        String status = "validating";
        ObjectNode metadata;
        long createdAt;
        final Map<String, Long> times = new LinkedHashMap<>();
        List<JsonNode> lines = List.of();
        final List<ObjectNode> output = new ArrayList<>();
        final List<ObjectNode> errorLines = new ArrayList<>();
        int executed;
        ArrayNode errors;
        String outputFileId;
        String errorFileId;
        String fate; // "failed" or "expired", applied at the next poll
        String fateCode;
        String fateMessage;
    }

    /** Makes the batch fail at its next poll with this error (as a validation failure would). */
    public synchronized void failBatch(String batchId, String code, String message) {
        Batch batch = existing(batchId);
        batch.fate = "failed";
        batch.fateCode = code;
        batch.fateMessage = message;
    }

    /** Makes the batch expire at its next poll: lines run so far keep their results, the others never run. */
    public synchronized void expireBatch(String batchId) {
        existing(batchId).fate = "expired";
    }

    /** Makes every line with this {@code custom_id} fail with this error, in batches run from now on. */
    public synchronized void failLine(String customId, int status, String code, String message) {
        ObjectNode body = json.createObjectNode();
        body.putObject("error").put("message", message).put("type", "invalid_request_error").putNull("param")
                .put("code", code);
        failingLines.put(customId, new Outcome(status, body.toString()));
    }

    /** The ids of the batches created so far, oldest first. */
    public synchronized List<String> batchIds() {
        return List.copyOf(batches.keySet());
    }

    public synchronized void reset() {
        files.clear();
        batches.clear();
        failingLines.clear();
    }

    private Batch existing(String batchId) {
        Batch batch = batches.get(batchId);
        if (batch == null) {
            throw new IllegalArgumentException("No batch " + batchId);
        }
        return batch;
    }

    /** Serves {@code path} (relative to the compatible-mode base path). */
    public synchronized Reply handle(String method, String path, String rawQuery, String contentType, String body,
                                     String requestId) {
        Map<String, String> query = parseQuery(rawQuery);
        String[] parts = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toArray(String[]::new);
        try {
            if (parts[0].equals("files")) {
                if (parts.length == 1 && method.equals("POST")) {
                    return upload(contentType, body, requestId);
                }
                if (parts.length == 1 && method.equals("GET")) {
                    return listFiles(query);
                }
                StoredFile file = files.get(parts[1]);
                if (file == null) {
                    return error(404, "NotFound", "The file " + parts[1] + " does not exist.", requestId);
                }
                if (parts.length == 2 && method.equals("GET")) {
                    file = file.lookedUp();
                    files.put(file.id(), file);
                    return ok(fileJson(file).toString());
                }
                if (parts.length == 2 && method.equals("DELETE")) {
                    files.remove(file.id());
                    return ok(json.createObjectNode().put("object", "file").put("deleted", true).put("id", file.id())
                            .toString());
                }
                if (parts.length == 3 && parts[2].equals("content") && method.equals("GET")) {
                    if (!file.purpose().equals("batch_output")) {
                        return error(400, "invalid_request_error", "Content retrieval is only supported for the output"
                                + " and error files of batches.", requestId);
                    }
                    return new Reply(200, "application/octet-stream", file.content());
                }
            } else if (parts[0].equals("batches")) {
                if (parts.length == 1 && method.equals("POST")) {
                    return create(json.readTree(body), requestId);
                }
                if (parts.length == 1 && method.equals("GET")) {
                    return listBatches(query);
                }
                Batch batch = batches.get(parts[1]);
                if (batch == null) {
                    return error(404, "NotFound", "The batch " + parts[1] + " does not exist.", requestId);
                }
                if (parts.length == 2 && method.equals("GET")) {
                    advance(batch);
                    return ok(batchJson(batch).toString());
                }
                if (parts.length == 3 && parts[2].equals("cancel") && method.equals("POST")) {
                    if (!batch.status.equals("validating") && !batch.status.equals("in_progress")) {
                        return error(400, "invalid_request_error", "Only validating or in_progress batches can be"
                                + " cancelled; this one is " + batch.status + ".", requestId);
                    }
                    batch.status = "cancelling";
                    batch.times.put("cancelling_at", now());
                    return ok(batchJson(batch).toString());
                }
            }
        } catch (IOException e) {
            return error(400, "invalid_parameter_error", "The request body is not valid JSON.", requestId);
        }
        return error(404, "NotFound", "No such endpoint: " + method + " " + path, requestId);
    }

    private Reply upload(String contentType, String body, String requestId) {
        Matcher boundary = Pattern.compile("boundary=\"?([^\";]+)\"?").matcher(contentType == null ? "" : contentType);
        if (contentType == null || !contentType.startsWith("multipart/form-data") || !boundary.find()) {
            return error(400, "invalid_parameter_error", "Uploads must be multipart/form-data.", requestId);
        }
        String purpose = null;
        String filename = null;
        String content = null;
        for (String part : body.split("--" + Pattern.quote(boundary.group(1)))) {
            int split = part.indexOf("\r\n\r\n");
            if (split < 0) {
                continue;
            }
            String headers = part.substring(0, split);
            String value = part.substring(split + 4);
            value = value.endsWith("\r\n") ? value.substring(0, value.length() - 2) : value;
            Matcher name = Pattern.compile("name=\"([^\"]*)\"").matcher(headers);
            Matcher file = Pattern.compile("filename=\"([^\"]*)\"").matcher(headers);
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
            return error(400, "invalid_parameter_error", "Required parameter 'file' missing.", requestId);
        }
        if (!"batch".equals(purpose) && !"file-extract".equals(purpose)) {
            return error(400, "invalid_parameter_error", "purpose must be 'batch' or 'file-extract', but was '"
                    + purpose + "'.", requestId);
        }
        String id = "file-" + (purpose.equals("batch") ? "batch-" : "fe-") + shortId();
        StoredFile file = purpose.equals("batch") ? new StoredFile(id, filename, purpose, now(), content)
                : new StoredFile(id, filename, purpose, now(), content, "uploaded", null, 0);
        files.put(file.id(), file);
        return ok(fileJson(file).toString());
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
                    return new DocumentCheck(QwenError.invalidParameter(
                            "File parsing in progress, please try again later."), documents);
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

    private Reply listFiles(Map<String, String> query) {
        List<StoredFile> all = new ArrayList<>(files.values());
        java.util.Collections.reverse(all);
        List<ObjectNode> items = new ArrayList<>();
        all.forEach(file -> items.add(fileJson(file)));
        return ok(page(items, query).toString());
    }

    private ObjectNode page(List<ObjectNode> items, Map<String, String> query) {
        int start = 0;
        String after = query.get("after");
        if (after != null) {
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i).path("id").asText().equals(after)) {
                    start = i + 1;
                }
            }
        }
        int limit = query.containsKey("limit") ? Integer.parseInt(query.get("limit")) : 20;
        int end = Math.min(items.size(), start + limit);
        ObjectNode root = json.createObjectNode().put("object", "list");
        ArrayNode data = root.putArray("data");
        items.subList(start, end).forEach(data::add);
        if (start < end) {
            root.put("first_id", items.get(start).path("id").asText());
            root.put("last_id", items.get(end - 1).path("id").asText());
        } else {
            root.putNull("first_id").putNull("last_id");
        }
        root.put("has_more", end < items.size());
        return root;
    }

    private Reply create(JsonNode request, String requestId) {
        String inputFileId = request.path("input_file_id").asText("");
        StoredFile input = files.get(inputFileId);
        if (input == null) {
            return error(404, "NotFound", "The input file " + inputFileId + " does not exist.", requestId);
        }
        if (!input.purpose().equals("batch")) {
            return error(400, "invalid_parameter_error", "The input file must have purpose 'batch'.", requestId);
        }
        String endpoint = request.path("endpoint").asText("");
        if (!ENDPOINTS.contains(endpoint)) {
            return error(400, "invalid_parameter_error", "endpoint must be one of " + ENDPOINTS + ".", requestId);
        }
        String window = request.path("completion_window").asText("");
        Matcher matcher = WINDOW.matcher(window);
        long hours = matcher.matches()
                ? Long.parseLong(matcher.group(1)) * (matcher.group(2).equals("d") ? 24 : 1) : -1;
        if (hours < 24 || hours > 336) {
            return error(400, "invalid_parameter_error", "completion_window must be between 24h and 336h (1d to 14d),"
                    + " but was '" + window + "'.", requestId);
        }
        JsonNode metadata = request.path("metadata");
        if (metadata.path("ds_name").asText("").length() > 100
                || metadata.path("ds_description").asText("").length() > 200) {
            return error(400, "invalid_parameter_error", "ds_name is limited to 100 characters and ds_description to"
                    + " 200.", requestId);
        }
        Batch batch = new Batch();
        batch.id = "batch_" + shortId();
        batch.endpoint = endpoint;
        batch.inputFileId = inputFileId;
        batch.window = window;
        batch.createdAt = now();
        batch.times.put("expires_at", batch.createdAt + hours * 3600);
        batch.metadata = metadata.isObject() ? (ObjectNode) metadata.deepCopy() : null;
        batches.put(batch.id, batch);
        return ok(batchJson(batch).toString());
    }

    private Reply listBatches(Map<String, String> query) {
        List<Batch> all = new ArrayList<>(batches.values());
        java.util.Collections.reverse(all);
        String name = query.get("ds_name");
        Set<String> inputs = query.containsKey("input_file_ids")
                ? new HashSet<>(List.of(query.get("input_file_ids").split(","))) : null;
        Set<String> statuses = query.containsKey("status") ? new HashSet<>(List.of(query.get("status").split(","))) : null;
        Long after = query.containsKey("create_after") ? epoch(query.get("create_after")) : null;
        Long before = query.containsKey("create_before") ? epoch(query.get("create_before")) : null;
        List<ObjectNode> items = new ArrayList<>();
        for (Batch batch : all) {
            String batchName = batch.metadata == null ? "" : batch.metadata.path("ds_name").asText("");
            if ((name == null || batchName.toLowerCase(Locale.ROOT).contains(name.toLowerCase(Locale.ROOT)))
                    && (inputs == null || inputs.contains(batch.inputFileId))
                    && (statuses == null || statuses.contains(batch.status))
                    && (after == null || batch.createdAt >= after)
                    && (before == null || batch.createdAt <= before)) {
                items.add(batchJson(batch));
            }
        }
        return ok(page(items, query).toString());
    }

    private static long epoch(String time) {
        return LocalDateTime.parse(time, LIST_TIME).toEpochSecond(REGION_TIME);
    }

    /** One step of the batch's life, taken when it is polled. */
    private void advance(Batch batch) {
        switch (batch.status) {
            case "validating" -> {
                if ("failed".equals(batch.fate)) {
                    fail(batch, batch.fateCode, batch.fateMessage, null);
                } else if ("expired".equals(batch.fate)) {
                    finish(batch, "expired");
                } else {
                    validate(batch);
                }
            }
            case "in_progress" -> {
                if (batch.fate != null) {
                    if (batch.fate.equals("failed")) {
                        fail(batch, batch.fateCode, batch.fateMessage, null);
                    } else {
                        finish(batch, "expired");
                    }
                    return;
                }
                int half = (batch.lines.size() + 1) / 2;
                run(batch, batch.executed < half ? half : batch.lines.size());
                if (batch.executed == batch.lines.size()) {
                    batch.status = "finalizing";
                    batch.times.put("finalizing_at", now());
                }
            }
            case "finalizing" -> finish(batch, "completed");
            case "cancelling" -> finish(batch, "cancelled");
            default -> { } // terminal
        }
    }

    private void validate(Batch batch) {
        String content = files.get(batch.inputFileId) == null ? null : files.get(batch.inputFileId).content();
        if (content == null) {
            fail(batch, "file_not_found", "The input file was deleted.", null);
            return;
        }
        List<JsonNode> lines = new ArrayList<>();
        Set<String> customIds = new HashSet<>();
        String model = null;
        int number = 0;
        for (String text : content.split("\n")) {
            number++;
            if (text.isBlank()) {
                continue;
            }
            if (text.getBytes(StandardCharsets.UTF_8).length > MAX_LINE_BYTES) {
                fail(batch, "line_too_large", "A line exceeds 6 MB.", number);
                return;
            }
            JsonNode line;
            try {
                line = json.readTree(text);
            } catch (IOException e) {
                fail(batch, "invalid_json_line", "The line is not valid JSON.", number);
                return;
            }
            String customId = line.path("custom_id").asText("");
            if (customId.isEmpty() || !line.path("body").isObject()) {
                fail(batch, "invalid_request", "Each line needs a custom_id, method, url and body.", number);
                return;
            }
            if (!customIds.add(customId)) {
                fail(batch, "duplicate_custom_id", "The custom_id '" + customId + "' for this request is a duplicate"
                        + " of another request. The custom_id parameter must be unique for each request in a batch.",
                        number);
                return;
            }
            if (!batch.endpoint.equals(line.path("url").asText())) {
                fail(batch, "invalid_url", "The url '" + line.path("url").asText() + "' does not match the batch"
                        + " endpoint " + batch.endpoint + ".", number);
                return;
            }
            String lineModel = line.path("body").path("model").asText("");
            if (model != null && !model.equals(lineModel)) {
                fail(batch, "mismatched_model", "The model '" + lineModel + "' for this request does not match the"
                        + " rest of the batch. Each batch must contain requests for a single model.", number);
                return;
            }
            model = lineModel;
            lines.add(line);
        }
        if (lines.isEmpty() || lines.size() > MAX_LINES) {
            fail(batch, "invalid_file", "An input file holds 1 to " + MAX_LINES + " requests.", null);
            return;
        }
        batch.lines = lines;
        batch.status = "in_progress";
        batch.times.put("in_progress_at", now());
    }

    private void run(Batch batch, int upTo) {
        for (int i = batch.executed; i < upTo; i++) {
            JsonNode line = batch.lines.get(i);
            String requestId = UUID.randomUUID().toString();
            String customId = line.path("custom_id").asText();
            Outcome outcome = failingLines.containsKey(customId) ? failingLines.get(customId)
                    : executor.execute(batch.endpoint, line.path("body"), requestId);
            ObjectNode result = json.createObjectNode();
            result.put("id", requestId).put("custom_id", customId);
            ObjectNode response = result.putObject("response");
            response.put("status_code", outcome.status()).put("request_id", requestId);
            try {
                response.set("body", json.readTree(outcome.body()));
            } catch (IOException e) {
                response.put("body", outcome.body());
            }
            result.putNull("error");
            (outcome.status() == 200 ? batch.output : batch.errorLines).add(result);
        }
        batch.executed = upTo;
    }

    private void fail(Batch batch, String code, String message, Integer line) {
        batch.status = "failed";
        batch.times.put("failed_at", now());
        batch.errors = json.createArrayNode();
        ObjectNode error = batch.errors.addObject().put("code", code).put("message", message).putNull("param");
        if (line == null) {
            error.putNull("line");
        } else {
            error.put("line", line);
        }
    }

    private void finish(Batch batch, String status) {
        batch.status = status;
        batch.times.put(status.equals("completed") ? "completed_at" : status + "_at", now());
        if (!batch.output.isEmpty()) {
            batch.outputFileId = storeResults("file-batch_output-", batch.output);
        }
        if (!batch.errorLines.isEmpty()) {
            batch.errorFileId = storeResults("file-batch_error-", batch.errorLines);
        }
    }

    private String storeResults(String prefix, List<ObjectNode> lines) {
        StringBuilder content = new StringBuilder();
        lines.forEach(line -> content.append(line).append('\n'));
        StoredFile file = new StoredFile(prefix + shortId(), "result.jsonl", "batch_output", now(), content.toString());
        files.put(file.id(), file);
        return file.id();
    }

    private ObjectNode fileJson(StoredFile file) {
        ObjectNode node = json.createObjectNode();
        node.put("id", file.id()).put("bytes", file.content().getBytes(StandardCharsets.UTF_8).length)
                .put("created_at", file.createdAt()).put("filename", file.filename()).put("object", "file")
                .put("purpose", file.purpose()).put("status", file.status());
        if (file.statusDetails() == null) {
            node.putNull("status_details");
        } else {
            node.put("status_details", file.statusDetails());
        }
        return node;
    }

    private ObjectNode batchJson(Batch batch) {
        ObjectNode node = json.createObjectNode();
        node.put("id", batch.id).put("object", "batch").put("endpoint", batch.endpoint);
        if (batch.errors == null) {
            node.putNull("errors");
        } else {
            node.putObject("errors").put("object", "list").set("data", batch.errors);
        }
        node.put("input_file_id", batch.inputFileId).put("completion_window", batch.window).put("status", batch.status);
        putNullable(node, "output_file_id", batch.outputFileId);
        putNullable(node, "error_file_id", batch.errorFileId);
        node.put("created_at", batch.createdAt);
        for (String time : List.of("in_progress_at", "expires_at", "finalizing_at", "completed_at", "failed_at",
                "expired_at", "cancelling_at", "cancelled_at")) {
            Long value = batch.times.get(time);
            if (value == null) {
                node.putNull(time);
            } else {
                node.put(time, value);
            }
        }
        node.putObject("request_counts").put("total", batch.lines.size()).put("completed", batch.output.size())
                .put("failed", batch.errorLines.size());
        if (batch.metadata == null) {
            node.putNull("metadata");
        } else {
            node.set("metadata", batch.metadata);
        }
        return node;
    }

    private static void putNullable(ObjectNode node, String name, String value) {
        if (value == null) {
            node.putNull(name);
        } else {
            node.put(name, value);
        }
    }

    private long now() {
        return clock.incrementAndGet();
    }

    private static String shortId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }

    private Reply ok(String body) {
        return new Reply(200, "application/json", body);
    }

    private Reply error(int status, String code, String message, String requestId) {
        return new Reply(status, "application/json",
                new QwenError(status, code, "invalid_request_error", message).body(json, requestId));
    }

    private static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.put(name, value);
        }
        return query;
    }
}
