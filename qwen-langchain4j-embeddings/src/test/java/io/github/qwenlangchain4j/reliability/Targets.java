package io.github.qwenlangchain4j.reliability;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import io.github.qwenlangchain4j.QwenChatModel;
import io.github.qwenlangchain4j.QwenStreamingChatModel;
import io.github.qwenlangchain4j.embedding.QwenEmbeddingModel;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** The three kinds of call the reliability tests make, each reduced to one {@link Outcome}. */
enum Targets {
    SYNC_CHAT,
    STREAMING_CHAT,
    EMBEDDINGS;

    /** A distinctive fake key, so that the tests can check it never leaks. */
    static final String API_KEY = "sk-rel-SECRET-5f3c2a91d0b7e4";

    /**
     * What one call ended with: a result summary or an error, the number of terminal callbacks (streams; 1 for
     * sync calls) and the wall time.
     */
    record Outcome(String result, Throwable error, int terminalCalls, long partialChars, Duration elapsed) {}

    /** Makes one call of this kind and waits for its outcome (streams: up to {@code maxWait}, then one more beat). */
    Outcome call(String baseUrl, Duration timeout, int maxRetries, Duration maxWait) throws InterruptedException {
        long start = System.nanoTime();
        switch (this) {
            case SYNC_CHAT -> {
                QwenChatModel model = QwenChatModel.builder()
                        .apiKey(API_KEY)
                        .baseUrl(baseUrl)
                        .timeout(timeout)
                        .maxRetries(maxRetries)
                        .build();
                try {
                    String text = model.chat(dev.langchain4j.data.message.UserMessage.from("hello"))
                            .aiMessage()
                            .text();
                    return new Outcome(summary(text), null, 1, 0, since(start));
                } catch (RuntimeException e) {
                    return new Outcome(null, e, 1, 0, since(start));
                }
            }
            case EMBEDDINGS -> {
                // rateLimitPatience off: the matrix checks the maxRetries policy every transport shares; riding
                // out rate limits is QwenEmbeddingModelRateLimitTest's
                QwenEmbeddingModel model = QwenEmbeddingModel.builder()
                        .apiKey(API_KEY)
                        .baseUrl(baseUrl)
                        .timeout(timeout)
                        .maxRetries(maxRetries)
                        .rateLimitPatience(Duration.ZERO)
                        .build();
                try {
                    Embedding embedding = model.embed("hello").content();
                    return new Outcome("dimensions=" + embedding.dimension(), null, 1, 0, since(start));
                } catch (RuntimeException e) {
                    return new Outcome(null, e, 1, 0, since(start));
                }
            }
            default -> {
                QwenStreamingChatModel model = QwenStreamingChatModel.builder()
                        .apiKey(API_KEY)
                        .baseUrl(baseUrl)
                        .timeout(timeout)
                        .maxRetries(maxRetries)
                        .build();
                CountingHandler handler = new CountingHandler();
                model.chat("hello", handler);
                handler.await(maxWait);
                Duration elapsed = since(start);
                Thread.sleep(150); // a second terminal callback, if there were one, would come now
                return new Outcome(
                        handler.response.get() == null
                                ? null
                                : summary(handler.response.get().aiMessage().text()),
                        handler.error.get(),
                        handler.terminalCalls.get(),
                        handler.partialChars.get(),
                        elapsed);
            }
        }
    }

    private static String summary(String text) {
        return text != null && text.length() > 1000 ? "length=" + text.length() : text;
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Counts terminal callbacks and streamed characters without keeping the partials (a stream may be 20 MB). */
    static final class CountingHandler implements StreamingChatResponseHandler {

        final AtomicInteger terminalCalls = new AtomicInteger();
        final AtomicLong partialChars = new AtomicLong();
        final AtomicReference<ChatResponse> response = new AtomicReference<>();
        final AtomicReference<Throwable> error = new AtomicReference<>();
        private final CountDownLatch done = new CountDownLatch(1);

        @Override
        public void onPartialResponse(PartialResponse partialResponse, PartialResponseContext context) {
            partialChars.addAndGet(partialResponse.text().length());
        }

        @Override
        public void onCompleteResponse(ChatResponse completeResponse) {
            terminalCalls.incrementAndGet();
            response.compareAndSet(null, completeResponse);
            done.countDown();
        }

        @Override
        public void onError(Throwable throwable) {
            terminalCalls.incrementAndGet();
            error.compareAndSet(null, throwable);
            done.countDown();
        }

        boolean await(Duration maxWait) throws InterruptedException {
            return done.await(maxWait.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
