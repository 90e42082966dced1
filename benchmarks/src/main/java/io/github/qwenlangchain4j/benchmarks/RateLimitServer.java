package io.github.qwenlangchain4j.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A compatible-mode {@code /v1/embeddings} endpoint behind a real rate limit, as Qwen enforces it: a token bucket
 * that admits {@code rps} requests per second with a burst of {@code burst} requests (a full bucket at start and
 * after {@link #reset()}; Qwen also refuses bursts, {@code limit_burst_rate}, so a small burst is the realistic case). An admitted request is answered after {@code latency} with one vector per input (at most
 * 10 inputs, as text-embedding-v4; the requested {@code dimensions}, 1024 by default); any other request is answered
 * at once with HTTP 429 and Qwen's body, an {@code x-request-id} header and no {@code Retry-After} (Qwen sends
 * none). Counts admitted requests and 429s, and how many requests are being handled.
 */
final class RateLimitServer implements AutoCloseable {

    static {
        // as BenchServer: without TCP_NODELAY each small response waits ~40 ms for the client's delayed ACK
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    static final int MAX_INPUTS = 10;
    private static final int DEFAULT_DIMENSION = 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "bench-ratelimit-server");
        thread.setDaemon(true);
        threads.add(thread);
        return thread;
    });
    private final double rps;
    private final double burst;
    private final long latencyMillis;
    private final AtomicInteger admitted = new AtomicInteger();
    private final AtomicInteger served = new AtomicInteger();
    private final AtomicInteger rejected = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<Integer, String> vectors = new ConcurrentHashMap<>();

    // the token bucket; guarded by this
    private double tokens;
    private long refilledAt;

    RateLimitServer(int rps, int burst, long latencyMillis) {
        this.rps = rps;
        this.burst = burst;
        this.latencyMillis = latencyMillis;
        reset();
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/v1/embeddings", exchange -> {
            inFlight.incrementAndGet();
            try (exchange) {
                handle(exchange);
            } catch (Exception e) {
                // the client reports what it saw
            } finally {
                inFlight.decrementAndGet();
            }
        });
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** A full bucket and zero counts, for the next run. */
    synchronized void reset() {
        tokens = burst;
        refilledAt = System.nanoTime();
        admitted.set(0);
        served.set(0);
        rejected.set(0);
    }

    int admitted() {
        return admitted.get();
    }

    /** Admitted requests answered with their embeddings. */
    int served() {
        return served.get();
    }

    int rejected() {
        return rejected.get();
    }

    /**
     * Waits until no request is being handled and none has arrived for {@code quietMillis}, so that what a client
     * still had in flight when its call ended is counted in its run, not the next; false after {@code maxMillis}.
     */
    boolean awaitIdle(long quietMillis, long maxMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxMillis);
        while (System.nanoTime() < deadline) {
            int seen = admitted.get() + rejected.get();
            if (inFlight.get() == 0) {
                Thread.sleep(quietMillis);
                if (inFlight.get() == 0 && admitted.get() + rejected.get() == seen) {
                    return true;
                }
            } else {
                Thread.sleep(10);
            }
        }
        return false;
    }

    private synchronized boolean tryAdmit() {
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - refilledAt) / 1e9 * rps);
        refilledAt = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    private void handle(HttpExchange exchange) throws Exception {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String requestId = UUID.randomUUID().toString();
        exchange.getResponseHeaders().add("x-request-id", requestId);
        if (!tryAdmit()) {
            rejected.incrementAndGet();
            send(
                    exchange,
                    429,
                    "{\"error\":{\"message\":\"Requests rate limit exceeded, please try again later.\","
                            + "\"type\":\"limit_requests\",\"param\":null,\"code\":\"limit_requests\"},\"id\":\"chatcmpl-"
                            + requestId + "\",\"request_id\":\"" + requestId + "\"}");
            return;
        }
        admitted.incrementAndGet();
        Thread.sleep(latencyMillis);
        JsonNode request = JSON.readTree(body);
        JsonNode input = request.path("input");
        int inputs = input.isArray() ? input.size() : 1;
        if (inputs > MAX_INPUTS) {
            send(
                    exchange,
                    400,
                    "{\"error\":{\"message\":\"<400> InternalError.Algo.InvalidParameter: Value error, "
                            + "batch size is invalid, it should not be larger than " + MAX_INPUTS
                            + ".: input.contents\","
                            + "\"type\":\"InvalidParameter\",\"param\":null,\"code\":\"InvalidParameter\"},\"id\":\""
                            + requestId
                            + "\",\"request_id\":\"" + requestId + "\"}");
            return;
        }
        int dimension = request.path("dimensions").asInt(DEFAULT_DIMENSION);
        String vector = vectors.computeIfAbsent(dimension, RateLimitServer::vector);
        StringBuilder json = new StringBuilder(inputs * (vector.length() + 64) + 200).append("{\"data\":[");
        for (int i = 0; i < inputs; i++) {
            json.append(i == 0 ? "" : ",")
                    .append("{\"embedding\":")
                    .append(vector)
                    .append(",\"index\":")
                    .append(i)
                    .append(",\"object\":\"embedding\"}");
        }
        json.append("],\"model\":\"")
                .append(request.path("model").asText())
                .append("\",\"object\":\"list\",")
                .append("\"usage\":{\"prompt_tokens\":")
                .append(inputs * 16)
                .append(",\"total_tokens\":")
                .append(inputs * 16)
                .append("},\"id\":\"")
                .append(requestId)
                .append("\"}");
        send(exchange, 200, json.toString());
        served.incrementAndGet();
    }

    /** A fixed unit vector of this dimension, as JSON. */
    private static String vector(int dimension) {
        StringBuilder json = new StringBuilder(dimension * 12).append('[');
        double norm = 0;
        double[] values = new double[dimension];
        for (int i = 0; i < dimension; i++) {
            values[i] = Math.sin(i + 1);
            norm += values[i] * values[i];
        }
        for (int i = 0; i < dimension; i++) {
            json.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.6f", values[i] / Math.sqrt(norm)));
        }
        return json.append(']').toString();
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        OutputStream out = exchange.getResponseBody();
        out.write(bytes);
    }

    /**
     * Stops the server, closing its connections, and waits for its threads to end (the threads themselves: a pool
     * reports termination from inside its last worker, before that thread has ended).
     */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("rate-limit server threads did not end");
            }
            for (Thread thread : threads) {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
