package io.github.qwenlangchain4j.batch;

import io.github.qwenlangchain4j.QwenConnectionBuilder;
import io.github.qwenlangchain4j.files.QwenFiles;
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

    /** For the batch builders of this library; not meant to be extended elsewhere. */
    protected QwenBatchOptions() {}

    /**
     * How long Qwen may take to run each batch ({@code completion_window}).
     *
     * @param completionWindow {@code "24h"} (default) to {@code "336h"}, or {@code "1d"} to {@code "14d"}; null for
     *        the default
     * @return this builder
     * @throws IllegalArgumentException when the window is not one Qwen accepts
     */
    public B completionWindow(String completionWindow) {
        this.completionWindow = completionWindow == null ? null : new QwenCompletionWindow(completionWindow);
        return self();
    }

    /**
     * The task name shown in the Model Studio console ({@code ds_name}).
     *
     * @param name at most 100 characters, or null for none
     * @return this builder
     */
    public B name(String name) {
        return metadata(QwenBatch.DS_NAME, name);
    }

    /**
     * The task description shown in the console ({@code ds_description}).
     *
     * @param description at most 200 characters, or null for none
     * @return this builder
     */
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

    /**
     * Request lines per input file, at most (and by default) Qwen's limit of 50,000.
     *
     * @param maxRequestsPerFile a positive number of lines, or null for 50,000
     * @return this builder
     */
    public B maxRequestsPerFile(Integer maxRequestsPerFile) {
        this.maxRequestsPerFile = maxRequestsPerFile;
        return self();
    }

    /**
     * Bytes per input file, at most (and by default) Qwen's limit of 500 MB. Files are built in memory.
     *
     * @param maxBytesPerFile a positive number of bytes, or null for 500 MB
     * @return this builder
     */
    public B maxBytesPerFile(Long maxBytesPerFile) {
        this.maxBytesPerFile = maxBytesPerFile;
        return self();
    }

    /**
     * The first wait between two polls of {@link QwenBatchJob#await}; it doubles after every poll up to
     * {@link #maxPollInterval}. Default 10 s.
     *
     * @param pollInterval the first interval, or null for 10 seconds
     * @return this builder
     */
    public B pollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
        return self();
    }

    /**
     * The longest wait between two polls; default 2 minutes (Qwen suggests polling every 1 to 2 minutes).
     *
     * @param maxPollInterval the longest interval, or null for 2 minutes (or the poll interval, when longer)
     * @return this builder
     */
    public B maxPollInterval(Duration maxPollInterval) {
        this.maxPollInterval = maxPollInterval;
        return self();
    }

    /**
     * The batches client of these settings. Internal use.
     *
     * @return a new client for the Batch API
     */
    protected QwenBatches newBatches() {
        return new QwenBatches(
                newClient(), copyConnectionTo(QwenFiles.builder()).build());
    }

    /**
     * The engine settings of these options. Internal use.
     *
     * @param endpoint the API the batch lines call
     * @return the settings
     * @throws IllegalArgumentException when the task name or description is too long
     */
    protected BatchEngine.Settings settings(QwenBatchEndpoint endpoint) {
        Duration poll = pollInterval == null ? Duration.ofSeconds(10) : pollInterval;
        Duration maxPoll = maxPollInterval == null
                ? (poll.compareTo(Duration.ofMinutes(2)) > 0 ? poll : Duration.ofMinutes(2))
                : maxPollInterval;
        QwenBatchCreateRequest.checkMetadata(metadata);
        return new BatchEngine.Settings(
                endpoint,
                completionWindow == null ? QwenCompletionWindow.DEFAULT : completionWindow,
                Map.copyOf(metadata),
                maxRequestsPerFile == null ? BatchEngine.MAX_LINES_PER_FILE : maxRequestsPerFile,
                maxBytesPerFile == null ? BatchEngine.MAX_BYTES_PER_FILE : maxBytesPerFile,
                poll,
                maxPoll);
    }
}
