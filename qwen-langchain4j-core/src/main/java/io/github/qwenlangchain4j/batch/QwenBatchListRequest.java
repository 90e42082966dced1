package io.github.qwenlangchain4j.batch;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Filters of {@link QwenBatches#list(QwenBatchListRequest)}: OpenAI's {@code after} and {@code limit}, plus Qwen's
 * {@code ds_name} (fuzzy match), {@code input_file_ids} (at most 20), {@code status}, {@code create_after} and
 * {@code create_before}. Every filter is optional.
 *
 * @param name         part of the task name ({@code ds_name})
 * @param inputFileIds batches of these input files, at most 20
 * @param statuses     batches in one of these statuses
 * @param createAfter  created after this time (in the time zone of the Model Studio region)
 * @param createBefore created before this time
 * @param after        the cursor: the id of the last batch of the previous page
 * @param limit        page size
 */
public record QwenBatchListRequest(
        String name,
        List<String> inputFileIds,
        List<QwenBatchStatus> statuses,
        LocalDateTime createAfter,
        LocalDateTime createBefore,
        String after,
        Integer limit) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    /**
     * Checks and completes the filters.
     *
     * @param name         part of the task name, or null
     * @param inputFileIds input file ids, at most 20; null means any
     * @param statuses     statuses; null means any
     * @param createAfter  created after this time, or null
     * @param createBefore created before this time, or null
     * @param after        the id of the last batch of the previous page, or null for the first page
     * @param limit        a positive page size, or null for the server's default
     * @throws IllegalArgumentException when there are more than 20 input file ids or the limit is not positive
     */
    public QwenBatchListRequest {
        inputFileIds = inputFileIds == null ? List.of() : List.copyOf(inputFileIds);
        statuses = statuses == null ? List.of() : List.copyOf(statuses);
        if (inputFileIds.size() > 20) {
            throw new IllegalArgumentException(
                    "at most 20 input file ids can be filtered on, but got " + inputFileIds.size());
        }
        if (limit != null && limit < 1) {
            throw new IllegalArgumentException("limit must be positive, but was " + limit);
        }
    }

    /**
     * No filter: the first page with the server's default size.
     *
     * @return a request without filters
     */
    public static QwenBatchListRequest all() {
        return builder().build();
    }

    /**
     * A builder with no filter set.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** The query parameters, in the wire format. */
    Map<String, String> toQuery() {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("ds_name", name);
        query.put("input_file_ids", inputFileIds.isEmpty() ? null : String.join(",", inputFileIds));
        query.put(
                "status",
                statuses.isEmpty()
                        ? null
                        : String.join(
                                ",",
                                statuses.stream().map(QwenBatchStatus::value).toList()));
        query.put("create_after", createAfter == null ? null : TIME.format(createAfter));
        query.put("create_before", createBefore == null ? null : TIME.format(createBefore));
        query.put("after", after);
        query.put("limit", limit == null ? null : limit.toString());
        return query;
    }

    /** Builder of {@link QwenBatchListRequest}. */
    public static final class Builder {

        private String name;
        private final List<String> inputFileIds = new ArrayList<>();
        private final List<QwenBatchStatus> statuses = new ArrayList<>();
        private LocalDateTime createAfter;
        private LocalDateTime createBefore;
        private String after;
        private Integer limit;

        private Builder() {}

        /**
         * Part of the task name ({@code ds_name}, fuzzy match).
         *
         * @param name the text to look for, or null for any name
         * @return this builder
         */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * Only batches of these input files ({@code input_file_ids}); adds to those given before.
         *
         * @param inputFileIds file ids; at most 20 in all
         * @return this builder
         */
        public Builder inputFileIds(String... inputFileIds) {
            this.inputFileIds.addAll(List.of(inputFileIds));
            return this;
        }

        /**
         * Only batches in one of these statuses ({@code status}); adds to those given before.
         *
         * @param statuses the statuses
         * @return this builder
         */
        public Builder statuses(QwenBatchStatus... statuses) {
            this.statuses.addAll(List.of(statuses));
            return this;
        }

        /**
         * Only batches created after this time ({@code create_after}).
         *
         * @param createAfter a time in the time zone of the Model Studio region, or null for no bound
         * @return this builder
         */
        public Builder createAfter(LocalDateTime createAfter) {
            this.createAfter = createAfter;
            return this;
        }

        /**
         * Only batches created before this time ({@code create_before}).
         *
         * @param createBefore a time in the time zone of the Model Studio region, or null for no bound
         * @return this builder
         */
        public Builder createBefore(LocalDateTime createBefore) {
            this.createBefore = createBefore;
            return this;
        }

        /**
         * The cursor ({@code after}): the id of the last batch of the previous page.
         *
         * @param after the batch id, e.g. {@link io.github.qwenlangchain4j.QwenPage#lastId()}, or null for the first page
         * @return this builder
         */
        public Builder after(String after) {
            this.after = after;
            return this;
        }

        /**
         * The page size ({@code limit}).
         *
         * @param limit a positive number of batches, or null for the server's default
         * @return this builder
         */
        public Builder limit(Integer limit) {
            this.limit = limit;
            return this;
        }

        /**
         * Builds the request.
         *
         * @return the request
         * @throws IllegalArgumentException when there are more than 20 input file ids or the limit is not positive
         */
        public QwenBatchListRequest build() {
            return new QwenBatchListRequest(name, inputFileIds, statuses, createAfter, createBefore, after, limit);
        }
    }
}
