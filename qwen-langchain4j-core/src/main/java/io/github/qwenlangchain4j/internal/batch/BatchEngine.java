package io.github.qwenlangchain4j.internal.batch;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.qwenlangchain4j.batch.QwenBatch;
import io.github.qwenlangchain4j.batch.QwenBatchCreateRequest;
import io.github.qwenlangchain4j.batch.QwenBatchEndpoint;
import io.github.qwenlangchain4j.batch.QwenBatchJob;
import io.github.qwenlangchain4j.batch.QwenBatches;
import io.github.qwenlangchain4j.batch.QwenCompletionWindow;
import io.github.qwenlangchain4j.batch.QwenFile;
import io.github.qwenlangchain4j.internal.client.QwenClient;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the high-level batch jobs: turns request lines into JSONL files within Qwen's limits (one model per file,
 * 50,000 lines, 500 MB, 6 MB per line), uploads them, creates one batch per file, and resumes jobs by id.
 * Each line's {@code custom_id} names the items it carries ({@code "7"} or {@code "10-19"}), so results can be
 * put back in input order from the output files alone.
 */
public final class BatchEngine<T> {

    /** Qwen's documented limits of an input file. */
    public static final int MAX_LINES_PER_FILE = 50_000;
    public static final long MAX_BYTES_PER_FILE = 500L * 1024 * 1024;
    public static final long MAX_BYTES_PER_LINE = 6L * 1024 * 1024;

    /**
     * The request of one line: the items {@code [firstItem, firstItem + itemCount)} it carries and its body.
     */
    public record Line(int firstItem, int itemCount, String model, Object body) {}

    /** Turns the response body of a successful line into one result per item it carries, in order. */
    @FunctionalInterface
    public interface Decoder<T> {
        /** @throws RuntimeException when the body is not what the endpoint returns (reported as that line's error) */
        List<T> decode(JsonNode body, int itemCount, String requestId);
    }

    /** Limits and polling of a job; the per-file limits can be lowered (tests force splitting with them). */
    public record Settings(QwenBatchEndpoint endpoint, QwenCompletionWindow completionWindow,
                           Map<String, String> metadata, int maxLinesPerFile, long maxBytesPerFile,
                           Duration pollInterval, Duration maxPollInterval) {

        public Settings {
            if (maxLinesPerFile < 1 || maxLinesPerFile > MAX_LINES_PER_FILE) {
                throw new IllegalArgumentException("maxRequestsPerFile must be between 1 and " + MAX_LINES_PER_FILE
                        + ", but was " + maxLinesPerFile);
            }
            if (maxBytesPerFile < 1 || maxBytesPerFile > MAX_BYTES_PER_FILE) {
                throw new IllegalArgumentException("maxBytesPerFile must be between 1 and " + MAX_BYTES_PER_FILE
                        + ", but was " + maxBytesPerFile);
            }
            if (pollInterval.isNegative() || maxPollInterval.compareTo(pollInterval) < 0) {
                throw new IllegalArgumentException("pollInterval must be zero or more and at most maxPollInterval");
            }
        }
    }

    private final QwenBatches batches;
    private final Settings settings;
    private final Decoder<T> decoder;

    public BatchEngine(QwenBatches batches, Settings settings, Decoder<T> decoder) {
        this.batches = batches;
        this.settings = settings;
        this.decoder = decoder;
    }

    /** The input items a line carries, named as the caller passed them: {@code requests[3]}, {@code segments[10..19]}. */
    private String itemsOf(Line line) {
        String name = settings.endpoint() == QwenBatchEndpoint.EMBEDDINGS ? "segments" : "requests";
        return line.itemCount() == 1 ? name + "[" + line.firstItem() + "]"
                : name + "[" + line.firstItem() + ".." + (line.firstItem() + line.itemCount() - 1) + "]";
    }

    /**
     * Uploads the lines as as few files as the limits allow and creates a batch for each. Every line is checked
     * before anything is uploaded. If a later upload or creation fails, the batches created so far are cancelled.
     *
     * @param itemCount the number of items the lines carry in total
     */
    public QwenBatchJob<T> submit(List<Line> lines, int itemCount) {
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("Nothing to submit: the list is empty");
        }
        Map<String, List<byte[]>> byModel = new LinkedHashMap<>();
        for (Line line : lines) {
            byte[] json = QwenClient.toJson(new RequestLine(customId(line.firstItem(), line.itemCount()), "POST",
                    settings.endpoint().path(), line.body()));
            if (json.length + 1 > MAX_BYTES_PER_LINE) {
                throw new IllegalArgumentException(itemsOf(line) + ": the request takes " + json.length
                        + " bytes; Qwen accepts at most 6 MB per line of a batch file");
            }
            byModel.computeIfAbsent(line.model(), model -> new ArrayList<>()).add(json);
        }
        List<byte[]> files = new ArrayList<>();
        List<String> models = new ArrayList<>();
        byModel.forEach((model, jsons) -> {
            ByteArrayOutputStream file = new ByteArrayOutputStream();
            int count = 0;
            for (byte[] json : jsons) {
                if (count > 0 && (count == settings.maxLinesPerFile()
                        || file.size() + json.length + 1L > settings.maxBytesPerFile())) {
                    files.add(file.toByteArray());
                    models.add(model);
                    file = new ByteArrayOutputStream();
                    count = 0;
                }
                file.writeBytes(json);
                file.write('\n');
                count++;
            }
            files.add(file.toByteArray());
            models.add(model);
        });
        List<QwenBatch> created = new ArrayList<>();
        try {
            for (int i = 0; i < files.size(); i++) {
                String filename = "qwen-langchain4j-" + safe(models.get(i)) + "-" + (i + 1) + "-of-" + files.size()
                        + ".jsonl";
                QwenFile input = batches.files().upload(filename, files.get(i));
                QwenBatchCreateRequest.Builder request = QwenBatchCreateRequest.builder()
                        .inputFileId(input.id())
                        .endpoint(settings.endpoint())
                        .completionWindow(settings.completionWindow());
                settings.metadata().forEach(request::metadata);
                created.add(batches.create(request.build()));
            }
        } catch (RuntimeException e) {
            for (QwenBatch batch : created) {
                try {
                    batches.cancel(batch.id());
                } catch (RuntimeException cancelFailure) {
                    e.addSuppressed(cancelFailure);
                }
            }
            throw e;
        }
        return new BatchJob<>(this, itemCount, created);
    }

    /** Picks a job up again from its {@link QwenBatchJob#id()} (or from bare batch ids, comma-separated). */
    public QwenBatchJob<T> resume(String jobId) {
        if (jobId == null || jobId.isBlank()) {
            throw new IllegalArgumentException("jobId must not be blank");
        }
        String ids = jobId.strip();
        Integer itemCount = null;
        int colon = ids.indexOf(':');
        if (colon >= 0) {
            try {
                itemCount = Integer.parseInt(ids.substring(0, colon));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + jobId + "' is not a batch job id such as 12:batch_abc,batch_def");
            }
            ids = ids.substring(colon + 1);
        }
        List<QwenBatch> found = new ArrayList<>();
        for (String id : ids.split(",")) {
            if (!id.isBlank()) {
                found.add(batches.retrieve(id.strip()));
            }
        }
        if (found.isEmpty()) {
            throw new IllegalArgumentException("'" + jobId + "' names no batch");
        }
        return new BatchJob<>(this, itemCount, found);
    }

    QwenBatches batches() {
        return batches;
    }

    Settings settings() {
        return settings;
    }

    Decoder<T> decoder() {
        return decoder;
    }

    static String customId(int firstItem, int itemCount) {
        return itemCount == 1 ? Integer.toString(firstItem) : firstItem + "-" + (firstItem + itemCount - 1);
    }

    /** The items {@code [first, last]} a custom id names, or null when it is not one of ours. */
    static int[] parseCustomId(String customId) {
        if (customId == null) {
            return null;
        }
        try {
            int dash = customId.indexOf('-');
            if (dash < 0) {
                int item = Integer.parseInt(customId.strip());
                return new int[] {item, item};
            }
            int first = Integer.parseInt(customId.substring(0, dash).strip());
            int last = Integer.parseInt(customId.substring(dash + 1).strip());
            return first < 0 || last < first ? null : new int[] {first, last};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String safe(String model) {
        return model == null ? "model" : model.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    static String text(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node.asText();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
