package io.github.qwenlangchain4j.benchmarks;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.github.qwenlangchain4j.QwenChatModel;
import io.github.qwenlangchain4j.QwenStreamingChatModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Loops one client's call against the same local servers as {@link Benchmarks}' {@code sync} and {@code streaming}
 * scenarios, for a profiler to watch (not a benchmark: it prints a median only as a sanity check). Run it under JFR:
 *
 * <pre>
 * java -XX:StartFlightRecording=filename=sync.jfr,settings=profile -cp ... \
 *     io.github.qwenlangchain4j.benchmarks.ProfileDriver sync 30
 * </pre>
 *
 * <p>Modes: {@code sync} (our {@code ChatModel.chat}), {@code bare} (the bare OkHttp POST the sync benchmark uses
 * as its floor), {@code bare-headers} (the same with the two headers our client adds: {@code User-Agent} and
 * {@code Accept}), {@code openai} (langchain4j-open-ai's {@code chat}), {@code stream} (our 5,000-chunk stream to
 * {@code onCompleteResponse}), {@code openai-stream} (langchain4j-open-ai's). Sync modes joined by commas
 * ({@code sync,bare,openai}) are called one after the other, as the sync benchmark does ({@code -Dshuffle=true}
 * shuffles each round). The second argument is the number of seconds to loop after a 5-second warm-up.
 */
public final class ProfileDriver {

    private static final String KEY = Benchmarks.KEY;
    private static final ChatRequest QUESTION = Benchmarks.QUESTION;

    private ProfileDriver() {}

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "sync";
        long seconds = args.length > 1 ? Long.parseLong(args[1]) : 20;
        boolean streaming = mode.endsWith("stream");
        byte[] body = streaming ? Payloads.stream(5_000) : Payloads.CHAT_COMPLETION;
        String contentType = streaming ? "text/event-stream" : "application/json";
        try (BenchServer server = new BenchServer(exchange -> BenchServer.send(exchange, contentType, body))) {
            if (mode.contains(",")) {
                mix(mode.split(","), server.baseUrl(), seconds, Boolean.getBoolean("shuffle"));
                System.exit(0);
            }
            Runnable call = call(mode, server.baseUrl());
            loop(call, 5, false);
            loop(call, seconds, true);
        }
        System.exit(0); // the OpenAI module's JDK HTTP client keeps non-daemon threads alive
    }

    /** Calls the given clients one after the other, as the sync benchmark does; {@code -Dshuffle=true} shuffles each round. */
    private static void mix(String[] modes, String baseUrl, long seconds, boolean shuffle) {
        Runnable[] calls = new Runnable[modes.length];
        for (int i = 0; i < modes.length; i++) {
            calls[i] = call(modes[i], baseUrl);
            for (int w = 0; w < 3_000; w++) {
                calls[i].run();
            }
        }
        double[][] micros = new double[modes.length][1 << 20];
        double[][] cpu = new double[modes.length][1 << 20];
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        int n = 0;
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < modes.length; i++) {
            order.add(i);
        }
        java.util.Random random = new java.util.Random(14);
        while (System.nanoTime() < end && n < micros[0].length) {
            if (shuffle) {
                java.util.Collections.shuffle(order, random);
            }
            for (int i : order) {
                long cpuStart = threads.getCurrentThreadCpuTime();
                long start = System.nanoTime();
                calls[i].run();
                micros[i][n] = (System.nanoTime() - start) / 1_000.0;
                cpu[i][n] = (threads.getCurrentThreadCpuTime() - cpuStart) / 1_000.0;
            }
            n++;
        }
        for (int i = 0; i < modes.length; i++) {
            System.out.printf(
                    "%s: %d calls, median %.1f µs, calling thread's CPU median %.1f µs%n",
                    modes[i],
                    n,
                    Benchmarks.median(Arrays.copyOf(micros[i], n)),
                    Benchmarks.median(Arrays.copyOf(cpu[i], n)));
        }
    }

    private static Runnable call(String mode, String baseUrl) {
        switch (mode) {
            case "sync" -> {
                ChatModel ours =
                        QwenChatModel.builder().apiKey(KEY).baseUrl(baseUrl).build();
                return () -> ours.chat(QUESTION);
            }
            case "bare", "bare-headers" -> {
                return Benchmarks.bareCall(baseUrl, mode.equals("bare-headers"));
            }
            case "stream" -> {
                StreamingChatModel ours = QwenStreamingChatModel.builder()
                        .apiKey(KEY)
                        .baseUrl(baseUrl)
                        .build();
                return () -> Benchmarks.stream(ours);
            }
            case "openai" -> {
                ChatModel openAi = dev.langchain4j.model.openai.OpenAiChatModel.builder()
                        .apiKey(KEY)
                        .baseUrl(baseUrl)
                        .modelName("qwen-plus")
                        .build();
                return () -> openAi.chat(QUESTION);
            }
            case "openai-stream" -> {
                StreamingChatModel openAi = OpenAiStreamingChatModel.builder()
                        .apiKey(KEY)
                        .baseUrl(baseUrl)
                        .modelName("qwen-plus")
                        .build();
                return () -> Benchmarks.stream(openAi);
            }
            default -> throw new IllegalArgumentException("mode: sync, bare, stream or openai-stream, not " + mode);
        }
    }

    private static void loop(Runnable call, long seconds, boolean report) {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        double[] micros = new double[1 << 20];
        int n = 0;
        com.sun.management.ThreadMXBean allocations = (com.sun.management.ThreadMXBean) threads;
        long allocatedStart = allocations.getCurrentThreadAllocatedBytes();
        long cpuStart = threads.getCurrentThreadCpuTime();
        while (System.nanoTime() < end && n < micros.length) {
            long start = System.nanoTime();
            call.run();
            micros[n++] = (System.nanoTime() - start) / 1_000.0;
        }
        long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
        long allocated = allocations.getCurrentThreadAllocatedBytes() - allocatedStart;
        if (report) {
            // the calling thread's CPU time and allocation per call: what the client itself spends, apart from the
            // server's work (a stream's parsing runs on OkHttp's thread, not the calling one)
            System.out.printf(
                    "%d calls, median %.1f µs, calling thread's CPU %.1f µs and %,d bytes per call%n",
                    n, Benchmarks.median(Arrays.copyOf(micros, n)), cpu / 1_000.0 / n, allocated / n);
        }
    }
}
