package io.github.qwenlangchain4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.langchain4j.data.segment.TextSegment;
import io.github.qwenlangchain4j.QwenChatModel;
import io.github.qwenlangchain4j.QwenStreamingChatModel;
import io.github.qwenlangchain4j.embedding.QwenEmbeddingModel;
import io.github.qwenlangchain4j.internal.client.SharedHttpProbe;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Soak: thousands of mixed calls (sync chat, streaming chat, multi-batch embeddings) from 16 threads against a
 * local server that injects a few percent of faults, chosen by a seeded {@link Random} per request number (so the
 * sequence of injected faults is the same on every run). Afterwards every call has exactly one outcome, no call is
 * still running in OkHttp's dispatcher, no connection is in use, no embedding worker thread is alive, and the heap
 * is back near where it started.
 *
 * <p>CI runs 2,000 calls. The long version is one command:
 * {@code mvn -B verify -pl qwen-langchain4j-embeddings -am -Dtest=SoakTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dsoak.calls=100000}.
 */
@Isolated // counts the threads, connections and heap of the whole process
class SoakTest {

    private static final int THREADS = 16;
    private static final long SEED = 20_240_601L;
    private static final String API_KEY = Targets.API_KEY;

    enum Injected {
        NONE,
        HTTP_503,
        HTTP_429,
        MALFORMED_JSON,
        TRUNCATED_BODY,
        STREAM_WITHOUT_DONE
    }

    @Test
    void should_end_every_call_once_and_leave_no_thread_connection_or_memory_behind() throws Exception {
        int calls = Integer.getInteger("soak.calls", 2_000);
        long heapBefore = usedHeapAfterGc();
        FaultyServer server = new FaultyServer(SEED);
        long start = System.nanoTime();
        Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
        AtomicInteger extraTerminalCallbacks = new AtomicInteger();
        AtomicLong unfinishedStreams = new AtomicLong();
        try {
            String baseUrl = server.baseUrl();
            QwenChatModel chat = QwenChatModel.builder()
                    .apiKey(API_KEY)
                    .baseUrl(baseUrl)
                    .timeout(Duration.ofSeconds(10))
                    .maxRetries(2)
                    .build();
            QwenStreamingChatModel streaming = QwenStreamingChatModel.builder()
                    .apiKey(API_KEY)
                    .baseUrl(baseUrl)
                    .timeout(Duration.ofSeconds(10))
                    .maxRetries(2)
                    .build();
            QwenEmbeddingModel embeddings = QwenEmbeddingModel.builder()
                    .apiKey(API_KEY)
                    .baseUrl(baseUrl)
                    .timeout(Duration.ofSeconds(10))
                    .maxRetries(2)
                    .maxConcurrentRequests(3)
                    .build();
            List<TextSegment> segments = IntStream.range(0, 25)
                    .mapToObj(i -> TextSegment.from("segment number " + i))
                    .toList(); // 3 batches of <= 10

            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> futures = new ArrayList<>();
            AtomicInteger next = new AtomicInteger();
            for (int t = 0; t < THREADS; t++) {
                futures.add(pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < calls) {
                        String kind = switch (i % 3) {
                            case 0 -> "sync";
                            case 1 -> "stream";
                            default -> "embed";
                        };
                        String outcome;
                        try {
                            if (kind.equals("sync")) {
                                chat.chat("hello " + i);
                                outcome = "ok";
                            } else if (kind.equals("embed")) {
                                assertThat(embeddings.embedAll(segments).content())
                                        .hasSize(25);
                                outcome = "ok";
                            } else {
                                Targets.CountingHandler handler = new Targets.CountingHandler();
                                streaming.chat("hello " + i, handler);
                                if (!handler.await(Duration.ofSeconds(60))) {
                                    unfinishedStreams.incrementAndGet();
                                }
                                outcome = handler.error.get() == null
                                        ? "ok"
                                        : handler.error.get().getClass().getSimpleName();
                                if (handler.terminalCalls.get() != 1) {
                                    extraTerminalCallbacks.incrementAndGet();
                                }
                            }
                        } catch (RuntimeException e) {
                            outcome = e.getClass().getSimpleName();
                        }
                        outcomes.computeIfAbsent(kind + " " + outcome, k -> new AtomicInteger())
                                .incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get(10, TimeUnit.MINUTES);
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            server.stop();
        }
        Duration duration = Duration.ofNanos(System.nanoTime() - start);
        Thread.sleep(200); // late (duplicate) terminal callbacks would arrive now

        int counted = outcomes.values().stream().mapToInt(AtomicInteger::get).sum();
        long heapAfter = usedHeapAfterGc();
        System.out.printf(
                "Soak: %d calls in %d ms from %d threads; %d requests, faults injected %s; outcomes %s;"
                        + " heap before %d MB, after %d MB%n",
                calls,
                duration.toMillis(),
                THREADS,
                server.requests.get(),
                server.injectedCounts(),
                new java.util.TreeMap<>(outcomes),
                heapBefore >> 20,
                heapAfter >> 20);

        assertThat(counted).as("calls with an outcome").isEqualTo(calls);
        assertThat(unfinishedStreams.get())
                .as("streams without a terminal callback")
                .isZero();
        assertThat(extraTerminalCallbacks.get())
                .as("streams without exactly one terminal callback")
                .isZero();
        assertThat(server.injectedTotal()).as("faults injected").isPositive();
        assertThat(outcomes.keySet())
                .as("faults that cannot be retried surface")
                .anyMatch(k -> !k.endsWith(" ok"));
        assertThat(SharedHttpProbe.runningCalls())
                .as("calls still running in OkHttp's dispatcher")
                .isZero();
        assertThat(SharedHttpProbe.queuedCalls())
                .as("calls queued in OkHttp's dispatcher")
                .isZero();
        assertThat(SharedHttpProbe.connectionCount() - SharedHttpProbe.idleConnectionCount())
                .as("connections in use")
                .isZero();
        SharedHttpProbe.evictIdleConnections();
        assertThat(SharedHttpProbe.connectionCount())
                .as("connections left after evicting the idle ones")
                .isZero();
        assertThat(Thread.getAllStackTraces().keySet())
                .as("live threads")
                .noneMatch(thread -> thread.getName().startsWith("qwen-embeddings-") && thread.isAlive());
        assertThat(heapAfter).as("used heap after GC (bytes)").isLessThan(heapBefore + (64L << 20));
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
            used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
        }
        return used;
    }

    /** Chat (JSON or SSE) and embeddings, with a fault for about 4% of requests, chosen by request number. */
    static final class FaultyServer {

        private final HttpServer server;
        private final ExecutorService executor = Executors.newFixedThreadPool(32);
        private final Injected[] plan;
        final AtomicInteger requests = new AtomicInteger();
        private final Map<Injected, AtomicInteger> injected = new ConcurrentHashMap<>();

        FaultyServer(long seed) throws IOException {
            Random random = new Random(seed);
            plan = new Injected[1 << 16];
            Injected[] faults = {
                Injected.HTTP_503,
                Injected.HTTP_429,
                Injected.MALFORMED_JSON,
                Injected.TRUNCATED_BODY,
                Injected.STREAM_WITHOUT_DONE
            };
            for (int i = 0; i < plan.length; i++) {
                plan[i] = random.nextInt(100) < 4 ? faults[random.nextInt(faults.length)] : Injected.NONE;
            }
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
            server.setExecutor(executor);
            server.createContext("/", this::handle);
            server.start();
        }

        String baseUrl() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
        }

        int injectedTotal() {
            return injected.values().stream().mapToInt(AtomicInteger::get).sum();
        }

        Map<Injected, Integer> injectedCounts() {
            Map<Injected, Integer> counts = new java.util.TreeMap<>();
            injected.forEach((k, v) -> counts.put(k, v.get()));
            return counts;
        }

        void stop() {
            server.stop(0);
            executor.shutdownNow();
        }

        private void handle(HttpExchange exchange) throws IOException {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                int number = requests.getAndIncrement();
                boolean stream = body.contains("\"stream\":true");
                boolean embeddings = exchange.getRequestURI().getPath().endsWith("/embeddings");
                Injected fault = plan[number % plan.length];
                if (fault == Injected.STREAM_WITHOUT_DONE && !stream) {
                    fault = Injected.NONE;
                }
                if (fault != Injected.NONE) {
                    injected.computeIfAbsent(fault, k -> new AtomicInteger()).incrementAndGet();
                }
                String ok =
                        embeddings ? embeddingsBody(body) : stream ? FaultMatrixTest.SSE : FaultMatrixTest.CHAT_JSON;
                switch (fault) {
                    case HTTP_503 ->
                        send(
                                exchange,
                                503,
                                "application/json",
                                "{\"error\":{\"message\":\"busy\",\"code\":\"ServiceUnavailable\"}}");
                    case HTTP_429 ->
                        send(
                                exchange,
                                429,
                                "application/json",
                                "{\"error\":{\"message\":\"slow down\",\"code\":\"limit_requests\"}}");
                    case MALFORMED_JSON ->
                        send(
                                exchange,
                                200,
                                stream ? "text/event-stream" : "application/json",
                                stream ? "data: {\"choices\":[\n\n" : "{\"choices\":[");
                    case TRUNCATED_BODY -> {
                        byte[] bytes = ok.getBytes(StandardCharsets.UTF_8);
                        exchange.getResponseHeaders().set("Content-Type", "application/json");
                        exchange.sendResponseHeaders(200, bytes.length);
                        OutputStream out = exchange.getResponseBody();
                        out.write(bytes, 0, bytes.length / 2);
                        out.flush();
                        // closing with bytes missing makes the JDK server drop the connection
                    }
                    case STREAM_WITHOUT_DONE ->
                        send(exchange, 200, "text/event-stream", ok.substring(0, ok.indexOf("data: [DONE]")));
                    default -> send(exchange, 200, stream ? "text/event-stream" : "application/json", ok);
                }
            }
        }

        private static String embeddingsBody(String request) {
            int inputs = request.split("\"segment number", -1).length - 1;
            StringBuilder data = new StringBuilder();
            for (int i = 0; i < inputs; i++) {
                data.append(i == 0 ? "" : ",").append("{\"index\":").append(i).append(",\"embedding\":[0.1,0.2,0.3]}");
            }
            return "{\"model\":\"text-embedding-v4\",\"data\":[" + data + "],\"usage\":{\"prompt_tokens\":" + inputs
                    + ",\"total_tokens\":" + inputs + "}}";
        }

        private static void send(HttpExchange exchange, int status, String contentType, String body)
                throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }
}
