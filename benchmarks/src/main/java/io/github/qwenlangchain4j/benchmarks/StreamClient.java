package io.github.qwenlangchain4j.benchmarks;

import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Child JVM of {@link ConcurrentStreamsBenchmark}, streaming mode: what a chat backend does when N users ask at once.
 * It builds ONE streaming model, warms it up ({@value #WARMUP_ROUNDS} rounds of {@value #WARMUP_STREAMS} concurrent
 * streams the server answers at once: classes, JIT, pooled connections, as in a server that has been up a while),
 * then starts N streams from this one thread, back to back, as request threads would call
 * {@code chat(request, handler)} (which returns at once), and records each stream's time to first token
 * ({@code onPartialResponse}) and completion. It prints one {@link RunResult} line and returns from {@code main}: the
 * parent notes whether the JVM then exits by itself.
 *
 * <p>Arguments: {@code client transport baseUrl streams timeoutSeconds}.
 */
public final class StreamClient {

    static final int WARMUP_ROUNDS = 3;
    static final int WARMUP_STREAMS = 20;

    private StreamClient() {}

    public static void main(String[] args) throws Exception {
        String client = args[0];
        String transport = args[1];
        String baseUrl = args[2];
        int streams = Integer.parseInt(args[3]);
        Duration timeout = Duration.ofSeconds(Long.parseLong(args[4]));
        StreamingChatModel model = ClientModels.streaming(client, baseUrl, transport);
        warmUp(model);

        ClientRun run = new ClientRun(streams);
        run.beforeStart();
        for (int i = 0; i < streams; i++) {
            run.started(i);
            model.chat(Benchmarks.QUESTION, recorder(run, i));
        }
        run.allStarted();
        run.sampleOpenHeap(true);
        run.awaitEnd(timeout);
        System.out.println(run.result(true).toLine());
    }

    private static void warmUp(StreamingChatModel model) throws Exception {
        for (int round = 0; round < WARMUP_ROUNDS; round++) {
            CompletableFuture<?>[] done = new CompletableFuture<?>[WARMUP_STREAMS];
            for (int i = 0; i < WARMUP_STREAMS; i++) {
                CompletableFuture<ChatResponse> response = new CompletableFuture<>();
                done[i] = response;
                model.chat(ClientModels.WARMUP, new StreamingChatResponseHandler() {
                    @Override
                    public void onCompleteResponse(ChatResponse completeResponse) {
                        response.complete(completeResponse);
                    }

                    @Override
                    public void onError(Throwable error) {
                        response.completeExceptionally(error);
                    }
                });
            }
            CompletableFuture.allOf(done).get(1, TimeUnit.MINUTES);
        }
    }

    private static StreamingChatResponseHandler recorder(ClientRun run, int stream) {
        return new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partialResponse) {
                run.token(stream);
            }

            @Override
            public void onCompleteResponse(ChatResponse completeResponse) {
                run.completed(stream);
            }

            @Override
            public void onError(Throwable error) {
                run.failed(stream, error);
            }
        };
    }
}
