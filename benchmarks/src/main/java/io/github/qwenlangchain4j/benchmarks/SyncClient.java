package io.github.qwenlangchain4j.benchmarks;

import dev.langchain4j.model.chat.ChatModel;
import java.time.Duration;
import java.util.concurrent.ThreadFactory;

/**
 * Child JVM of {@link ConcurrentStreamsBenchmark}, sync mode: N blocking {@code chat()} calls at once, each on its
 * own thread, against a server that answers after 5 s, as a thread-per-request backend would make them. The threads
 * are platform threads or, on JDK 21+, virtual threads (made by reflection: the project compiles for Java 17), which
 * is where a blocking client must not pin or serialise its callers. Records each call's duration and the heap while
 * all are open; warms up first as {@link StreamClient#WARMUP_ROUNDS} says, with rounds of
 * concurrent calls the server answers at once.
 *
 * <p>Arguments: {@code client transport baseUrl calls platform|virtual timeoutSeconds}.
 */
public final class SyncClient {

    private SyncClient() {}

    public static void main(String[] args) throws Exception {
        String client = args[0];
        String transport = args[1];
        String baseUrl = args[2];
        int calls = Integer.parseInt(args[3]);
        ThreadFactory threads = threads(args[4]);
        Duration timeout = Duration.ofSeconds(Long.parseLong(args[5]));
        ChatModel model = ClientModels.sync(client, baseUrl, transport);
        for (int round = 0; round < StreamClient.WARMUP_ROUNDS; round++) {
            Thread[] warmup = new Thread[StreamClient.WARMUP_STREAMS];
            for (int i = 0; i < warmup.length; i++) {
                warmup[i] = threads.newThread(() -> model.chat(ClientModels.WARMUP));
                warmup[i].start();
            }
            for (Thread thread : warmup) {
                thread.join();
            }
        }
        Thread.sleep(StreamClient.WARMUP_PAUSE_MILLIS);

        ClientRun run = new ClientRun(calls);
        run.beforeStart();
        for (int i = 0; i < calls; i++) {
            int call = i;
            threads.newThread(() -> {
                        run.started(call);
                        try {
                            model.chat(Benchmarks.QUESTION);
                            run.completed(call);
                        } catch (RuntimeException e) {
                            run.failed(call, e);
                        }
                    })
                    .start();
        }
        run.allStarted();
        run.sampleOpenHeap(false);
        run.awaitEnd(timeout);
        System.out.println(run.result(false).toLine());
    }

    /** Daemon platform threads, or virtual threads through {@code Thread.ofVirtual().factory()}. */
    private static ThreadFactory threads(String kind) throws ReflectiveOperationException {
        return switch (kind) {
            case "platform" ->
                runnable -> {
                    Thread thread = new Thread(runnable, "sync-call");
                    thread.setDaemon(true);
                    return thread;
                };
            case "virtual" ->
                (ThreadFactory) Class.forName("java.lang.Thread$Builder")
                        .getMethod("factory")
                        .invoke(Thread.class.getMethod("ofVirtual").invoke(null));
            default -> throw new IllegalArgumentException("threads are platform or virtual, not " + kind);
        };
    }
}
