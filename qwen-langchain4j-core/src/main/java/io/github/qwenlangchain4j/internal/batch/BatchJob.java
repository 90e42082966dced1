package io.github.qwenlangchain4j.internal.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.exception.TimeoutException;
import io.github.qwenlangchain4j.batch.QwenBatch;
import io.github.qwenlangchain4j.batch.QwenBatchItemError;
import io.github.qwenlangchain4j.batch.QwenBatchItemResult;
import io.github.qwenlangchain4j.batch.QwenBatchJob;
import io.github.qwenlangchain4j.batch.QwenBatchProgress;
import io.github.qwenlangchain4j.batch.QwenBatchRequestCounts;
import io.github.qwenlangchain4j.batch.QwenBatchResults;
import io.github.qwenlangchain4j.batch.QwenBatchStatus;
import io.github.qwenlangchain4j.internal.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/** The {@link QwenBatchJob} of {@link BatchEngine}: a list of batches, refreshed on demand, joined on completion. */
final class BatchJob<T> implements QwenBatchJob<T> {

    private final BatchEngine<T> engine;
    private final Integer itemCount;
    private volatile List<QwenBatch> batches;

    BatchJob(BatchEngine<T> engine, Integer itemCount, List<QwenBatch> batches) {
        this.engine = engine;
        this.itemCount = itemCount;
        this.batches = List.copyOf(batches);
    }

    @Override
    public String id() {
        return (itemCount == null ? "" : itemCount + ":") + String.join(",", batchIds());
    }

    @Override
    public List<String> batchIds() {
        return batches.stream().map(QwenBatch::id).toList();
    }

    @Override
    public int size() {
        return itemCount != null ? itemCount : -1;
    }

    @Override
    public QwenBatchStatus status() {
        return aggregate(batches);
    }

    @Override
    public QwenBatchRequestCounts requestCounts() {
        QwenBatchRequestCounts sum = QwenBatchRequestCounts.EMPTY;
        for (QwenBatch batch : batches) {
            sum = sum.plus(batch.requestCounts());
        }
        return sum;
    }

    @Override
    public List<QwenBatch> batches() {
        return batches;
    }

    @Override
    public synchronized QwenBatchJob<T> refresh() {
        List<QwenBatch> refreshed = new ArrayList<>(batches.size());
        for (QwenBatch batch : batches) {
            refreshed.add(batch.isTerminal() ? batch : engine.batches().retrieve(batch.id()));
        }
        batches = List.copyOf(refreshed);
        return this;
    }

    @Override
    public String failureReason() {
        List<String> reasons = new ArrayList<>();
        for (QwenBatch batch : batches) {
            String why = switch (batch.status()) {
                case FAILED -> "failed" + (batch.errors().isEmpty() ? "" : ": " + batch.errors());
                case EXPIRED -> "expired: its completion window of " + batch.completionWindow() + " passed";
                case CANCELLED -> "was cancelled";
                default -> null;
            };
            if (why != null) {
                reasons.add("batch " + batch.id() + " " + why);
            }
        }
        return reasons.isEmpty() ? null : String.join("; ", reasons);
    }

    @Override
    public QwenBatchResults<T> await() {
        return await(null, null);
    }

    @Override
    public QwenBatchResults<T> await(Duration timeout) {
        return await(timeout, null);
    }

    @Override
    public QwenBatchResults<T> await(Duration timeout, Consumer<QwenBatchProgress> onProgress) {
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        Duration interval = engine.settings().pollInterval();
        Duration maxInterval = engine.settings().maxPollInterval();
        int poll = 0;
        while (true) {
            if (!allTerminal()) {
                refresh();
                poll++;
                if (onProgress != null) {
                    onProgress.accept(new QwenBatchProgress(id(), status(), requestCounts(), poll));
                }
            }
            if (allTerminal()) {
                return results();
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw new TimeoutException("Batch job " + id() + " is still " + status().value() + " after " + timeout
                        + " (" + requestCounts() + "); it goes on at Qwen: await it again or resume it by id");
            }
            sleep(Duration.ofNanos(Math.min(remaining, interval.toNanos())));
            Duration doubled = interval.multipliedBy(2);
            interval = doubled.compareTo(maxInterval) > 0 ? maxInterval : doubled;
        }
    }

    private boolean allTerminal() {
        return batches.stream().allMatch(QwenBatch::isTerminal);
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis(), delay.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LangChain4jException("Interrupted while waiting for a Qwen batch job", e);
        }
    }

    @Override
    public QwenBatchResults<T> results() {
        List<QwenBatch> snapshot = batches;
        checkTerminal(snapshot);
        // by index: a list, not a map, since a job's items are 0..n-1 (a million boxed keys would cost 50 MB more)
        List<QwenBatchItemResult<T>> byIndex = new ArrayList<>(itemCount != null ? itemCount : 16);
        for (QwenBatch batch : snapshot) {
            if (batch.outputFileId() != null) {
                engine.batches().files().content(batch.outputFileId(), line -> collect(line, byIndex));
            }
            if (batch.errorFileId() != null) {
                engine.batches().files().content(batch.errorFileId(), line -> collect(line, byIndex));
            }
        }
        int count = itemCount != null ? itemCount : byIndex.size();
        String reason = failureReason();
        List<QwenBatchItemResult<T>> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            QwenBatchItemResult<T> item = i < byIndex.size() ? byIndex.get(i) : null;
            items.add(
                    item != null
                            ? item
                            : new QwenBatchItemResult<>(
                                    i,
                                    null,
                                    new QwenBatchItemError(
                                            QwenBatchItemError.NOT_DONE,
                                            reason != null
                                                    ? "Not run: " + reason
                                                    : "No result for this item in the output or error files",
                                            null,
                                            null)));
        }
        return new QwenBatchResults<>(id(), aggregate(snapshot), reason, items);
    }

    private void checkTerminal(List<QwenBatch> snapshot) {
        for (QwenBatch batch : snapshot) {
            if (!batch.isTerminal()) {
                throw new IllegalStateException("Batch " + batch.id() + " of job " + id() + " is still "
                        + batch.status().value() + "; await the job (or refresh it) until every batch is terminal");
            }
        }
    }

    private void collect(String line, List<QwenBatchItemResult<T>> byIndex) {
        if (line.isBlank()) {
            return;
        }
        ResultLine result;
        try {
            result = Json.MAPPER.readValue(line, ResultLine.class);
        } catch (JsonProcessingException e) {
            throw new LangChain4jException(
                    "A line of a batch result file of job " + id() + " is not JSON: " + e.getOriginalMessage(), e);
        }
        int[] range = BatchEngine.parseCustomId(result.customId());
        if (range == null) {
            return; // not a line this library wrote
        }
        int first = range[0];
        int countOnLine = range[1] - range[0] + 1;
        ResultLine.Response response = result.response();
        String requestId = response == null ? null : response.requestId();
        QwenBatchItemError error = errorOf(result);
        if (error == null) {
            try {
                List<T> values = engine.decoder().decode(response.body(), countOnLine, requestId);
                for (int i = 0; i < countOnLine; i++) {
                    put(byIndex, first + i, new QwenBatchItemResult<>(first + i, values.get(i), null));
                }
                return;
            } catch (RuntimeException e) {
                error = new QwenBatchItemError(
                        "malformed_response",
                        "The response is not what the endpoint returns: " + e.getMessage(),
                        response.statusCode(),
                        requestId);
            }
        }
        for (int i = 0; i < countOnLine; i++) {
            put(byIndex, first + i, new QwenBatchItemResult<>(first + i, null, error));
        }
    }

    /** Records an item's result; an index beyond the job's item count names no item of it and is left out. */
    private void put(List<QwenBatchItemResult<T>> byIndex, int index, QwenBatchItemResult<T> item) {
        if (itemCount != null && index >= itemCount) {
            return;
        }
        while (byIndex.size() <= index) {
            byIndex.add(null);
        }
        byIndex.set(index, item);
    }

    private static QwenBatchItemError errorOf(ResultLine line) {
        ResultLine.Response response = line.response();
        Integer status = response == null ? null : response.statusCode();
        String requestId = response == null ? null : response.requestId();
        if (line.error() != null && (line.error().code() != null || line.error().message() != null)) {
            return new QwenBatchItemError(line.error().code(), line.error().message(), status, requestId);
        }
        if (response == null || response.body() == null || response.body().isNull()) {
            return new QwenBatchItemError(
                    "missing_response", "The result line has neither a response nor an error", status, requestId);
        }
        if (status != null && status >= 200 && status < 300) {
            return null;
        }
        JsonNode body = response.body();
        JsonNode source = body.path("error").isObject() ? body.get("error") : body;
        String bodyRequestId = BatchEngine.text(body.get("request_id"));
        return new QwenBatchItemError(
                BatchEngine.text(source.get("code")),
                BatchEngine.text(source.get("message")),
                status,
                requestId != null ? requestId : bodyRequestId);
    }

    static QwenBatchStatus aggregate(List<QwenBatch> batches) {
        QwenBatchStatus leastAdvanced = null;
        for (QwenBatch batch : batches) {
            QwenBatchStatus status = batch.status();
            if (!status.isTerminal()) {
                if (status == QwenBatchStatus.CANCELLING || status == QwenBatchStatus.UNKNOWN) {
                    return status;
                }
                if (leastAdvanced == null || status.ordinal() < leastAdvanced.ordinal()) {
                    leastAdvanced = status;
                }
            }
        }
        if (leastAdvanced != null) {
            return leastAdvanced;
        }
        for (QwenBatchStatus worst :
                List.of(QwenBatchStatus.FAILED, QwenBatchStatus.EXPIRED, QwenBatchStatus.CANCELLED)) {
            if (batches.stream().anyMatch(batch -> batch.status() == worst)) {
                return worst;
            }
        }
        return QwenBatchStatus.COMPLETED;
    }

    @Override
    public void deleteFiles() {
        List<QwenBatch> snapshot = batches;
        checkTerminal(snapshot);
        for (QwenBatch batch : snapshot) {
            for (String fileId : Arrays.asList(batch.inputFileId(), batch.outputFileId(), batch.errorFileId())) {
                if (fileId != null) {
                    engine.batches().files().delete(fileId);
                }
            }
        }
    }

    @Override
    public synchronized QwenBatchJob<T> cancel() {
        List<QwenBatch> updated = new ArrayList<>();
        for (QwenBatch batch : batches) {
            updated.add(batch.isTerminal() ? batch : engine.batches().cancel(batch.id()));
        }
        batches = List.copyOf(updated);
        return this;
    }

    @Override
    public String toString() {
        return "QwenBatchJob{id=" + id() + ", status=" + status().value() + ", requestCounts=" + requestCounts() + "}";
    }
}
