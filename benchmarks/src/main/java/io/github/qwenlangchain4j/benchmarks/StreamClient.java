package io.github.qwenlangchain4j.benchmarks;

import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Child JVM of {@link ConcurrentStreamsBenchmark}, streaming mode: what a chat backend does when N users ask at once.
 * It builds ONE streaming model, warms it up (rounds of concurrent streams the server answers at once, then a pause:
 * classes, JIT, pooled connections, as in a server that has been up a while; see {@link #WARMUP_ROUNDS}), then starts
 * N streams from this one thread (or {@link #CALLERS} threads), back to back, as request threads would call
 * {@code chat(request, handler)} (which returns at once), and records each stream's time to first token
 * ({@code onPartialResponse}) and completion. It prints one {@link RunResult} line and returns from {@code main}: the
 * parent notes whether the JVM then exits by itself.
 *
 * <p>Arguments: {@code client transport baseUrl streams timeoutSeconds}.
 */
public final class StreamClient {

    /**
     * Warm-up before the measured calls ({@code streams.warmup.rounds} x {@code streams.warmup.streams}, then a pause of
     * {@code streams.warmup.pause} ms): enough that the JIT has compiled the hot paths and is done, as in a backend that
     * has been up a while. With 3 x 20 and no pause, C2 compilation took 30-45 % of the client's CPU during the measured
     * burst (async-profiler, JDK 17 and 25).
     */
    static final int WARMUP_ROUNDS = Integer.getInteger("streams.warmup.rounds", 100);

    static final int WARMUP_STREAMS = Integer.getInteger("streams.warmup.streams", 50);
    static final long WARMUP_PAUSE_MILLIS = Long.getLong("streams.warmup.pause", 2_000);

    /**
     * Threads that start the streams ({@code streams.callers}, default 1): one starts them back to back; more start
     * them as the request threads of a web backend do, each its share, all at once.
     */
    static final int CALLERS = Integer.getInteger("streams.callers", 1);

    private StreamClient() {}

    private static void startStreams(StreamingChatModel model, ClientRun run, int first, int step, int streams) {
        for (int i = first; i < streams; i += step) {
            run.started(i);
            model.chat(Benchmarks.QUESTION, recorder(run, i));
        }
    }

    public static void main(String[] args) throws Exception {
        String client = args[0];
        String transport = args[1];
        String baseUrl = args[2];
        int streams = Integer.parseInt(args[3]);
        Duration timeout = Duration.ofSeconds(Long.parseLong(args[4]));
        StreamingChatModel model = ClientModels.streaming(client, baseUrl, transport);
        warmUp(model);
        Thread.sleep(WARMUP_PAUSE_MILLIS);

        ClientRun run = new ClientRun(streams);
        run.beforeStart();
        if (CALLERS == 1) {
            startStreams(model, run, 0, 1, streams);
        } else {
            // request threads of a web backend: each starts every CALLERS-th stream
            Thread[] callers = new Thread[CALLERS];
            for (int c = 0; c < CALLERS; c++) {
                int first = c;
                callers[c] = new Thread(() -> startStreams(model, run, first, CALLERS, streams), "caller-" + c);
                callers[c].start();
            }
            for (Thread caller : callers) {
                caller.join();
            }
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
