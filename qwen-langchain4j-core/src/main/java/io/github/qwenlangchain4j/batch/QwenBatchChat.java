package io.github.qwenlangchain4j.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.github.qwenlangchain4j.QwenBaseChatModel;
import io.github.qwenlangchain4j.QwenChatRequestParameters;
import io.github.qwenlangchain4j.QwenConnectionBuilder;
import io.github.qwenlangchain4j.internal.api.ChatCompletionResponse;
import io.github.qwenlangchain4j.internal.batch.BatchEngine;
import io.github.qwenlangchain4j.internal.json.Json;
import io.github.qwenlangchain4j.internal.mapper.CallPlanner;
import io.github.qwenlangchain4j.internal.mapper.CallPlanner.Transport;
import io.github.qwenlangchain4j.internal.mapper.ChatRequestMapper;
import io.github.qwenlangchain4j.internal.mapper.ChatResponseMapper;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Runs many LangChain4j {@link ChatRequest}s through Qwen's Batch API: half the price of direct calls, results
 * within the completion window (24 hours by default, up to 14 days) instead of seconds, and no pressure on your
 * rate limits.
 *
 * <pre>{@code
 * QwenBatchChat batch = QwenBatchChat.builder()
 *         .apiKey(System.getenv("DASHSCOPE_API_KEY"))
 *         .modelName("qwen-plus")
 *         .name("ticket-triage")
 *         .build();
 * QwenBatchJob<ChatResponse> job = batch.submit(requests);
 * String id = job.id();                         // store it: batch.resume(id) picks the job up in another process
 * QwenBatchResults<ChatResponse> results = job.await(Duration.ofHours(24), progress -> log(progress));
 * results.items().forEach(item -> ...);        // in input order: item.value() or item.error()
 * }</pre>
 *
 * <p>Each request is mapped exactly as {@code QwenChatModel} maps it (its parameters over this batch's defaults,
 * every Qwen option, the same checks), so invalid requests are refused before anything is uploaded. Requests for
 * different models go to different files, and large inputs are split to respect Qwen's limits (50,000 requests and
 * 500 MB per file, 6 MB per request); the job joins the results. Requests are mapped and written one at a time, so
 * the memory a submission needs does not grow with it: input beyond a megabyte is written to temporary files
 * (in {@code java.io.tmpdir}, readable by the owner only) and streamed from there, then deleted once uploaded. Tool
 * calls come back as in a direct call, but running the tools and continuing the conversation is up to you.
 * Thread-safe.
 */
public final class QwenBatchChat {

    private final QwenChatRequestParameters defaultParameters;
    private final boolean sendThinking;
    private final QwenBatches batches;
    private final BatchEngine<ChatResponse> engine;
    private final CallPlanner planner = new CallPlanner();

    QwenBatchChat(QwenBatchChatOptions<?, ?> options) {
        QwenChatRequestParameters.Builder merged = QwenChatRequestParameters.builder();
        if (options.defaultRequestParameters != null) {
            merged.overrideWith(options.defaultRequestParameters);
        }
        if (options.modelName != null) {
            merged.modelName(options.modelName);
        }
        QwenChatRequestParameters parameters = merged.build();
        this.defaultParameters = parameters.modelName() == null
                ? merged.modelName(QwenBaseChatModel.DEFAULT_MODEL_NAME).build()
                : parameters;
        ChatRequestMapper.validateParameters(defaultParameters);
        this.sendThinking = Boolean.TRUE.equals(options.sendThinking);
        this.batches = options.newBatches();
        this.engine =
                new BatchEngine<>(batches, options.settings(QwenBatchEndpoint.CHAT_COMPLETIONS), QwenBatchChat::decode);
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
     * Uploads the requests and creates the batches; returns at once with the job (status
     * {@link QwenBatchStatus#VALIDATING}). Item {@code i} of the results answers {@code requests.get(i)}.
     *
     * @param requests the requests, at least one; each may name its own model in its parameters
     * @return the job, to await or to store by its {@link QwenBatchJob#id()}
     * @throws IllegalArgumentException    when the list is empty, a request is invalid, or one request exceeds 6 MB;
     *                                     nothing is uploaded then. Every failure of a request names it,
     *                                     {@code requests[i]}
     * @throws UnsupportedFeatureException when a request asks for what Qwen cannot do (e.g. toolChoice REQUIRED with
     *                                     several tools)
     */
    public QwenBatchJob<ChatResponse> submit(List<ChatRequest> requests) {
        if (requests == null) {
            throw new IllegalArgumentException("requests must not be null");
        }
        // each request is mapped when the engine takes its line: the job's memory use stays flat with its size
        Iterator<BatchEngine.Line> lines = new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < requests.size();
            }

            @Override
            public BatchEngine.Line next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int i = next++;
                ChatRequest request = requests.get(i);
                if (request == null) {
                    throw new IllegalArgumentException("requests[" + i + "] is null");
                }
                QwenChatRequestParameters parameters = defaultParameters.overrideWith(request.parameters());
                Object body;
                try {
                    body = ChatRequestMapper.toRequest(
                            request.messages(), parameters, planner.plan(parameters, Transport.BATCH), sendThinking);
                } catch (RuntimeException e) {
                    throw naming(i, e);
                }
                return new BatchEngine.Line(i, 1, parameters.modelName(), body);
            }
        };
        return engine.submit(lines, requests.size());
    }

    /**
     * The same failure with {@code requests[i]} in front of its message, keeping its type where it is one the mapper
     * raises, so callers still catch what they would catch from {@code QwenChatModel}.
     */
    private static RuntimeException naming(int index, RuntimeException e) {
        String message = "requests[" + index + "]: " + e.getMessage();
        if (e instanceof UnsupportedFeatureException) {
            UnsupportedFeatureException named = new UnsupportedFeatureException(message);
            named.initCause(e);
            return named;
        }
        if (e instanceof IllegalArgumentException) {
            return new IllegalArgumentException(message, e);
        }
        if (e instanceof LangChain4jException) {
            return new LangChain4jException(message, e);
        }
        return new IllegalArgumentException(message, e);
    }

    /**
     * Picks up a job submitted earlier, possibly by another process, from its {@link QwenBatchJob#id()}.
     *
     * @param jobId the id of the job, as {@link QwenBatchJob#id()} returned it
     * @return the job, in the state Qwen reports now
     */
    public QwenBatchJob<ChatResponse> resume(String jobId) {
        return engine.resume(jobId);
    }

    /** The Batch API client of this batch chat, for listing its batches. */
    QwenBatches batches() {
        return batches;
    }

    private static List<ChatResponse> decode(JsonNode body, int itemCount, String requestId) {
        try {
            ChatCompletionResponse response = Json.MAPPER.treeToValue(body, ChatCompletionResponse.class);
            return List.of(ChatResponseMapper.toChatResponse(response, requestId));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e.getOriginalMessage(), e);
        }
    }

    /**
     * Builder of {@link QwenBatchChat}: the connection settings of {@link QwenConnectionBuilder}, the default chat
     * options of {@link QwenBatchChatOptions}, and the batch options of {@link QwenBatchOptions}.
     */
    public static final class Builder extends QwenBatchChatOptions<QwenBatchChat, Builder> {

        private Builder() {}

        @Override
        public QwenBatchChat build() {
            return new QwenBatchChat(this);
        }
    }
}
