package io.github.qwenlangchain4j.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Batch API of the mock: {@code POST /batches} (Qwen's checks of the input file, endpoint, completion window and
 * metadata), the list with Qwen's filters, {@code GET /batches/{id}}, which moves the batch one step
 * ({@link BatchLifecycle}), and {@code POST /batches/{id}/cancel}; and what tests script: a batch's failure or
 * expiry, a line's failure. Synchronized: one batch request at a time.
 */
public final class MockBatches {

    private static final Set<String> ENDPOINTS = Set.of("/v1/chat/completions", "/v1/embeddings", "/v1/chat/ds-test");
    private static final Pattern WINDOW = Pattern.compile("(\\d{1,4})([hd])");
    private static final DateTimeFormatter LIST_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    /** Model Studio's regions (Singapore, Beijing) both run on UTC+8; the list filters use local time. */
    private static final ZoneOffset REGION_TIME = ZoneOffset.ofHours(8);

    private final MockFiles files;
    private final MockClock clock;
    private final BatchLifecycle lifecycle;
    private final Map<String, Batch> batches = new LinkedHashMap<>();

    public MockBatches(MockFiles files, MockClock clock, BatchLifecycle.LineExecutor executor) {
        this.files = files;
        this.clock = clock;
        this.lifecycle = new BatchLifecycle(files, clock, executor);
    }

    /** Makes the batch fail at its next poll with this error (as a validation failure would). */
    public synchronized void failBatch(String batchId, String code, String message) {
        BatchLifecycle.failAtNextPoll(existing(batchId), code, message);
    }

    /** Makes the batch expire at its next poll: lines run so far keep their results, the others never run. */
    public synchronized void expireBatch(String batchId) {
        BatchLifecycle.expireAtNextPoll(existing(batchId));
    }

    /** Makes every line with this {@code custom_id} fail with this error, in batches run from now on. */
    public synchronized void failLine(String customId, int status, String code, String message) {
        lifecycle.failLine(customId, status, code, message);
    }

    /** The ids of the batches created so far, oldest first. */
    public synchronized List<String> batchIds() {
        return List.copyOf(batches.keySet());
    }

    public synchronized void reset() {
        batches.clear();
        lifecycle.reset();
    }

    /** {@code POST /batches}. */
    public synchronized HttpReply create(MockRequest http) {
        JsonNode request = http.json();
        if (request == null) {
            return error(400, "invalid_parameter_error", "The request body is not valid JSON.", http);
        }
        String inputFileId = request.path("input_file_id").asText("");
        String purpose = files.purpose(inputFileId);
        if (purpose == null) {
            return error(404, "NotFound", "The input file " + inputFileId + " does not exist.", http);
        }
        if (!purpose.equals("batch")) {
            return error(400, "invalid_parameter_error", "The input file must have purpose 'batch'.", http);
        }
        String endpoint = request.path("endpoint").asText("");
        if (!ENDPOINTS.contains(endpoint)) {
            return error(400, "invalid_parameter_error", "endpoint must be one of " + ENDPOINTS + ".", http);
        }
        String window = request.path("completion_window").asText("");
        Matcher matcher = WINDOW.matcher(window);
        long hours = matcher.matches()
                ? Long.parseLong(matcher.group(1)) * (matcher.group(2).equals("d") ? 24 : 1)
                : -1;
        if (hours < 24 || hours > 336) {
            return error(
                    400,
                    "invalid_parameter_error",
                    "completion_window must be between 24h and 336h (1d to 14d)," + " but was '" + window + "'.",
                    http);
        }
        JsonNode metadata = request.path("metadata");
        if (metadata.path("ds_name").asText("").length() > 100
                || metadata.path("ds_description").asText("").length() > 200) {
            return error(
                    400,
                    "invalid_parameter_error",
                    "ds_name is limited to 100 characters and ds_description to" + " 200.",
                    http);
        }
        long createdAt = clock.now();
        Batch batch = new Batch(
                "batch_" + Ids.shortId(),
                endpoint,
                inputFileId,
                window,
                metadata.isObject() ? (ObjectNode) metadata.deepCopy() : null,
                createdAt,
                createdAt + hours * 3600);
        batches.put(batch.id, batch);
        return HttpReply.json(200, batch.json().toString());
    }

    /**
     * {@code GET /batches}: newest first, filtered by {@code ds_name} (a case-insensitive part of it),
     * {@code input_file_ids} and {@code status} (comma-separated), {@code create_after} and {@code create_before}
     * ({@code yyyyMMddHHmmss} in the region's time).
     */
    public synchronized HttpReply list(MockRequest http) {
        Map<String, String> query = http.query();
        String name = query.containsKey("ds_name") ? query.get("ds_name").toLowerCase(Locale.ROOT) : null;
        Set<String> inputs = query.containsKey("input_file_ids") ? commaSeparated(query.get("input_file_ids")) : null;
        Set<String> statuses = query.containsKey("status") ? commaSeparated(query.get("status")) : null;
        Long after = query.containsKey("create_after") ? epoch(query.get("create_after")) : null;
        Long before = query.containsKey("create_before") ? epoch(query.get("create_before")) : null;
        List<ObjectNode> items = new ArrayList<>();
        for (Batch batch : batches.values()) {
            if ((name == null || batch.name().toLowerCase(Locale.ROOT).contains(name))
                    && (inputs == null || inputs.contains(batch.inputFileId))
                    && (statuses == null || statuses.contains(batch.status))
                    && (after == null || batch.createdAt >= after)
                    && (before == null || batch.createdAt <= before)) {
                items.add(batch.json());
            }
        }
        Collections.reverse(items);
        return HttpReply.json(200, ListPage.of(items, query).toString());
    }

    /** {@code GET /batches/{id}}: the batch after one more step of its life. */
    public synchronized HttpReply retrieve(MockRequest http) {
        Batch batch = batches.get(http.param("id"));
        if (batch == null) {
            return notFound(http);
        }
        lifecycle.advance(batch);
        return HttpReply.json(200, batch.json().toString());
    }

    /** {@code POST /batches/{id}/cancel}: only a validating or running batch can be cancelled. */
    public synchronized HttpReply cancel(MockRequest http) {
        Batch batch = batches.get(http.param("id"));
        if (batch == null) {
            return notFound(http);
        }
        if (!lifecycle.cancel(batch)) {
            return error(
                    400,
                    "invalid_request_error",
                    "Only validating or in_progress batches can be cancelled;" + " this one is " + batch.status + ".",
                    http);
        }
        return HttpReply.json(200, batch.json().toString());
    }

    private Batch existing(String batchId) {
        Batch batch = batches.get(batchId);
        if (batch == null) {
            throw new IllegalArgumentException("No batch " + batchId);
        }
        return batch;
    }

    private static Set<String> commaSeparated(String values) {
        return Set.copyOf(List.of(values.split(",")));
    }

    private static long epoch(String time) {
        return LocalDateTime.parse(time, LIST_TIME).toEpochSecond(REGION_TIME);
    }

    private static HttpReply notFound(MockRequest http) {
        return error(404, "NotFound", "The batch " + http.param("id") + " does not exist.", http);
    }

    private static HttpReply error(int status, String code, String message, MockRequest http) {
        return HttpReply.compatibleError(QwenError.request(status, code, message), http.requestId());
    }
}
