package io.github.qwenlangchain4j.internal.batch;

import dev.langchain4j.model.batch.BatchError;
import dev.langchain4j.model.batch.BatchItemResult;
import dev.langchain4j.model.batch.BatchPage;
import dev.langchain4j.model.batch.BatchPagination;
import dev.langchain4j.model.batch.BatchResponse;
import dev.langchain4j.model.batch.BatchState;
import io.github.qwenlangchain4j.QwenPage;
import io.github.qwenlangchain4j.batch.QwenBatch;
import io.github.qwenlangchain4j.batch.QwenBatchEndpoint;
import io.github.qwenlangchain4j.batch.QwenBatchError;
import io.github.qwenlangchain4j.batch.QwenBatchItemError;
import io.github.qwenlangchain4j.batch.QwenBatchItemResult;
import io.github.qwenlangchain4j.batch.QwenBatchJob;
import io.github.qwenlangchain4j.batch.QwenBatchListRequest;
import io.github.qwenlangchain4j.batch.QwenBatchResults;
import io.github.qwenlangchain4j.batch.QwenBatchStatus;
import io.github.qwenlangchain4j.batch.QwenBatches;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The bridge between the engine's jobs and LangChain4j's batch types ({@code BatchChatModel},
 * {@code BatchEmbeddingModel}): states, per-item results and list pages, shared by the chat and embedding models.
 */
public final class LangChain4jBatches {

    private LangChain4jBatches() {}

    /**
     * LangChain4j's state of a Qwen status: validating is pending; in progress, finalizing and cancelling are running
     * (cancelling still finishes the requests in flight); the four terminal statuses map one to one.
     */
    public static BatchState state(QwenBatchStatus status) {
        return switch (status) {
            case VALIDATING -> BatchState.PENDING;
            case IN_PROGRESS, FINALIZING, CANCELLING -> BatchState.RUNNING;
            case COMPLETED -> BatchState.SUCCEEDED;
            case FAILED -> BatchState.FAILED;
            case EXPIRED -> BatchState.EXPIRED;
            case CANCELLED -> BatchState.CANCELLED;
            case UNKNOWN -> BatchState.UNSPECIFIED;
        };
    }

    /**
     * The response of a job as last refreshed: its id, its state and, once every batch is terminal, one result per
     * item in input order (downloaded from the output and error files). A job that failed before any item ran (its
     * input was refused) gets one failure carrying the batch errors, as LangChain4j represents a batch-level failure.
     *
     * @param job     the job
     * @param convert turns an item's value into the model's response type
     */
    public static <T, R> BatchResponse<R> response(QwenBatchJob<T> job, Function<T, R> convert) {
        QwenBatchStatus status = job.status();
        List<BatchItemResult<R>> results = List.of();
        if (status.isTerminal()) {
            QwenBatchResults<T> joined = job.results();
            results = status == QwenBatchStatus.FAILED && nothingRan(joined)
                    ? List.of(BatchItemResult.failure(batchFailure(job)))
                    : items(joined, convert);
        }
        return BatchResponse.<R>builder()
                .batchId(job.id())
                .state(state(status))
                .results(results)
                .build();
    }

    private static boolean nothingRan(QwenBatchResults<?> results) {
        return results.items().stream()
                .allMatch(item -> item.error() != null && item.error().isNotDone());
    }

    private static <T, R> List<BatchItemResult<R>> items(QwenBatchResults<T> results, Function<T, R> convert) {
        List<BatchItemResult<R>> items = new ArrayList<>(results.items().size());
        for (QwenBatchItemResult<T> item : results.items()) {
            items.add(
                    item.isSuccess()
                            ? BatchItemResult.success(convert.apply(item.value()))
                            : BatchItemResult.failure(itemError(item.error())));
        }
        return items;
    }

    /**
     * The error of one item: the HTTP status it got inside the batch (0 when it never ran), Qwen's message, and
     * Qwen's error code and the request id under {@code code} and {@code request_id} of the details.
     */
    private static BatchError itemError(QwenBatchItemError error) {
        Map<String, Object> details = new LinkedHashMap<>();
        putIfPresent(details, "code", error.code());
        putIfPresent(details, "request_id", error.requestId());
        return new BatchError(
                error.statusCode() == null ? 0 : error.statusCode(),
                error.message() != null ? error.message() : error.toString(),
                details.isEmpty() ? null : List.of(details));
    }

    /** The failure of the whole job: why, and one detail per batch error (batch id, code, message, param, line). */
    private static BatchError batchFailure(QwenBatchJob<?> job) {
        List<Map<String, Object>> details = new ArrayList<>();
        for (QwenBatch batch : job.batches()) {
            for (QwenBatchError error : batch.errors()) {
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("batch_id", batch.id());
                putIfPresent(detail, "code", error.code());
                putIfPresent(detail, "message", error.message());
                putIfPresent(detail, "param", error.param());
                putIfPresent(detail, "line", error.line());
                details.add(detail);
            }
        }
        String reason = job.failureReason();
        return new BatchError(
                0, reason != null ? reason : "Batch job " + job.id() + " failed", details.isEmpty() ? null : details);
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    /**
     * A page of the batches of one endpoint, newest first, without results (retrieve one to get them). Qwen's page
     * cursor is the id of the last batch of the previous page; batches of the other endpoints are left out, so a page
     * may hold fewer than {@code pageSize} batches while more follow.
     *
     * @param batches    the Batch API client
     * @param endpoint   the endpoint whose batches to keep
     * @param pagination page size and cursor (the {@code nextPageToken} of the previous page), or null for the first
     *                   page of the server's default size
     */
    public static <R> BatchPage<R> page(QwenBatches batches, QwenBatchEndpoint endpoint, BatchPagination pagination) {
        QwenBatchListRequest request = QwenBatchListRequest.builder()
                .limit(pagination == null ? null : pagination.pageSize())
                .after(pagination == null ? null : pagination.pageToken())
                .build();
        QwenPage<QwenBatch> page = batches.list(request);
        List<BatchResponse<R>> responses = new ArrayList<>();
        for (QwenBatch batch : page.data()) {
            if (endpoint.path().equals(batch.endpoint())) {
                responses.add(BatchResponse.<R>builder()
                        .batchId(batch.id())
                        .state(state(batch.status()))
                        .results(List.of())
                        .build());
            }
        }
        return new BatchPage<>(responses, page.hasMore() ? page.lastId() : null);
    }
}
