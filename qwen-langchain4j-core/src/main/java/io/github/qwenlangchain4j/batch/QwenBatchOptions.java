package io.github.qwenlangchain4j.batch;

import io.github.qwenlangchain4j.QwenConnectionBuilder;
import io.github.qwenlangchain4j.internal.batch.BatchEngine;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Batch options shared by the high-level batch builders (chat here, embeddings in the embeddings module).
 *
 * @param <T> what the builder builds
 * @param <B> the concrete builder
 */
public abstract class QwenBatchOptions<T, B extends QwenBatchOptions<T, B>> extends QwenConnectionBuilder<T, B> {

    private QwenCompletionWindow completionWindow;
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private Integer maxRequestsPerFile;
    private Long maxBytesPerFile;
    private Duration pollInterval;
    private Duration maxPollInterval;

    protected QwenBatchOptions() {}

    /** How long Qwen may take: {@code "24h"} (default) to {@code "336h"}, or {@code "1d"} to {@code "14d"}. */
    public B completionWindow(String completionWindow) {
        this.completionWindow = completionWindow == null ? null : new QwenCompletionWindow(completionWindow);
        return self();
    }

    /** The task name shown in the Model Studio console ({@code ds_name}, at most 100 characters). */
    public B name(String name) {
        return metadata(QwenBatch.DS_NAME, name);
    }

    /** The task description shown in the console ({@code ds_description}, at most 200 characters). */
    public B description(String description) {
        return metadata(QwenBatch.DS_DESCRIPTION, description);
    }

    private B metadata(String key, String value) {
        if (value == null) {
            metadata.remove(key);
        } else {
            metadata.put(key, value);
        }
        return self();
    }

    /** Request lines per input file, at most (and by default) Qwen's limit of 50,000. */
    public B maxRequestsPerFile(Integer maxRequestsPerFile) {
        this.maxRequestsPerFile = maxRequestsPerFile;
        return self();
    }

    /** Bytes per input file, at most (and by default) Qwen's limit of 500 MB. Files are built in memory. */
    public B maxBytesPerFile(Long maxBytesPerFile) {
        this.maxBytesPerFile = maxBytesPerFile;
        return self();
    }

    /**
     * The first wait between two polls of {@link QwenBatchJob#await}; it doubles after every poll up to
     * {@link #maxPollInterval}. Default 10 s.
     */
    public B pollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
        return self();
    }

    /** The longest wait between two polls; default 2 minutes (Qwen suggests polling every 1 to 2 minutes). */
    public B maxPollInterval(Duration maxPollInterval) {
        this.maxPollInterval = maxPollInterval;
        return self();
    }

    /** The batches client of these settings. Internal use. */
    protected QwenBatches newBatches() {
        return new QwenBatches(newClient());
    }

    /** The engine settings of these options. Internal use. */
    protected BatchEngine.Settings settings(QwenBatchEndpoint endpoint) {
        Duration poll = pollInterval == null ? Duration.ofSeconds(10) : pollInterval;
        Duration maxPoll = maxPollInterval == null ? (poll.compareTo(Duration.ofMinutes(2)) > 0 ? poll
                : Duration.ofMinutes(2)) : maxPollInterval;
        QwenBatchCreateRequest.checkMetadata(metadata);
        return new BatchEngine.Settings(endpoint,
                completionWindow == null ? QwenCompletionWindow.DEFAULT : completionWindow,
                Map.copyOf(metadata),
                maxRequestsPerFile == null ? BatchEngine.MAX_LINES_PER_FILE : maxRequestsPerFile,
                maxBytesPerFile == null ? BatchEngine.MAX_BYTES_PER_FILE : maxBytesPerFile,
                poll, maxPoll);
    }
}
