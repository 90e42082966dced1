package io.github.qwenlangchain4j.internal.batch;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.qwenlangchain4j.batch.QwenBatch;
import io.github.qwenlangchain4j.batch.QwenBatchCreateRequest;
import io.github.qwenlangchain4j.batch.QwenBatchEndpoint;
import io.github.qwenlangchain4j.batch.QwenBatchJob;
import io.github.qwenlangchain4j.batch.QwenBatches;
import io.github.qwenlangchain4j.batch.QwenCompletionWindow;
import io.github.qwenlangchain4j.files.QwenFile;
import io.github.qwenlangchain4j.internal.client.QwenClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
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
     * What a job's input files may hold in memory together (1 MB, about a thousand chat requests); beyond it they are
     * written to temporary files (readable by the owner only, deleted once uploaded), so that the heap a submission
     * needs does not grow with it. Small on purpose: an in-memory file grows by doubling and is copied once more to be
     * uploaded, and in a small heap a few large arrays fail where many small objects fit (with 8 MB, a 32 MB heap
     * ran out of room for the 16 MB array).
     */
    public static final long MEMORY_BUDGET = 1024L * 1024;

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
    public record Settings(
            QwenBatchEndpoint endpoint,
            QwenCompletionWindow completionWindow,
            Map<String, String> metadata,
            int maxLinesPerFile,
            long maxBytesPerFile,
            Duration pollInterval,
            Duration maxPollInterval) {

        public Settings {
            if (maxLinesPerFile < 1 || maxLinesPerFile > MAX_LINES_PER_FILE) {
                throw new IllegalArgumentException("maxRequestsPerFile must be between 1 and " + MAX_LINES_PER_FILE
                        + ", but was " + maxLinesPerFile);
            }
            if (maxBytesPerFile < 1 || maxBytesPerFile > MAX_BYTES_PER_FILE) {
                throw new IllegalArgumentException(
                        "maxBytesPerFile must be between 1 and " + MAX_BYTES_PER_FILE + ", but was " + maxBytesPerFile);
            }
            if (pollInterval.isNegative() || maxPollInterval.compareTo(pollInterval) < 0) {
                throw new IllegalArgumentException("pollInterval must be zero or more and at most maxPollInterval");
            }
        }
    }

    private final QwenBatches batches;
    private final Settings settings;
    private final Decoder<T> decoder;

    private final long memoryBudget;
    private final Path spoolDirectory;

    public BatchEngine(QwenBatches batches, Settings settings, Decoder<T> decoder) {
        this(batches, settings, decoder, MEMORY_BUDGET, null);
    }

    /**
     * An engine whose input files go to disk beyond {@code memoryBudget} bytes (tests use 0 to force it), in
     * {@code spoolDirectory} or, when null, the default temporary-file directory ({@code java.io.tmpdir}).
     */
    BatchEngine(QwenBatches batches, Settings settings, Decoder<T> decoder, long memoryBudget, Path spoolDirectory) {
        this.batches = batches;
        this.settings = settings;
        this.decoder = decoder;
        this.memoryBudget = memoryBudget;
        this.spoolDirectory = spoolDirectory;
    }

    /** The input items a line carries, named as the caller passed them: {@code requests[3]}, {@code segments[10..19]}. */
    private String itemsOf(Line line) {
        String name = settings.endpoint() == QwenBatchEndpoint.EMBEDDINGS ? "segments" : "requests";
        return line.itemCount() == 1
                ? name + "[" + line.firstItem() + "]"
                : name + "[" + line.firstItem() + ".." + (line.firstItem() + line.itemCount() - 1) + "]";
    }

    /**
     * Uploads the lines as as few files as the limits allow and creates a batch for each. Every line is checked
     * (and written) before anything is uploaded: the lines are taken one at a time from {@code lines}, serialised
     * and appended to their model's current file, which keeps a job's memory use flat whatever its size (files go to
     * temporary files beyond {@link #MEMORY_BUDGET}, deleted once uploaded). If a later upload or creation fails, the
     * batches created so far are cancelled.
     *
     * @param lines     the lines, in item order; an exception thrown while producing one (an invalid request) ends
     *                  the submission before any upload
     * @param itemCount the number of items the lines carry in total
     */
    public QwenBatchJob<T> submit(Iterator<Line> lines, int itemCount) {
        if (!lines.hasNext()) {
            throw new IllegalArgumentException("Nothing to submit: the list is empty");
        }
        Map<String, List<InputFile>> byModel = new LinkedHashMap<>();
        try {
            InputFile.Budget budget = new InputFile.Budget(memoryBudget);
            while (lines.hasNext()) {
                Line line = lines.next();
                byte[] json = QwenClient.toJson(new RequestLine(
                        customId(line.firstItem(), line.itemCount()),
                        "POST",
                        settings.endpoint().path(),
                        line.body()));
                if (json.length + 1 > MAX_BYTES_PER_LINE) {
                    throw new IllegalArgumentException(itemsOf(line) + ": the request takes " + json.length
                            + " bytes; Qwen accepts at most 6 MB per line of a batch file");
                }
                List<InputFile> files = byModel.computeIfAbsent(line.model(), model -> new ArrayList<>());
                InputFile current = files.isEmpty() ? null : files.get(files.size() - 1);
                if (current == null
                        || current.lines() == settings.maxLinesPerFile()
                        || current.size() + json.length + 1L > settings.maxBytesPerFile()) {
                    if (current != null) {
                        current.finish();
                    }
                    current = new InputFile(line.model(), budget, spoolDirectory);
                    files.add(current);
                }
                current.append(json);
            }
            List<InputFile> files = new ArrayList<>();
            byModel.values().forEach(files::addAll);
            return new BatchJob<>(this, itemCount, uploadAndCreate(files));
        } finally {
            byModel.values().forEach(files -> files.forEach(InputFile::close));
        }
    }

    /** Uploads each file and creates its batch; on a failure, cancels the batches created so far. */
    private List<QwenBatch> uploadAndCreate(List<InputFile> files) {
        List<QwenBatch> created = new ArrayList<>();
        try {
            for (int i = 0; i < files.size(); i++) {
                InputFile file = files.get(i);
                String filename =
                        "qwen-langchain4j-" + safe(file.model()) + "-" + (i + 1) + "-of-" + files.size() + ".jsonl";
                QwenFile input = file.upload(batches.files(), filename);
                file.close(); // at Qwen now: free the memory or the disk before the next upload
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
        return created;
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
                throw new IllegalArgumentException(
                        "'" + jobId + "' is not a batch job id such as 12:batch_abc,batch_def");
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
