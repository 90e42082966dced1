package io.github.qwenlangchain4j.batch;

import dev.langchain4j.model.batch.BatchItemResult;
import dev.langchain4j.model.batch.BatchPage;
import dev.langchain4j.model.batch.BatchPagination;
import dev.langchain4j.model.batch.BatchRequest;
import dev.langchain4j.model.batch.BatchResponse;
import dev.langchain4j.model.batch.BatchState;
import dev.langchain4j.model.chat.BatchChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.github.qwenlangchain4j.internal.batch.LangChain4jBatches;
import java.util.function.Function;

/**
 * LangChain4j's {@link BatchChatModel} over Qwen's Batch API, for code written against the standard interface: half
 * the price of direct calls, results within the completion window (24 hours by default) instead of seconds.
 *
 * <pre>{@code
 * BatchChatModel model = QwenBatchChatModel.builder()
 *         .apiKey(System.getenv("DASHSCOPE_API_KEY"))
 *         .modelName("qwen-plus")
 *         .build();
 * BatchResponse<ChatResponse> submitted = model.submit(new BatchRequest<>(requests));
 * BatchResponse<ChatResponse> batch = model.retrieve(submitted.batchId());  // poll until batch.state().isTerminal()
 * batch.results();                                                          // in input order: success or failure
 * }</pre>
 *
 * <p>It runs on the engine of {@link QwenBatchChat}: every request is mapped and checked as {@code QwenChatModel}
 * would (invalid requests are refused before anything is uploaded), requests for different models or beyond
 * Qwen's per-file limits go to several Qwen batches, and the {@linkplain BatchResponse#batchId() batch id} names
 * them all ({@code 3:batch_abc}, or {@code 120:batch_abc,batch_def}); store it to retrieve the batch later, from any
 * process. Qwen's statuses map to {@link BatchState}s: {@code validating} is {@code PENDING}; {@code in_progress},
 * {@code finalizing} and {@code cancelling} are {@code RUNNING}; {@code completed}, {@code failed},
 * {@code expired} and {@code cancelled} are {@code SUCCEEDED}, {@code FAILED}, {@code EXPIRED} and
 * {@code CANCELLED}.
 *
 * <p>{@link #retrieve} asks Qwen for the state of every batch of the id; once all are terminal it downloads the
 * output and error files and returns one {@link BatchItemResult} per request, in input order. A request that failed
 * inside the batch, or never ran because the batch expired or was cancelled first, is a
 * {@link BatchItemResult.Failure} whose {@link dev.langchain4j.model.batch.BatchError} has the HTTP status it got
 * (0 when it never ran), Qwen's message, and Qwen's {@code code} and {@code request_id} in its details. A batch whose
 * input Qwen refused as a whole ({@code failed} before any request ran) gives a single failure carrying the batch
 * errors. Results are held in memory. The caller polls: the poll interval options of the builder are not used here
 * (they pace {@link QwenBatchJob#await}); Qwen suggests polling every minute or two. Thread-safe.
 */
public final class QwenBatchChatModel implements BatchChatModel {

    private final QwenBatchChat batchChat;

    private QwenBatchChatModel(QwenBatchChat batchChat) {
        this.batchChat = batchChat;
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
     * Uploads the requests and creates Qwen's batches; returns at once, in state {@link BatchState#PENDING} and
     * without results.
     *
     * @param request the requests, at least one; each may name its own model in its parameters
     * @return the batch id and its state
     * @throws IllegalArgumentException when there is no request, a request is invalid or one exceeds 6 MB; nothing
     *                                  is uploaded then, and the message names the request ({@code requests[i]})
     * @throws dev.langchain4j.exception.UnsupportedFeatureException when a request asks for what Qwen cannot do
     */
    @Override
    public BatchResponse<ChatResponse> submit(BatchRequest<ChatRequest> request) {
        if (request == null) {
            throw new IllegalArgumentException("request must not be null");
        }
        return LangChain4jBatches.response(batchChat.submit(request.requests()), Function.identity());
    }

    /**
     * The state of the batch now and, once it is terminal, one result per request in input order.
     *
     * @param batchId the id {@link #submit} returned (or a Qwen batch id from {@link #list})
     * @return the state, and the results when terminal (empty before)
     * @throws IllegalArgumentException when the id is blank or malformed
     */
    @Override
    public BatchResponse<ChatResponse> retrieve(String batchId) {
        return LangChain4jBatches.response(batchChat.resume(batchId), Function.identity());
    }

    /**
     * Asks Qwen to cancel every batch of the id that is not terminal yet; requests in flight finish first (state
     * {@code RUNNING} until then) and keep their results.
     *
     * @param batchId the id {@link #submit} returned
     */
    @Override
    public void cancel(String batchId) {
        batchChat.resume(batchId).cancel();
    }

    /**
     * A page of the account's chat batches (Qwen batches of {@code /v1/chat/completions}), newest first, each with
     * its Qwen batch id and state and without results; {@link #retrieve} one to get them. Batches of other endpoints
     * are left out, so a page may hold fewer than {@code pageSize} batches while more follow.
     *
     * @param pagination the page size and the {@link BatchPage#nextPageToken()} of the previous page, or null for the
     *                   first page of the server's default size (20)
     * @return the page; its next page token is null on the last page
     */
    @Override
    public BatchPage<ChatResponse> list(BatchPagination pagination) {
        return LangChain4jBatches.page(batchChat.batches(), QwenBatchEndpoint.CHAT_COMPLETIONS, pagination);
    }

    @Override
    public String toString() {
        return "QwenBatchChatModel{apiKey=***}";
    }

    /**
     * Builder of {@link QwenBatchChatModel}: the connection settings, the default chat options and the batch options
     * of {@link QwenBatchChat}.
     */
    public static final class Builder extends QwenBatchChatOptions<QwenBatchChatModel, Builder> {

        private Builder() {}

        @Override
        public QwenBatchChatModel build() {
            return new QwenBatchChatModel(new QwenBatchChat(this));
        }
    }
}
