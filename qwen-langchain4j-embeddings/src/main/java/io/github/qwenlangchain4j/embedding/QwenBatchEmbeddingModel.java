package io.github.qwenlangchain4j.embedding;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.batch.BatchItemResult;
import dev.langchain4j.model.batch.BatchPage;
import dev.langchain4j.model.batch.BatchPagination;
import dev.langchain4j.model.batch.BatchRequest;
import dev.langchain4j.model.batch.BatchResponse;
import dev.langchain4j.model.batch.BatchState;
import dev.langchain4j.model.embedding.BatchEmbeddingModel;
import dev.langchain4j.model.output.Response;
import io.github.qwenlangchain4j.batch.QwenBatchChatModel;
import io.github.qwenlangchain4j.batch.QwenBatchEndpoint;
import io.github.qwenlangchain4j.internal.batch.LangChain4jBatches;

/**
 * LangChain4j's {@link BatchEmbeddingModel} over Qwen's Batch API, for code written against the standard interface:
 * half the price of {@link QwenEmbeddingModel}, results within the completion window (24 hours by default).
 *
 * <pre>{@code
 * BatchEmbeddingModel model = QwenBatchEmbeddingModel.builder()
 *         .apiKey(System.getenv("DASHSCOPE_API_KEY"))
 *         .modelName("text-embedding-v4")
 *         .build();
 * String id = model.submit(new BatchRequest<>(segments)).batchId();
 * BatchResponse<Response<Embedding>> batch = model.retrieve(id);   // poll until batch.state().isTerminal()
 * }</pre>
 *
 * <p>It runs on the engine of {@link QwenBatchEmbeddings} (segments packed 10 per request for text-embedding-v3/v4,
 * 25 for v1/v2; blank segments refused before anything is uploaded) and follows {@link QwenBatchChatModel}: the
 * batch id names every Qwen batch of the submission, Qwen's statuses map to {@link BatchState}s the same way, and once
 * the batch is terminal {@link #retrieve} returns one {@link BatchItemResult} per segment in input order. Each
 * success is a {@link Response} with the embedding and no token usage (Qwen reports usage per request of up to 10
 * segments, not per segment); a failed request is a failure for each of its segments. Which models the Batch API
 * serves depends on the region (text-embedding-v4 in Beijing, for example). Thread-safe.
 */
public final class QwenBatchEmbeddingModel implements BatchEmbeddingModel {

    private final QwenBatchEmbeddings batchEmbeddings;

    private QwenBatchEmbeddingModel(QwenBatchEmbeddings batchEmbeddings) {
        this.batchEmbeddings = batchEmbeddings;
    }

    /**
     * A builder; only {@link io.github.qwenlangchain4j.QwenConnectionBuilder#apiKey(String) apiKey} is required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Uploads the segments and creates Qwen's batches; returns at once, in state {@link BatchState#PENDING} and
     * without results.
     *
     * @param request the segments to embed, at least one; only their text is sent
     * @return the batch id and its state
     * @throws IllegalArgumentException when there is no segment or a segment is null, empty or blank; nothing is
     *                                  uploaded then
     */
    @Override
    public BatchResponse<Response<Embedding>> submit(BatchRequest<TextSegment> request) {
        if (request == null) {
            throw new IllegalArgumentException("request must not be null");
        }
        return LangChain4jBatches.response(batchEmbeddings.submit(request.requests()), Response::from);
    }

    /**
     * The state of the batch now and, once it is terminal, one result per segment in input order.
     *
     * @param batchId the id {@link #submit} returned (or a Qwen batch id from {@link #list})
     * @return the state, and the results when terminal (empty before)
     * @throws IllegalArgumentException when the id is blank or malformed
     */
    @Override
    public BatchResponse<Response<Embedding>> retrieve(String batchId) {
        return LangChain4jBatches.response(batchEmbeddings.resume(batchId), Response::from);
    }

    /**
     * Asks Qwen to cancel every batch of the id that is not terminal yet; requests in flight finish first.
     *
     * @param batchId the id {@link #submit} returned
     */
    @Override
    public void cancel(String batchId) {
        batchEmbeddings.resume(batchId).cancel();
    }

    /**
     * A page of the account's embedding batches (Qwen batches of {@code /v1/embeddings}), newest first, without
     * results; batches of other endpoints are left out, so a page may hold fewer than {@code pageSize} batches while
     * more follow.
     *
     * @param pagination the page size and the {@link BatchPage#nextPageToken()} of the previous page, or null for the
     *                   first page of the server's default size (20)
     * @return the page; its next page token is null on the last page
     */
    @Override
    public BatchPage<Response<Embedding>> list(BatchPagination pagination) {
        return LangChain4jBatches.page(batchEmbeddings.batches(), QwenBatchEndpoint.EMBEDDINGS, pagination);
    }

    @Override
    public String toString() {
        return "QwenBatchEmbeddingModel{modelName=" + batchEmbeddings.modelName() + ", apiKey=***}";
    }

    /** Builder of {@link QwenBatchEmbeddingModel}: the same options as {@link QwenBatchEmbeddings.Builder}. */
    public static final class Builder extends QwenBatchEmbeddingOptions<QwenBatchEmbeddingModel, Builder> {

        private Builder() {}

        @Override
        public QwenBatchEmbeddingModel build() {
            return new QwenBatchEmbeddingModel(newBatchEmbeddings());
        }
    }
}
