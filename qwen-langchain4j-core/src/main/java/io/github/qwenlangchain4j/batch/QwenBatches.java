package io.github.qwenlangchain4j.batch;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.qwenlangchain4j.QwenConnectionBuilder;
import io.github.qwenlangchain4j.QwenPage;
import io.github.qwenlangchain4j.files.QwenFiles;
import io.github.qwenlangchain4j.internal.batch.BatchList;
import io.github.qwenlangchain4j.internal.batch.BatchObject;
import io.github.qwenlangchain4j.internal.batch.CreateBatchBody;
import io.github.qwenlangchain4j.internal.client.QwenClient;
import io.github.qwenlangchain4j.internal.mapper.WireValues;
import java.util.ArrayList;
import java.util.List;

/**
 * Qwen's Batch API ({@code /batches}): create a batch from an uploaded input file, follow it, list and cancel
 * batches. {@link #files()} gives the Files API over the same connection, to upload input and download results.
 *
 * <pre>{@code
 * QwenBatches batches = QwenBatches.builder().apiKey(System.getenv("DASHSCOPE_API_KEY")).build();
 * QwenFile input = batches.files().upload(Path.of("requests.jsonl"));
 * QwenBatch batch = batches.create(QwenBatchCreateRequest.builder()
 *         .inputFileId(input.id()).completionWindow("48h").name("Nightly tagging").build());
 * // later: batches.retrieve(batch.id()).status() == COMPLETED, then files().content(outputFileId, ...)
 * }</pre>
 *
 * <p>Input files hold at most 50,000 requests, 500 MB, 6 MB per line, all for the same model; for splitting and
 * joining done for you, see {@link QwenBatchChat}. Thread-safe.
 */
public final class QwenBatches {

    private final QwenClient client;
    private final QwenFiles files;

    QwenBatches(QwenClient client, QwenFiles files) {
        this.client = client;
        this.files = files;
    }

    /**
     * A builder; only {@link QwenConnectionBuilder#apiKey(String) apiKey} is required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The Files API over the same connection.
     *
     * @return the files client
     */
    public QwenFiles files() {
        return files;
    }

    /**
     * Creates a batch ({@code POST /batches}); it starts in {@link QwenBatchStatus#VALIDATING}.
     *
     * @param request the input file, endpoint, completion window and metadata
     * @return the new batch
     */
    public QwenBatch create(QwenBatchCreateRequest request) {
        CreateBatchBody body = new CreateBatchBody(
                request.inputFileId(),
                request.endpoint().path(),
                request.completionWindow().value(),
                request.metadata().isEmpty() ? null : request.metadata());
        return toBatch(client.create("/batches", body, BatchObject.class).body());
    }

    /**
     * Creates a batch of chat completions with a 24-hour window and no metadata.
     *
     * @param inputFileId the uploaded JSONL input file (purpose {@code batch})
     * @return the new batch
     */
    public QwenBatch create(String inputFileId) {
        return create(QwenBatchCreateRequest.builder().inputFileId(inputFileId).build());
    }

    /**
     * Looks a batch up by id: its status, counts and, once there, its output and error files.
     *
     * @param batchId the batch id, e.g. {@code batch_...}
     * @return the batch as Qwen reports it now
     * @throws IllegalArgumentException when the id is null, blank or contains {@code /}
     */
    public QwenBatch retrieve(String batchId) {
        return toBatch(client.get("/batches/" + WireValues.requireId(batchId), null, BatchObject.class)
                .body());
    }

    /**
     * The first page of batches, newest first.
     *
     * @return the first page, of the server's default size
     */
    public QwenPage<QwenBatch> list() {
        return list(QwenBatchListRequest.all());
    }

    /**
     * A page of the batches that match the filters, newest first.
     *
     * @param request the filters and the page cursor
     * @return the page
     */
    public QwenPage<QwenBatch> list(QwenBatchListRequest request) {
        BatchList page =
                client.get("/batches", request.toQuery(), BatchList.class).body();
        List<QwenBatch> batches = new ArrayList<>();
        if (page.data() != null) {
            page.data().forEach(batch -> batches.add(toBatch(batch)));
        }
        String firstId = page.firstId() != null
                ? page.firstId()
                : batches.isEmpty() ? null : batches.get(0).id();
        String lastId = page.lastId() != null
                ? page.lastId()
                : batches.isEmpty() ? null : batches.get(batches.size() - 1).id();
        return new QwenPage<>(batches, firstId, lastId, Boolean.TRUE.equals(page.hasMore()));
    }

    /**
     * Asks Qwen to cancel a batch that is validating or in progress: it moves to {@link QwenBatchStatus#CANCELLING},
     * then to {@link QwenBatchStatus#CANCELLED} once requests in flight are done. Finished requests keep their
     * results and are billed.
     *
     * @param batchId the batch id
     * @return the batch as Qwen reports it after the cancel request
     * @throws IllegalArgumentException when the id is null, blank or contains {@code /}
     */
    public QwenBatch cancel(String batchId) {
        return toBatch(client.post(
                        "/batches/" + WireValues.requireId(batchId) + "/cancel", java.util.Map.of(), BatchObject.class)
                .body());
    }

    static QwenBatch toBatch(BatchObject batch) {
        BatchObject.RequestCounts counts = batch.requestCounts();
        return new QwenBatch(
                batch.id(),
                batch.endpoint(),
                batch.inputFileId(),
                batch.completionWindow(),
                QwenBatchStatus.fromValue(batch.status()),
                batch.status(),
                batch.outputFileId(),
                batch.errorFileId(),
                errors(batch.errors()),
                counts == null
                        ? QwenBatchRequestCounts.EMPTY
                        : new QwenBatchRequestCounts(
                                orZero(counts.total()), orZero(counts.completed()), orZero(counts.failed())),
                batch.metadata(),
                WireValues.instant(batch.createdAt()),
                WireValues.instant(batch.inProgressAt()),
                WireValues.instant(batch.expiresAt()),
                WireValues.instant(batch.finalizingAt()),
                WireValues.instant(batch.completedAt()),
                WireValues.instant(batch.failedAt()),
                WireValues.instant(batch.expiredAt()),
                WireValues.instant(batch.cancellingAt()),
                WireValues.instant(batch.cancelledAt()));
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    /** {@code {"data":[...]}}, a bare list, or a single error object; anything else gives no errors. */
    private static List<QwenBatchError> errors(JsonNode errors) {
        if (errors == null || errors.isNull()) {
            return List.of();
        }
        JsonNode items = errors.isArray() ? errors : errors.has("data") ? errors.get("data") : null;
        List<QwenBatchError> result = new ArrayList<>();
        if (items != null && items.isArray()) {
            items.forEach(item -> result.add(error(item)));
        } else if (errors.isObject() && (errors.has("message") || errors.has("code"))) {
            result.add(error(errors));
        }
        return result;
    }

    private static QwenBatchError error(JsonNode item) {
        if (item.isTextual()) {
            return new QwenBatchError(null, item.asText(), null, null);
        }
        JsonNode line = item.get("line");
        return new QwenBatchError(
                text(item.get("code")),
                text(item.get("message")),
                text(item.get("param")),
                line == null || !line.canConvertToInt() ? null : line.asInt());
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    @Override
    public String toString() {
        return "QwenBatches{baseUrl=" + client.baseUrl() + ", apiKey=***}";
    }

    /** Builder of {@link QwenBatches}; see {@link QwenConnectionBuilder} for the settings. */
    public static final class Builder extends QwenConnectionBuilder<QwenBatches, Builder> {

        private Builder() {}

        @Override
        public QwenBatches build() {
            return new QwenBatches(
                    newClient(), copyConnectionTo(QwenFiles.builder()).build());
        }
    }
}
