package io.github.qwenlangchain4j.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One batch: what it was created with, where {@link BatchLifecycle} has taken it, and its results. Guarded by
 * {@link MockBatches}' lock.
 */
final class Batch {

    /** The timestamps of the batch object, in the order Qwen lists them. */
    private static final List<String> TIMES = List.of(
            "in_progress_at",
            "expires_at",
            "finalizing_at",
            "completed_at",
            "failed_at",
            "expired_at",
            "cancelling_at",
            "cancelled_at");

    /** A failure or expiry scripted for the next poll. */
    record Fate(boolean expire, String code, String message) {}

    final String id;
    final String endpoint;
    final String inputFileId;
    final String window;
    final ObjectNode metadata;
    final long createdAt;
    final Map<String, Long> times = new LinkedHashMap<>();
    String status = "validating";
    List<JsonNode> lines = List.of();
    final List<ObjectNode> output = new ArrayList<>();
    final List<ObjectNode> errorLines = new ArrayList<>();
    int executed;
    ArrayNode errors;
    String outputFileId;
    String errorFileId;
    Fate fate;

    Batch(
            String id,
            String endpoint,
            String inputFileId,
            String window,
            ObjectNode metadata,
            long createdAt,
            long expiresAt) {
        this.id = id;
        this.endpoint = endpoint;
        this.inputFileId = inputFileId;
        this.window = window;
        this.metadata = metadata;
        this.createdAt = createdAt;
        times.put("expires_at", expiresAt);
    }

    /** The {@code ds_name} of its metadata, or "". */
    String name() {
        return metadata == null ? "" : metadata.path("ds_name").asText("");
    }

    /** The batch object Qwen answers with. */
    ObjectNode json() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("id", id).put("object", "batch").put("endpoint", endpoint);
        if (errors == null) {
            node.putNull("errors");
        } else {
            node.putObject("errors").put("object", "list").set("data", errors);
        }
        node.put("input_file_id", inputFileId).put("completion_window", window).put("status", status);
        putNullable(node, "output_file_id", outputFileId);
        putNullable(node, "error_file_id", errorFileId);
        node.put("created_at", createdAt);
        for (String time : TIMES) {
            Long value = times.get(time);
            if (value == null) {
                node.putNull(time);
            } else {
                node.put(time, value);
            }
        }
        node.putObject("request_counts")
                .put("total", lines.size())
                .put("completed", output.size())
                .put("failed", errorLines.size());
        if (metadata == null) {
            node.putNull("metadata");
        } else {
            node.set("metadata", metadata);
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
}
