package io.github.qwenlangchain4j.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The life of a batch, one step per poll and no timers, so a test sees every state in order: {@code validating}
 * (the input file is checked line by line), {@code in_progress} twice (the first half of the lines runs, then the
 * rest), {@code finalizing}, {@code completed}; a batch being cancelled ends {@code cancelled} at its next poll. A
 * failure or expiry scripted for a batch happens at its next poll instead of the step (lines run so far keep their
 * results when it expires); lines whose {@code custom_id} is scripted to fail get that error instead of running.
 * Results go to output and error files when the batch ends. Not thread-safe: {@link MockBatches} calls it under its
 * lock.
 */
public final class BatchLifecycle {

    /** A status and a JSON body: what the endpoint answered to one line. */
    public record Outcome(int status, String body) {}

    /** Runs one request line: returns the status and body the endpoint would have answered. */
    @FunctionalInterface
    public interface LineExecutor {

        /** Runs the line's {@code body} against {@code endpoint} (e.g. {@code /v1/chat/completions}). */
        Outcome execute(String endpoint, JsonNode body, String requestId);
    }

    private static final int MAX_LINES = 50_000;
    private static final long MAX_LINE_BYTES = 6L * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MockFiles files;
    private final MockClock clock;
    private final LineExecutor executor;
    private final Map<String, Outcome> failingLines = new HashMap<>();

    public BatchLifecycle(MockFiles files, MockClock clock, LineExecutor executor) {
        this.files = files;
        this.clock = clock;
        this.executor = executor;
    }

    /** Makes every line with this {@code custom_id} fail with this error, in batches that run from now on. */
    void failLine(String customId, int status, String code, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("error")
                .put("message", message)
                .put("type", "invalid_request_error")
                .putNull("param")
                .put("code", code);
        failingLines.put(customId, new Outcome(status, body.toString()));
    }

    void reset() {
        failingLines.clear();
    }

    /** Scripts the batch to fail at its next poll with this batch-level error. */
    static void failAtNextPoll(Batch batch, String code, String message) {
        batch.fate = new Batch.Fate(false, code, message);
    }

    /** Scripts the batch to expire at its next poll. */
    static void expireAtNextPoll(Batch batch) {
        batch.fate = new Batch.Fate(true, null, null);
    }

    /** Starts cancelling the batch; false when it is past the states that can be cancelled. */
    boolean cancel(Batch batch) {
        if (!batch.status.equals("validating") && !batch.status.equals("in_progress")) {
            return false;
        }
        batch.status = "cancelling";
        batch.times.put("cancelling_at", clock.now());
        return true;
    }

    /** One step of the batch's life, taken when it is polled. */
    void advance(Batch batch) {
        boolean running = batch.status.equals("validating") || batch.status.equals("in_progress");
        if (running && batch.fate != null) {
            if (batch.fate.expire()) {
                finish(batch, "expired");
            } else {
                fail(batch, batch.fate.code(), batch.fate.message(), null);
            }
            return;
        }
        switch (batch.status) {
            case "validating" -> validate(batch);
            case "in_progress" -> {
                int half = (batch.lines.size() + 1) / 2;
                run(batch, batch.executed < half ? half : batch.lines.size());
                if (batch.executed == batch.lines.size()) {
                    batch.status = "finalizing";
                    batch.times.put("finalizing_at", clock.now());
                }
            }
            case "finalizing" -> finish(batch, "completed");
            case "cancelling" -> finish(batch, "cancelled");
            default -> {} // completed, failed, expired, cancelled: nothing more happens
        }
    }

    /** Reads the input file as Qwen validates it: the first bad line fails the batch, with its number. */
    private void validate(Batch batch) {
        String content = files.content(batch.inputFileId);
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
                line = JSON.readTree(text);
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
                fail(
                        batch,
                        "duplicate_custom_id",
                        "The custom_id '" + customId + "' for this request is a duplicate"
                                + " of another request. The custom_id parameter must be unique for each request in a batch.",
                        number);
                return;
            }
            if (!batch.endpoint.equals(line.path("url").asText())) {
                fail(
                        batch,
                        "invalid_url",
                        "The url '" + line.path("url").asText() + "' does not match the batch" + " endpoint "
                                + batch.endpoint + ".",
                        number);
                return;
            }
            String lineModel = line.path("body").path("model").asText("");
            if (model != null && !model.equals(lineModel)) {
                fail(
                        batch,
                        "mismatched_model",
                        "The model '" + lineModel + "' for this request does not match the"
                                + " rest of the batch. Each batch must contain requests for a single model.",
                        number);
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
        batch.times.put("in_progress_at", clock.now());
    }

    private void run(Batch batch, int upTo) {
        for (int i = batch.executed; i < upTo; i++) {
            JsonNode line = batch.lines.get(i);
            String requestId = UUID.randomUUID().toString();
            String customId = line.path("custom_id").asText();
            Outcome outcome = failingLines.containsKey(customId)
                    ? failingLines.get(customId)
                    : executor.execute(batch.endpoint, line.path("body"), requestId);
            ObjectNode result = JSON.createObjectNode();
            result.put("id", requestId).put("custom_id", customId);
            ObjectNode response = result.putObject("response");
            response.put("status_code", outcome.status()).put("request_id", requestId);
            try {
                response.set("body", JSON.readTree(outcome.body()));
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
        batch.times.put("failed_at", clock.now());
        batch.errors = JSON.createArrayNode();
        ObjectNode error = batch.errors
                .addObject()
                .put("code", code)
                .put("message", message)
                .putNull("param");
        if (line == null) {
            error.putNull("line");
        } else {
            error.put("line", line);
        }
    }

    private void finish(Batch batch, String status) {
        batch.status = status;
        batch.times.put(status + "_at", clock.now());
        if (!batch.output.isEmpty()) {
            batch.outputFileId = files.storeResults("file-batch_output-", batch.output);
        }
        if (!batch.errorLines.isEmpty()) {
            batch.errorFileId = files.storeResults("file-batch_error-", batch.errorLines);
        }
    }
}
