package io.github.qwenlangchain4j.batch;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A batch: a file of requests Qwen runs asynchronously at half price.
 *
 * @param id               the batch id, e.g. {@code batch_...}
 * @param endpoint         the API its requests call, e.g. {@code /v1/chat/completions}
 * @param inputFileId      the uploaded input file
 * @param completionWindow how long Qwen may take, e.g. {@code 24h}
 * @param status           where it is; see {@link QwenBatchStatus}
 * @param rawStatus        the status as Qwen sent it (useful when {@code status} is {@link QwenBatchStatus#UNKNOWN})
 * @param outputFileId     the file of successful results, once there is one, else null
 * @param errorFileId      the file of failed requests, if any failed, else null
 * @param errors           batch-level errors (e.g. why validation failed); empty when none
 * @param requestCounts    requests in total, succeeded and failed
 * @param metadata         the metadata given at creation ({@code ds_name}, {@code ds_description}), never null
 * @param createdAt        when it was created
 * @param inProgressAt     when it started running, or null
 * @param expiresAt        when its completion window ends, or null
 * @param finalizingAt     when it started writing results, or null
 * @param completedAt      when it completed, or null
 * @param failedAt         when it failed, or null
 * @param expiredAt        when it expired, or null
 * @param cancellingAt     when a cancel was requested, or null
 * @param cancelledAt      when it was cancelled, or null
 */
public record QwenBatch(
        String id,
        String endpoint,
        String inputFileId,
        String completionWindow,
        QwenBatchStatus status,
        String rawStatus,
        String outputFileId,
        String errorFileId,
        List<QwenBatchError> errors,
        QwenBatchRequestCounts requestCounts,
        Map<String, String> metadata,
        Instant createdAt,
        Instant inProgressAt,
        Instant expiresAt,
        Instant finalizingAt,
        Instant completedAt,
        Instant failedAt,
        Instant expiredAt,
        Instant cancellingAt,
        Instant cancelledAt) {

    /** The metadata key of the task name shown in the Model Studio console. */
    public static final String DS_NAME = "ds_name";
    /** The metadata key of the task description shown in the Model Studio console. */
    public static final String DS_DESCRIPTION = "ds_description";

    /**
     * A batch as Qwen describes it; created by the library from Qwen's batch objects.
     *
     * @param id               the batch id
     * @param endpoint         the API its requests call
     * @param inputFileId      the uploaded input file
     * @param completionWindow how long Qwen may take
     * @param status           where it is
     * @param rawStatus        the status as Qwen sent it
     * @param outputFileId     the file of successful results, or null
     * @param errorFileId      the file of failed requests, or null
     * @param errors           batch-level errors; null means none
     * @param requestCounts    requests in total, succeeded and failed; null means none counted yet
     * @param metadata         the metadata given at creation; null means none
     * @param createdAt        when it was created
     * @param inProgressAt     when it started running, or null
     * @param expiresAt        when its completion window ends, or null
     * @param finalizingAt     when it started writing results, or null
     * @param completedAt      when it completed, or null
     * @param failedAt         when it failed, or null
     * @param expiredAt        when it expired, or null
     * @param cancellingAt     when a cancel was requested, or null
     * @param cancelledAt      when it was cancelled, or null
     */
    public QwenBatch {
        errors = errors == null ? List.of() : List.copyOf(errors);
        requestCounts = requestCounts == null ? QwenBatchRequestCounts.EMPTY : requestCounts;
        metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /**
     * The task name shown in the Model Studio console ({@code metadata.ds_name}).
     *
     * @return the name, or null when none was given
     */
    public String name() {
        return metadata.get(DS_NAME);
    }

    /**
     * The task description shown in the Model Studio console ({@code metadata.ds_description}).
     *
     * @return the description, or null when none was given
     */
    public String description() {
        return metadata.get(DS_DESCRIPTION);
    }

    /**
     * Whether the batch will not change any more.
     *
     * @return true when its status is terminal (completed, failed, expired or cancelled)
     */
    public boolean isTerminal() {
        return status.isTerminal();
    }
}
