package io.github.qwenlangchain4j.batch;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@link QwenBatches#create} sends.
 *
 * @param inputFileId      the uploaded JSONL file (purpose {@code batch}); required
 * @param endpoint         the API every line calls; default {@link QwenBatchEndpoint#CHAT_COMPLETIONS}
 * @param completionWindow how long Qwen may take; default 24 hours
 * @param metadata         {@code ds_name} (task name, at most 100 characters), {@code ds_description} (at most 200)
 */
public record QwenBatchCreateRequest(
        String inputFileId,
        QwenBatchEndpoint endpoint,
        QwenCompletionWindow completionWindow,
        Map<String, String> metadata) {

    /**
     * Checks and completes the request.
     *
     * @param inputFileId      the uploaded JSONL file; required
     * @param endpoint         the API every line calls, or null for {@link QwenBatchEndpoint#CHAT_COMPLETIONS}
     * @param completionWindow how long Qwen may take, or null for {@link QwenCompletionWindow#DEFAULT}
     * @param metadata         the metadata, or null for none
     * @throws IllegalArgumentException when {@code inputFileId} is missing, or the task name is over 100 or the
     *         description over 200 characters
     */
    public QwenBatchCreateRequest {
        if (inputFileId == null || inputFileId.isBlank()) {
            throw new IllegalArgumentException("inputFileId is required");
        }
        endpoint = endpoint == null ? QwenBatchEndpoint.CHAT_COMPLETIONS : endpoint;
        completionWindow = completionWindow == null ? QwenCompletionWindow.DEFAULT : completionWindow;
        metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        checkMetadata(metadata);
    }

    /** Refuses a task name over 100 or a description over 200 characters, as Qwen does. */
    static void checkMetadata(Map<String, String> metadata) {
        checkLength(metadata.get(QwenBatch.DS_NAME), QwenBatch.DS_NAME, 100);
        checkLength(metadata.get(QwenBatch.DS_DESCRIPTION), QwenBatch.DS_DESCRIPTION, 200);
    }

    private static void checkLength(String value, String name, int max) {
        if (value != null && value.length() > max) {
            throw new IllegalArgumentException(
                    name + " must be at most " + max + " characters, but has " + value.length());
        }
    }

    /**
     * A builder with nothing set; {@link Builder#inputFileId(String) inputFileId} is required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder of {@link QwenBatchCreateRequest}. */
    public static final class Builder {

        private String inputFileId;
        private QwenBatchEndpoint endpoint;
        private QwenCompletionWindow completionWindow;
        private final Map<String, String> metadata = new LinkedHashMap<>();

        private Builder() {}

        /**
         * The uploaded JSONL file of requests ({@code input_file_id}, purpose {@code batch}); required.
         *
         * @param inputFileId the file id, e.g. {@code file-batch-...}
         * @return this builder
         */
        public Builder inputFileId(String inputFileId) {
            this.inputFileId = inputFileId;
            return this;
        }

        /**
         * The API every line of the file calls ({@code endpoint}).
         *
         * @param endpoint the endpoint, or null for {@link QwenBatchEndpoint#CHAT_COMPLETIONS}
         * @return this builder
         */
        public Builder endpoint(QwenBatchEndpoint endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        /**
         * How long Qwen may take to run the batch ({@code completion_window}).
         *
         * @param completionWindow the window, or null for 24 hours
         * @return this builder
         */
        public Builder completionWindow(QwenCompletionWindow completionWindow) {
            this.completionWindow = completionWindow;
            return this;
        }

        /**
         * How long Qwen may take to run the batch ({@code completion_window}), as Qwen writes it.
         *
         * @param completionWindow {@code "24h"}..{@code "336h"} or {@code "1d"}..{@code "14d"}
         * @return this builder
         * @throws IllegalArgumentException when the window is not one Qwen accepts
         */
        public Builder completionWindow(String completionWindow) {
            this.completionWindow = new QwenCompletionWindow(completionWindow);
            return this;
        }

        /**
         * The task name shown in the console ({@code metadata.ds_name}).
         *
         * @param name at most 100 characters, or null for none
         * @return this builder
         */
        public Builder name(String name) {
            return metadata(QwenBatch.DS_NAME, name);
        }

        /**
         * The task description shown in the console ({@code metadata.ds_description}).
         *
         * @param description at most 200 characters, or null for none
         * @return this builder
         */
        public Builder description(String description) {
            return metadata(QwenBatch.DS_DESCRIPTION, description);
        }

        /**
         * Any other metadata entry ({@code metadata}).
         *
         * @param key   the key
         * @param value the value, or null to remove the entry
         * @return this builder
         */
        public Builder metadata(String key, String value) {
            if (value == null) {
                metadata.remove(key);
            } else {
                metadata.put(key, value);
            }
            return this;
        }

        /**
         * Builds the request.
         *
         * @return the request
         * @throws IllegalArgumentException when {@code inputFileId} is missing or the metadata is too long
         */
        public QwenBatchCreateRequest build() {
            return new QwenBatchCreateRequest(inputFileId, endpoint, completionWindow, metadata);
        }
    }
}
