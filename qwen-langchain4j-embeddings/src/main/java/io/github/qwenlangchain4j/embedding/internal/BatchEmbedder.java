package io.github.qwenlangchain4j.embedding.internal;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.model.output.TokenUsage;
import io.github.qwenlangchain4j.internal.client.ErrorMapper;
import io.github.qwenlangchain4j.internal.client.QwenClient;
import io.github.qwenlangchain4j.internal.client.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Embeds a list of texts in batches of at most {@code batchSize}, up to {@code maxConcurrentRequests} batches at
 * a time, and returns the vectors in input order with the usage summed. Once 429s persist, the requests are paced
 * a little under the rate that gets through (see {@link AdaptiveRateLimit}); a batch refused with 429 is retried while
 * the call makes progress (see
 * {@link RateLimitPatience}), other failures per the client's policy, always outside the batch's concurrency slot
 * so that its backoff does not hold up others. The worker threads belong to the call and end with it; a single
 * batch runs on the caller's thread.
 */
public final class BatchEmbedder {

    private static final String EMBEDDINGS = "/embeddings";
    /** DashScope's native text embedding API, on a client of the native base URL; the one that takes text_type. */
    private static final String NATIVE_EMBEDDINGS = "/services/embeddings/text-embedding/text-embedding";

    private static final AtomicInteger THREAD_COUNTER = new AtomicInteger();

    private final QwenClient client;
    private final int maxConcurrentRequests;
    private final Duration rateLimitPatience;
    private final String textType;

    /**
     * @param rateLimitPatience how long a call keeps retrying 429s while none of its requests succeeds; zero
     *                          retries them like other failures, per the client's {@code maxRetries}
     */
    public BatchEmbedder(QwenClient client, int maxConcurrentRequests, Duration rateLimitPatience) {
        this(client, maxConcurrentRequests, rateLimitPatience, null);
    }

    /**
     * An embedder of DashScope's native text embedding API when {@code textType} is set ({@code query} or
     * {@code document}, which compatible mode does not take); {@code client} must then be a client of the native base
     * URL. Without a text type, compatible mode's {@code /embeddings}.
     */
    public BatchEmbedder(QwenClient client, int maxConcurrentRequests, Duration rateLimitPatience, String textType) {
        this.client = client;
        this.maxConcurrentRequests = maxConcurrentRequests;
        this.rateLimitPatience = rateLimitPatience;
        this.textType = textType;
    }

    /** Embeddings in input order, the summed usage, and the model name the server reported. */
    public record Result(List<Embedding> embeddings, TokenUsage tokenUsage, String modelName) {}

    public Result embed(String model, Integer dimensions, List<String> texts, int batchSize) {
        int batchCount = (texts.size() + batchSize - 1) / batchSize;
        BatchResult[] results = new BatchResult[batchCount];
        AdaptiveRateLimit limit = new AdaptiveRateLimit(Math.min(maxConcurrentRequests, batchCount));
        RateLimitPatience patience = new RateLimitPatience(rateLimitPatience);
        if (batchCount == 1) {
            results[0] = runBatch(model, dimensions, texts, 0, texts.size(), limit, patience, batchCount);
        } else {
            runConcurrently(model, dimensions, texts, batchSize, results, limit, patience);
        }
        List<Embedding> embeddings = new ArrayList<>(texts.size());
        TokenUsage usage = null;
        String reportedModel = null;
        for (BatchResult result : results) {
            embeddings.addAll(result.embeddings);
            usage = usage == null ? result.usage : usage.add(result.usage);
            reportedModel = reportedModel == null ? result.model : reportedModel;
        }
        return new Result(embeddings, usage, reportedModel);
    }

    private void runConcurrently(
            String model,
            Integer dimensions,
            List<String> texts,
            int batchSize,
            BatchResult[] results,
            AdaptiveRateLimit limit,
            RateLimitPatience patience) {
        int workers = Math.min(maxConcurrentRequests, results.length);
        AtomicInteger nextBatch = new AtomicInteger();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        List<Thread> threads = new CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(workers, daemonThreads(threads));
        try {
            for (int w = 0; w < workers; w++) {
                pool.execute(() -> {
                    int batch;
                    while (failure.get() == null && (batch = nextBatch.getAndIncrement()) < results.length) {
                        int from = batch * batchSize;
                        int to = Math.min(from + batchSize, texts.size());
                        try {
                            results[batch] =
                                    runBatch(model, dimensions, texts, from, to, limit, patience, results.length);
                        } catch (RuntimeException e) {
                            failure.compareAndSet(null, e);
                        }
                    }
                });
            }
        } finally {
            pool.shutdown();
            awaitQuietly(pool, failure);
            joinQuietly(threads, failure);
        }
        RuntimeException error = failure.get();
        if (error != null) {
            throw error;
        }
    }

    /**
     * Sends one batch until it succeeds: 429s while the call makes progress (see {@link RateLimitPatience}), other
     * retriable failures per the client's policy. Only this batch is retried; the others go on meanwhile.
     */
    private BatchResult runBatch(
            String model,
            Integer dimensions,
            List<String> texts,
            int from,
            int to,
            AdaptiveRateLimit limit,
            RateLimitPatience patience,
            int batchCount) {
        byte[] body = QwenClient.toJson(
                textType == null
                        ? EmbeddingRequestBody.of(model, texts.subList(from, to), dimensions)
                        : NativeEmbeddingRequestBody.of(model, texts.subList(from, to), dimensions, textType));
        RetryPolicy policy = client.retryPolicy();
        int otherFailures = 0;
        while (true) {
            RuntimeException failure;
            AdaptiveRateLimit.Start start;
            try {
                start = limit.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LangChain4jException("Interrupted while waiting to send " + inputs(from, to), e);
            }
            try {
                BatchResult result = textType == null
                        ? toBatchResult(client.postOnce(EMBEDDINGS, body, EmbeddingResponseBody.class), to - from)
                        : toNativeBatchResult(
                                client.postOnce(NATIVE_EMBEDDINGS, body, NativeEmbeddingResponseBody.class), to - from);
                patience.onProgress();
                return result;
            } catch (RuntimeException e) {
                if (e instanceof RateLimitException) {
                    limit.onRateLimited(start);
                }
                failure = e;
            } finally {
                limit.release();
            }
            Duration delay;
            if (failure instanceof RateLimitException refusal && patience.mayRetry(refusal)) {
                delay = limit.retryDelay(QwenClient.retryAfterOf(failure));
            } else if (policy.shouldRetry(failure, ++otherFailures)) {
                delay = policy.delayBeforeRetry(otherFailures, QwenClient.retryAfterOf(failure));
            } else {
                throw withInputRange(failure, from, to, batchCount);
            }
            RetryPolicy.sleep(delay, failure);
        }
    }

    private static BatchResult toBatchResult(QwenClient.Result<EmbeddingResponseBody> response, int expected) {
        EmbeddingResponseBody body = response.body();
        List<Embedding> embeddings = inInputOrder(() -> body.embeddingsInInputOrder(expected), response.requestId());
        TokenUsage usage = body.usage() == null
                ? null
                : new TokenUsage(body.usage().promptTokens(), null, body.usage().totalTokens());
        return new BatchResult(embeddings, usage, body.model());
    }

    private static BatchResult toNativeBatchResult(
            QwenClient.Result<NativeEmbeddingResponseBody> response, int expected) {
        NativeEmbeddingResponseBody body = response.body();
        List<Embedding> embeddings = inInputOrder(() -> body.embeddingsInInputOrder(expected), response.requestId());
        Integer tokens = body.usage() == null ? null : body.usage().totalTokens();
        return new BatchResult(embeddings, tokens == null ? null : new TokenUsage(tokens, null, tokens), null);
    }

    /** The vectors a body holds, or a malformed-response error naming the request when it does not hold them. */
    private static List<Embedding> inInputOrder(Supplier<List<Embedding>> vectors, String requestId) {
        try {
            return vectors.get();
        } catch (IllegalStateException e) {
            throw ErrorMapper.malformed(e.getMessage(), requestId, null);
        }
    }

    /** "input 3" or "inputs 0 to 9": the inputs {@code from} (inclusive) to {@code to} (exclusive). */
    static String inputs(int from, int to) {
        return to - from == 1 ? "input " + from : "inputs " + from + " to " + (to - 1);
    }

    /** The same kind of exception, with a message that says which inputs failed and that nothing is returned. */
    static RuntimeException withInputRange(RuntimeException e, int from, int to, int batchCount) {
        String message = "Embedding " + inputs(from, to) + " failed"
                + (batchCount > 1 ? " (one of " + batchCount + " batches; no embeddings are returned)" : "")
                + ": " + e.getMessage();
        if (e instanceof ContentFilteredException) {
            return new ContentFilteredException(message, e);
        } else if (e instanceof ModelNotFoundException) {
            return new ModelNotFoundException(message, e);
        } else if (e instanceof InvalidRequestException) {
            return new InvalidRequestException(message, e);
        } else if (e instanceof AuthenticationException) {
            return new AuthenticationException(message, e);
        } else if (e instanceof RateLimitException) {
            return new RateLimitException(message, e);
        } else if (e instanceof InternalServerException) {
            return new InternalServerException(message, e);
        } else if (e instanceof TimeoutException) {
            return new TimeoutException(message, e);
        } else if (e instanceof RetriableException) {
            return new RetriableException(message, e);
        } else if (e instanceof UnsupportedFeatureException) {
            return e;
        }
        return new LangChain4jException(message, e);
    }

    private static void awaitQuietly(ExecutorService pool, AtomicReference<RuntimeException> failure) {
        try {
            while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
                // in-flight requests are bounded by the read timeout; keep waiting so no thread outlives the call
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
            failure.compareAndSet(null, new LangChain4jException("Interrupted while embedding", e));
        }
    }

    /**
     * Waits for the worker threads themselves to end: the pool reports termination from inside its last worker,
     * before that thread has exited, so awaiting termination alone lets a worker outlive the call briefly.
     */
    private static void joinQuietly(List<Thread> threads, AtomicReference<RuntimeException> failure) {
        try {
            for (Thread thread : threads) {
                thread.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure.compareAndSet(null, new LangChain4jException("Interrupted while embedding", e));
        }
    }

    private static ThreadFactory daemonThreads(List<Thread> created) {
        return runnable -> {
            Thread thread = new Thread(runnable, "qwen-embeddings-" + THREAD_COUNTER.incrementAndGet());
            thread.setDaemon(true);
            created.add(thread);
            return thread;
        };
    }

    private record BatchResult(List<Embedding> embeddings, TokenUsage usage, String model) {}
}
