package io.github.qwenlangchain4j.benchmarks;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;
import io.github.qwenlangchain4j.embedding.QwenEmbeddingModel;
import io.github.qwenlangchain4j.testkit.QwenMockServer;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Runs every benchmark of the project side by side with langchain4j-open-ai, on the same local servers, in one
 * run, and prints a Markdown table of medians and ratios. Whole calls are timed with a plain harness (warm-up
 * first, then several rounds alternating the clients); JMH would add nothing for calls that take milliseconds.
 *
 * <p>{@code -Drounds=N} changes the number of rounds (default 5); {@code -Dquick=true} skips the 10,000-segment
 * ingestion (the OpenAI module needs about 100 s for it) and runs the rate-limit benchmark with 2,000 segments.
 * {@code -Donly=a,b} runs only the named benchmarks: {@value #NAMES}.
 *
 * <p>The sync benchmark ({@code sync}) shuffles the three clients' order in each round and runs
 * {@code -Dsync.warmup} interleaved rounds (default 20,000) before the measured ones.
 *
 * <p>The rate-limit benchmark ({@code ratelimit}) has its own switches: {@code -Dratelimit.rps} (admitted requests
 * per second, default 40), {@code -Dratelimit.burst} (requests the bucket holds, default a quarter second's worth; 1 is strict pacing), {@code -Dratelimit.segments} (default 10,000; 2,000 with
 * {@code -Dquick=true}) and {@code -Dratelimit.rounds} (default 1: a run takes at least segments / 10 / rps
 * seconds, and the OpenAI module's sequential batches take 0.1 s each).
 */
public final class Benchmarks {

    private static final int ROUNDS = Integer.getInteger("rounds", 5);
    private static final boolean QUICK = Boolean.getBoolean("quick");
    /** The names {@code -Donly} accepts. */
    static final String NAMES =
            "ingestion, streaming, ttft, sync, concurrency, ratelimit, batchscale, coldstart, tokenizer";
    /** {@code -Donly=streaming,sync} runs only these benchmarks (see {@link #NAMES}). */
    private static final String ONLY = System.getProperty("only", "");
    /** Rounds of the sync benchmark's interleaved calls run before the measured ones ({@code -Dsync.warmup}). */
    private static final int SYNC_WARMUP = Integer.getInteger("sync.warmup", 20_000);

    private static final int RATELIMIT_RPS = Integer.getInteger("ratelimit.rps", 40);
    /**
     * Requests the bucket holds: default a quarter of a second's worth (Qwen refuses bursts, limit_burst_rate, but
     * counts its limits per minute); 1 is strict pacing.
     */
    private static final int RATELIMIT_BURST = Integer.getInteger("ratelimit.burst", Math.max(1, RATELIMIT_RPS / 4));

    private static final int RATELIMIT_SEGMENTS = Integer.getInteger("ratelimit.segments", QUICK ? 2_000 : 10_000);
    private static final int RATELIMIT_ROUNDS = Integer.getInteger("ratelimit.rounds", 1);
    static final String KEY = "sk-bench";
    static final ChatRequest QUESTION =
            ChatRequest.builder().messages(UserMessage.from("Who are you?")).build();

    private final List<Row> rows = new ArrayList<>();

    /** One line of the results table. */
    record Row(String benchmark, String ours, String openAi, String floor, String ratio, String target, boolean met) {}

    public static void main(String[] args) throws Exception {
        List<String> names = Arrays.asList(NAMES.split(", "));
        for (String name : ONLY.isBlank() ? new String[0] : ONLY.split(",")) {
            if (!names.contains(name.trim())) {
                System.err.println("Unknown benchmark '" + name + "' in -Donly; the benchmarks are: " + NAMES);
                System.exit(2);
            }
        }
        Benchmarks benchmarks = new Benchmarks();
        System.out.printf(
                "qwen-langchain4j benchmarks, %s, %d cores, Java %s, %d rounds%n%n",
                LocalDate.now(),
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"),
                ROUNDS);
        if (selected("ingestion")) {
            benchmarks.ingestion(1_000);
            if (!QUICK) {
                benchmarks.ingestion(10_000);
            }
        }
        if (selected("streaming")) {
            benchmarks.streaming();
        }
        if (selected("ttft")) {
            benchmarks.timeToFirstToken();
        }
        if (selected("sync")) {
            benchmarks.syncOverhead();
        }
        if (selected("concurrency")) {
            benchmarks.concurrency();
        }
        if (selected("ratelimit")) {
            benchmarks.rateLimit(RATELIMIT_SEGMENTS, RATELIMIT_RPS, RATELIMIT_ROUNDS);
        }
        if (selected("batchscale")) {
            benchmarks.rows.addAll(BatchScaleBenchmark.run()); // child JVMs with -Xmx256m, see the class
        }
        if (selected("coldstart")) {
            benchmarks.rows.addAll(new ColdStartBenchmark().run());
        }
        if (selected("tokenizer")) {
            benchmarks.rows.addAll(TokenizerBenchmark.run()); // QwenTokenCountEstimator beside JTokkit, see the class
        }
        benchmarks.print();
        System.exit(0); // the OpenAI module's JDK HTTP client keeps non-daemon threads alive
    }

    private static boolean selected(String benchmark) {
        return ONLY.isBlank()
                || Arrays.stream(ONLY.split(",")).map(String::trim).anyMatch(benchmark::equals);
    }

    // ---- 1. embedding ingestion

    private void ingestion(int segments) throws Exception {
        List<TextSegment> texts = new ArrayList<>(segments);
        for (int i = 0; i < segments; i++) {
            texts.add(TextSegment.from("Segment " + i + " of the corpus, about Qwen, regions and embeddings."));
        }
        try (QwenMockServer server = QwenMockServer.builder()
                .apiKey(KEY)
                .latency(Duration.ofMillis(100))
                .start()) {
            QwenEmbeddingModel ours = QwenEmbeddingModel.builder()
                    .apiKey(KEY)
                    .baseUrl(server.baseUrl())
                    .build();
            EmbeddingModel openAi = OpenAiEmbeddingModel.builder()
                    .apiKey(KEY)
                    .baseUrl(server.baseUrl())
                    .modelName("text-embedding-v4")
                    .maxSegmentsPerBatch(10)
                    .build();
            ours.embedAll(texts.subList(0, 100)); // warm-up: connections, JIT
            openAi.embedAll(texts.subList(0, 20));
            int oursRounds = segments > 1_000 ? 1 : Math.max(1, ROUNDS / 2);
            int openAiRounds = 1; // 10 s per 1,000 segments: one round is already the slowest part of the run
            double[] oursSeconds = new double[oursRounds];
            double openAiSeconds = 0;
            for (int round = 0; round < oursRounds; round++) {
                oursSeconds[round] = seconds(() -> ours.embedAll(texts));
                if (round < openAiRounds) {
                    openAiSeconds = seconds(() -> openAi.embedAll(texts));
                }
            }
            int requests = (segments + 9) / 10;
            double floor = Math.ceil(requests / (double) QwenEmbeddingModel.DEFAULT_MAX_CONCURRENT_REQUESTS) * 0.1;
            double median = median(oursSeconds);
            double speedup = openAiSeconds / median;
            rows.add(new Row(
                    String.format("Ingestion, %,d segments (100 ms/request, 10 inputs/request)", segments),
                    String.format("%.2f s", median),
                    String.format("%.2f s", openAiSeconds),
                    String.format("%.2f s (concurrency 8)", floor),
                    String.format("%.1fx faster; %.2fx the floor", speedup, median / floor),
                    ">= 6x faster, <= 1.25x floor",
                    speedup >= 6 && median / floor <= 1.25));
        }
    }

    // ---- 2. streaming throughput and allocation

    private void streaming() throws Exception {
        byte[] body = Payloads.stream(5_000);
        try (BenchServer server = new BenchServer(exchange -> BenchServer.send(exchange, "text/event-stream", body))) {
            StreamingChatModel ours = ClientModels.streaming("qwen", server.baseUrl(), "h1");
            StreamingChatModel openAi = ClientModels.streaming("openai", server.baseUrl(), "h1");
            for (int i = 0; i < 30; i++) {
                stream(ours);
                stream(openAi);
            }
            int calls = 20;
            double[] oursMs = new double[ROUNDS * calls];
            double[] openAiMs = new double[ROUNDS * calls];
            long oursBytes = 0;
            long openAiBytes = 0;
            for (int round = 0, n = 0; round < ROUNDS; round++) {
                for (int i = 0; i < calls; i++, n++) {
                    Map<Long, Long> before = allocationByThread();
                    oursMs[n] = millis(() -> stream(ours));
                    oursBytes += allocatedSince(before);
                    before = allocationByThread();
                    openAiMs[n] = millis(() -> stream(openAi));
                    openAiBytes += allocatedSince(before);
                }
            }
            double ratio = median(oursMs) / median(openAiMs);
            rows.add(new Row(
                    "Streaming 5,000 chunks: median time to onCompleteResponse",
                    String.format("%.1f ms", median(oursMs)),
                    String.format("%.1f ms", median(openAiMs)),
                    "-",
                    String.format("%.2fx", ratio),
                    "<= 0.85x",
                    ratio <= 0.85));
            long perChunkOurs = oursBytes / (ROUNDS * calls * 5_000L);
            long perChunkOpenAi = openAiBytes / (ROUNDS * calls * 5_000L);
            rows.add(new Row(
                    "Streaming 5,000 chunks: bytes allocated per chunk (all threads)",
                    String.format("%,d B", perChunkOurs),
                    String.format("%,d B", perChunkOpenAi),
                    "-",
                    String.format("%.2fx", perChunkOurs / (double) perChunkOpenAi),
                    "<= 1x",
                    perChunkOurs <= perChunkOpenAi));
        }
    }

    static void stream(StreamingChatModel model) {
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        model.chat(QUESTION, handler(done, null));
        join(done);
    }

    // ---- 3. time to first token

    private void timeToFirstToken() throws Exception {
        AtomicLong firstChunkSent = new AtomicLong();
        byte[] first = Payloads.chunk("Hello", null).getBytes(StandardCharsets.UTF_8);
        byte[] rest = (Payloads.chunk(" world", null) + Payloads.chunk("", "stop") + Payloads.USAGE_AND_DONE)
                .getBytes(StandardCharsets.UTF_8);
        try (BenchServer server = new BenchServer(exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write(first);
            out.flush();
            firstChunkSent.set(System.nanoTime());
            Thread.sleep(500);
            out.write(rest);
            out.flush();
        })) {
            StreamingChatModel ours = ClientModels.streaming("qwen", server.baseUrl(), "h1");
            StreamingChatModel openAi = ClientModels.streaming("openai", server.baseUrl(), "h1");
            int calls = Math.max(4, ROUNDS);
            double[] oursMs = new double[calls];
            double[] openAiMs = new double[calls];
            firstToken(ours, firstChunkSent); // warm-up
            firstToken(openAi, firstChunkSent);
            for (int i = 0; i < calls; i++) {
                oursMs[i] = firstToken(ours, firstChunkSent);
                openAiMs[i] = firstToken(openAi, firstChunkSent);
            }
            double median = median(oursMs);
            rows.add(new Row(
                    "Time to first token (first chunk, then 500 ms pause)",
                    String.format("%.2f ms", median),
                    String.format("%.2f ms", median(openAiMs)),
                    "0 ms",
                    "-",
                    "<= 5 ms after the chunk is sent",
                    median <= 5));
        }
    }

    private static double firstToken(StreamingChatModel model, AtomicLong firstChunkSent) {
        AtomicLong firstPartial = new AtomicLong();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        model.chat(QUESTION, handler(done, firstPartial));
        join(done);
        return (firstPartial.get() - firstChunkSent.get()) / 1e6;
    }

    // ---- 4. sync overhead

    private void syncOverhead() throws Exception {
        try (BenchServer server =
                new BenchServer(exchange -> BenchServer.send(exchange, "application/json", Payloads.CHAT_COMPLETION))) {
            ChatModel ours = ClientModels.sync("qwen", server.baseUrl(), "h1");
            ChatModel openAi = ClientModels.sync("openai", server.baseUrl(), "h1");
            Runnable oursCall = () -> ours.chat(QUESTION);
            Runnable openAiCall = () -> openAi.chat(QUESTION);
            Runnable bareCall = bareCall(server.baseUrl(), false);
            // one call of each client in turn, each timed on its own: on a shared machine the load drifts, and
            // blocks of calls would give one client a quiet second and another a busy one. The order of each round of
            // three is shuffled (seeded, so every run uses the same orders), so that each client follows each other
            // one equally often: on 2 cores a call's time depends on the call before it, and the fixed order this
            // benchmark had gave the place right after the OpenAI module's call to the bare POST every time, which
            // flattered our ratio.
            // The warm-up runs the same interleaving for SYNC_WARMUP rounds: with 3,000 calls of each client the JIT
            // was still compiling (on the same 2 cores) well into the measured calls, which showed as ratios that
            // drifted from run to run.
            Runnable[] clients = {oursCall, openAiCall, bareCall};
            int calls = ROUNDS * 2_000;
            double[][] micros = new double[clients.length][calls];
            List<Integer> order = new ArrayList<>(List.of(0, 1, 2));
            java.util.Random random = new java.util.Random(14);
            for (int n = -SYNC_WARMUP; n < calls; n++) {
                java.util.Collections.shuffle(order, random);
                for (int client : order) {
                    long start = System.nanoTime();
                    clients[client].run();
                    if (n >= 0) {
                        micros[client][n] = (System.nanoTime() - start) / 1_000.0;
                    }
                }
            }
            double[] oursUs = micros[0];
            double[] openAiUs = micros[1];
            double[] bareUs = micros[2];
            double ours_ = median(oursUs);
            double openAi_ = median(openAiUs);
            double bare_ = median(bareUs);
            rows.add(new Row(
                    "Sync call overhead, instant local server (per call)",
                    String.format("%.0f µs", ours_),
                    String.format("%.0f µs", openAi_),
                    String.format("%.0f µs (bare OkHttp POST)", bare_),
                    String.format("%.2fx OpenAI; %.2fx bare", ours_ / openAi_, ours_ / bare_),
                    "<= 0.9x OpenAI",
                    ours_ / openAi_ <= 0.9));
        }
    }

    /**
     * The sync benchmark's floor: a bare OkHttp POST of the same request, its response read as a string.
     *
     * @param withOurHeaders also send the two headers our client adds ({@code User-Agent} and {@code Accept}), to
     *                       measure what they cost
     */
    static Runnable bareCall(String baseUrl, boolean withOurHeaders) {
        OkHttpClient bare = new OkHttpClient();
        byte[] requestBody = "{\"model\":\"qwen-plus\",\"messages\":[{\"role\":\"user\",\"content\":\"Who are you?\"}]}"
                .getBytes(StandardCharsets.UTF_8);
        Request.Builder builder =
                new Request.Builder().url(baseUrl + "/chat/completions").header("Authorization", "Bearer " + KEY);
        if (withOurHeaders) {
            builder.header("User-Agent", "qwen-langchain4j/0.1.0").header("Accept", "application/json");
        }
        Request request = builder.post(RequestBody.create(requestBody, MediaType.get("application/json")))
                .build();
        return () -> {
            try (Response response = bare.newCall(request).execute()) {
                response.body().string();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }

    // ---- 5. concurrency

    private void concurrency() throws Exception {
        try (BenchServer server = new BenchServer(exchange -> {
            Thread.sleep(50);
            BenchServer.send(exchange, "application/json", Payloads.CHAT_COMPLETION);
        })) {
            ChatModel ours = ClientModels.sync("qwen", server.baseUrl(), "h1");
            ChatModel openAi = ClientModels.sync("openai", server.baseUrl(), "h1");
            int threads = 64;
            int callsPerThread = 10;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                parallel(pool, threads, 2, () -> ours.chat(QUESTION)); // warm-up
                parallel(pool, threads, 2, () -> openAi.chat(QUESTION));
                double[] oursRps = new double[ROUNDS];
                double[] openAiRps = new double[ROUNDS];
                int oursMaxInFlight = 0;
                for (int round = 0; round < ROUNDS; round++) {
                    server.resetMaxInFlight();
                    oursRps[round] = threads
                            * callsPerThread
                            / seconds(() -> parallel(pool, threads, callsPerThread, () -> ours.chat(QUESTION)));
                    oursMaxInFlight = Math.max(oursMaxInFlight, server.maxInFlight());
                    openAiRps[round] = threads
                            * callsPerThread
                            / seconds(() -> parallel(pool, threads, callsPerThread, () -> openAi.chat(QUESTION)));
                }
                double ratio = median(oursRps) / median(openAiRps);
                double ideal = threads / 0.05;
                rows.add(new Row(
                        "64 threads, 50 ms server latency: throughput",
                        String.format("%.0f calls/s", median(oursRps)),
                        String.format("%.0f calls/s", median(openAiRps)),
                        String.format("%.0f calls/s", ideal),
                        String.format("%.2fx OpenAI; up to %d in flight", ratio, oursMaxInFlight),
                        ">= 1x OpenAI, all 64 in flight",
                        ratio >= 1 && oursMaxInFlight >= threads));
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static void parallel(ExecutorService pool, int threads, int callsPerThread, Runnable call) {
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            pool.execute(() -> {
                try {
                    repeat(call, callsPerThread);
                } finally {
                    done.countDown();
                }
            });
        }
        try {
            if (!done.await(5, TimeUnit.MINUTES)) {
                throw new IllegalStateException("concurrency run did not finish");
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- 6. ingestion under a real rate limit

    /** One embedAll against the rate-limited server: its wall time, what the server counted, how it ended. */
    record RateLimitRun(double seconds, int served, int rejected, Throwable failure) {}

    private void rateLimit(int segments, int rps, int rounds) throws Exception {
        if (segments < 1 || rps < 1 || rounds < 1) {
            throw new IllegalArgumentException("ratelimit.segments, ratelimit.rps and ratelimit.rounds must be >= 1");
        }
        List<TextSegment> texts = new ArrayList<>(segments);
        for (int i = 0; i < segments; i++) {
            texts.add(TextSegment.from("Segment " + i + " of the corpus, about Qwen, regions and embeddings."));
        }
        int requests = (segments + RateLimitServer.MAX_INPUTS - 1) / RateLimitServer.MAX_INPUTS;
        long socketsBefore = openSockets();
        List<RateLimitRun> oursRuns = new ArrayList<>();
        List<RateLimitRun> openAiRuns = new ArrayList<>();
        try (RateLimitServer server = new RateLimitServer(rps, RATELIMIT_BURST, 100)) {
            // default settings: only the key, the base URL and the model name
            EmbeddingModel ours = QwenEmbeddingModel.builder()
                    .apiKey(KEY)
                    .baseUrl(server.baseUrl())
                    .modelName("text-embedding-v4")
                    .build();
            // as in the ingestion benchmark: defaults, but batches of 10 (its default of 2,048 inputs would be refused)
            EmbeddingModel openAi = OpenAiEmbeddingModel.builder()
                    .apiKey(KEY)
                    .baseUrl(server.baseUrl())
                    .modelName("text-embedding-v4")
                    .maxSegmentsPerBatch(10)
                    .build();
            // warm-up (connections, JIT) within the burst; the bucket is full again for each run
            rateLimitRun(server, ours, texts.subList(0, Math.min(segments, 50)));
            rateLimitRun(server, openAi, texts.subList(0, Math.min(segments, 20)));
            for (int round = 0; round < rounds; round++) {
                oursRuns.add(report("qwen-langchain4j", round, rateLimitRun(server, ours, texts)));
                openAiRuns.add(report("langchain4j-open-ai", round, rateLimitRun(server, openAi, texts)));
            }
        }
        int evicted = evictQwenIdleConnections();
        long serverThreads = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("bench-ratelimit-server")
                        || thread.getName().startsWith("HTTP-Dispatcher"))
                .count();
        System.out.printf(
                Locale.ROOT,
                "ratelimit: after the server closed: %d server threads, %d qwen-embeddings "
                        + "threads, sockets open %d before, %d after (%s)%n",
                serverThreads,
                embeddingThreads(),
                socketsBefore,
                openSockets(),
                evicted < 0
                        ? "could not evict the Qwen client's idle connections"
                        : "evicted " + evicted + " idle connections of the Qwen client to the closed server");

        double floor = requests / (double) rps;
        double oursSeconds =
                median(oursRuns.stream().mapToDouble(RateLimitRun::seconds).toArray());
        double openAiSeconds =
                median(openAiRuns.stream().mapToDouble(RateLimitRun::seconds).toArray());
        double oursRps = median(oursRuns.stream()
                .mapToDouble(run -> run.served() / run.seconds())
                .toArray());
        double openAiRps = median(openAiRuns.stream()
                .mapToDouble(run -> run.served() / run.seconds())
                .toArray());
        long oursFailed = oursRuns.stream().filter(run -> run.failure() != null).count();
        long openAiFailed =
                openAiRuns.stream().filter(run -> run.failure() != null).count();
        String name = String.format(
                "Ingestion under a rate limit, %,d segments (%d requests/s admitted, burst %d; "
                        + "100 ms/request, 10 inputs/request)",
                segments, rps, RATELIMIT_BURST);
        rows.add(new Row(
                name + ": wall time, throughput",
                rateLimitCell(oursSeconds, oursRps, rps, oursFailed),
                rateLimitCell(openAiSeconds, openAiRps, rps, openAiFailed),
                String.format("%.2f s (%,d requests / %d per s)", floor, requests, rps),
                String.format(
                        "%.2fx the floor%s; OpenAI %.2fx",
                        oursSeconds / floor, oursFailed > 0 ? " (until it failed)" : "", openAiSeconds / floor),
                "≥ 90 % of admitted rate, 0 failed calls",
                oursFailed == 0 && oursRps >= 0.9 * rps));
        String per = rounds > 1 ? " (median per run)" : "";
        rows.add(new Row(
                name + ": failed embedAll calls, 429s sent",
                failuresCell(oursRuns, per),
                failuresCell(openAiRuns, per),
                "0 failed",
                "-",
                "0 failed calls",
                oursFailed == 0));
    }

    private static RateLimitRun rateLimitRun(RateLimitServer server, EmbeddingModel model, List<TextSegment> texts)
            throws InterruptedException {
        server.reset();
        Throwable failure = null;
        long start = System.nanoTime();
        try {
            int embeddings = model.embedAll(texts).content().size();
            if (embeddings != texts.size()) {
                failure = new IllegalStateException(embeddings + " embeddings for " + texts.size() + " segments");
            }
        } catch (Exception e) {
            failure = e;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int served = server.served();
        // what the client still had in flight when the call ended counts in this run, not the next
        if (!server.awaitIdle(300, 30_000)) {
            System.out.println("ratelimit: the server still had requests 30 s after the call ended");
        }
        long leftover = 0;
        for (int i = 0; i < 100 && (leftover = embeddingThreads()) > 0; i++) {
            Thread.sleep(20);
        }
        if (leftover > 0) {
            System.out.println("ratelimit: " + leftover + " qwen-embeddings threads outlived embedAll");
        }
        return new RateLimitRun(seconds, served, server.rejected(), failure);
    }

    private static RateLimitRun report(String client, int round, RateLimitRun run) {
        System.out.printf(
                Locale.ROOT,
                "ratelimit: %s, round %d: %.2f s, %d requests served, %d answered 429%s%n",
                client,
                round + 1,
                run.seconds(),
                run.served(),
                run.rejected(),
                run.failure() == null ? "" : ", embedAll failed: " + describe(run.failure(), Integer.MAX_VALUE));
        for (Throwable cause = run.failure() == null ? null : run.failure().getCause();
                cause != null;
                cause = cause.getCause()) {
            System.out.println("ratelimit:     caused by " + describe(cause, Integer.MAX_VALUE));
        }
        return run;
    }

    private static String rateLimitCell(double seconds, double rps, int admitted, long failed) {
        return String.format(
                Locale.ROOT,
                "%.2f s%s; %.1f requests/s (%.0f %% of admitted)",
                seconds,
                failed > 0 ? " (failed)" : "",
                rps,
                100 * rps / admitted);
    }

    private static String failuresCell(List<RateLimitRun> runs, String per) {
        long failed = runs.stream().filter(run -> run.failure() != null).count();
        double rejected =
                median(runs.stream().mapToDouble(RateLimitRun::rejected).toArray());
        String cell = String.format(Locale.ROOT, "%d of %d failed", failed, runs.size());
        Throwable first = runs.stream()
                .map(RateLimitRun::failure)
                .filter(f -> f != null)
                .findFirst()
                .orElse(null);
        if (first != null) {
            cell += " (" + describe(first, 160).replace("|", "\\|") + ")";
        }
        return cell + String.format(Locale.ROOT, "; %,.0f x 429%s", rejected, per);
    }

    /** The exception's simple type and its message on one line, cut at {@code max} characters. */
    private static String describe(Throwable failure, int max) {
        String message =
                failure.getMessage() == null ? "" : ": " + failure.getMessage().replaceAll("\\s+", " ");
        String text = failure.getClass().getSimpleName() + message;
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }

    /**
     * Closes the idle connections in the Qwen client's shared OkHttp pool, or returns -1. Once the server has closed,
     * they sit in CLOSE_WAIT until OkHttp evicts them after 5 idle minutes (the JDK client of the OpenAI module closes
     * its own at once), and the library has no public way to close them; best effort, by reflection, so that the
     * benchmark leaves no sockets behind.
     */
    private static int evictQwenIdleConnections() {
        try {
            java.lang.reflect.Field field = Class.forName("io.github.qwenlangchain4j.internal.client.SharedHttp")
                    .getDeclaredField("CLIENT");
            field.setAccessible(true);
            okhttp3.ConnectionPool pool = ((OkHttpClient) field.get(null)).connectionPool();
            int idle = pool.idleConnectionCount();
            pool.evictAll();
            return idle;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return -1;
        }
    }

    private static long embeddingThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && thread.getName().startsWith("qwen-embeddings-"))
                .count();
    }

    /** Sockets this process has open (Linux), or -1. */
    private static long openSockets() {
        java.io.File[] fds = new java.io.File("/proc/self/fd").listFiles();
        if (fds == null) {
            return -1;
        }
        long sockets = 0;
        for (java.io.File fd : fds) {
            try {
                if (java.nio.file.Files.readSymbolicLink(fd.toPath()).toString().startsWith("socket:")) {
                    sockets++;
                }
            } catch (java.io.IOException | UnsupportedOperationException e) {
                // closed meanwhile
            }
        }
        return sockets;
    }

    // ---- helpers

    private static StreamingChatResponseHandler handler(CompletableFuture<ChatResponse> done, AtomicLong firstPartial) {
        return new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String text) {
                if (firstPartial != null && firstPartial.get() == 0) {
                    firstPartial.set(System.nanoTime());
                }
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        };
    }

    private static void join(CompletableFuture<ChatResponse> future) {
        try {
            future.get(1, TimeUnit.MINUTES);
        } catch (Exception e) {
            throw new IllegalStateException("streaming call failed", e);
        }
    }

    private static void repeat(Runnable call, int times) {
        for (int i = 0; i < times; i++) {
            call.run();
        }
    }

    private static double seconds(Runnable work) {
        return millis(work) / 1000;
    }

    private static double millis(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1e6;
    }

    private static <T> double seconds(Supplier<T> work) {
        return seconds((Runnable) work::get);
    }

    /** Bytes allocated so far by each live thread. */
    private static Map<Long, Long> allocationByThread() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] ids = threads.getAllThreadIds();
        long[] bytes = threads.getThreadAllocatedBytes(ids);
        Map<Long, Long> byThread = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            byThread.put(ids[i], bytes[i]);
        }
        return byThread;
    }

    /**
     * Bytes allocated by all threads since {@code before}: per-thread differences, so that a thread ending in between
     * cannot make the total negative (what a thread allocated and then ended with is not counted; the clients' I/O
     * threads live on between calls).
     */
    private static long allocatedSince(Map<Long, Long> before) {
        long total = 0;
        for (Map.Entry<Long, Long> thread : allocationByThread().entrySet()) {
            total += Math.max(0, thread.getValue() - before.getOrDefault(thread.getKey(), 0L));
        }
        return total;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private void print() {
        System.out.println("| Benchmark | qwen-langchain4j | langchain4j-open-ai | Floor | Ratio | Target | Met |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (Row row : rows) {
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %s | %s | %s | %s | %s | %s |%n",
                    row.benchmark(),
                    row.ours(),
                    row.openAi(),
                    row.floor(),
                    row.ratio(),
                    row.target(),
                    row.met() ? "yes" : "**no**");
        }
    }
}
