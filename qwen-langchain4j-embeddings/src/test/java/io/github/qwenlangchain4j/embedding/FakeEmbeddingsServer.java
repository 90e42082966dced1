package io.github.qwenlangchain4j.embedding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;

/**
 * A small stand-in for compatible mode's {@code POST /embeddings} on a loopback ephemeral port (plain JDK
 * {@link HttpServer}). It answers one deterministic vector per input (a hashed bag of words, normalised, so texts
 * sharing words score close), with {@code index} fields and usage (one token per word), and keeps server-side
 * counters: every request body, requests in flight and the maximum seen. Faults are scripted per test: a delay,
 * 429 for the first N requests, for requests containing an input or beyond a token bucket's rate, an error body for
 * requests containing an input, shuffled {@code data}, and holding the first N requests until all N are in flight.
 */
final class FakeEmbeddingsServer implements AutoCloseable {

    static final String REQUEST_ID = "fake-req-0001";
    static final int DEFAULT_DIMENSION = 1024;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RATE_LIMIT_BODY = "{\"error\":{\"message\":\"Requests rate limit exceeded, please try"
            + " again later.\",\"type\":\"limit_requests\",\"param\":null,\"code\":\"limit_requests\"},"
            + "\"request_id\":\"" + REQUEST_ID + "\"}";

    /** One request as the server saw it: arrival order, body, in-flight count on arrival, status answered. */
    record Received(int sequence, JsonNode body, int inFlightOnArrival, int status, long arrivedAtNanos) {
        List<String> inputs() {
            return FakeEmbeddingsServer.inputs(body);
        }
    }

    private record Failure(int status, String body) {}

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger sequence = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicInteger outOfOrderAnswers = new AtomicInteger();

    private volatile Duration delay = Duration.ZERO;
    private volatile boolean shuffle;
    private volatile String fixedAnswer;
    private final AtomicInteger rateLimitFirst = new AtomicInteger();
    private final Map<String, AtomicInteger> rateLimitInputs = new ConcurrentHashMap<>();
    private final Map<String, Failure> failures = new ConcurrentHashMap<>();
    private volatile TokenBucket limiter;
    private volatile CountDownLatch gate;
    private final AtomicInteger gated = new AtomicInteger();

    private FakeEmbeddingsServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/compatible-mode/v1/embeddings", this::handle);
        server.start();
    }

    static FakeEmbeddingsServer start() {
        return new FakeEmbeddingsServer();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/compatible-mode/v1";
    }

    // ---- scripting -------------------------------------------------------------------------------------------

    /** Every answer (success or error) is sent after this delay. */
    FakeEmbeddingsServer delay(Duration delay) {
        this.delay = delay;
        return this;
    }

    /** Answers {@code data} in a shuffled order (deterministic per request); {@code index} tells the position. */
    FakeEmbeddingsServer shuffleData() {
        this.shuffle = true;
        return this;
    }

    /** Answers every successful request with this body instead of computed vectors (e.g. a recorded fixture). */
    FakeEmbeddingsServer fixedAnswer(String body) {
        this.fixedAnswer = body;
        return this;
    }

    /** Answers 429 {@code limit_requests} to the first {@code n} requests. */
    FakeEmbeddingsServer rateLimitFirst(int n) {
        rateLimitFirst.set(n);
        return this;
    }

    /**
     * Admits {@code perSecond} requests per second with a token bucket of {@code burst} (full at start) and answers
     * 429 {@code limit_requests} at once, without the delay, to any other request, as a rate limiter in front of
     * the service does.
     */
    FakeEmbeddingsServer admitPerSecond(double perSecond, int burst) {
        limiter = new TokenBucket(perSecond, burst);
        return this;
    }

    /** Answers 429 to the first {@code times} requests that contain {@code input}. */
    FakeEmbeddingsServer rateLimitWhenInput(String input, int times) {
        rateLimitInputs.put(input, new AtomicInteger(times));
        return this;
    }

    /** Answers {@code status} with {@code body} to every request that contains {@code input}. */
    FakeEmbeddingsServer failWhenInput(String input, int status, String body) {
        failures.put(input, new Failure(status, body));
        return this;
    }

    /**
     * Holds each of the first {@code n} requests until {@code n} requests have arrived (or 5 s passed), so that
     * they are provably in flight together; later requests are not held.
     */
    FakeEmbeddingsServer holdFirstUntilInFlight(int n) {
        gate = new CountDownLatch(n);
        gated.set(n);
        return this;
    }

    // ---- what the server saw ---------------------------------------------------------------------------------

    /** Every request, in arrival order. */
    List<Received> received() {
        List<Received> sorted = new ArrayList<>(received);
        sorted.sort((a, b) -> Integer.compare(a.sequence(), b.sequence()));
        return sorted;
    }

    int requestCount() {
        return received.size();
    }

    /** The highest number of requests in flight at once. */
    int maxInFlight() {
        return maxInFlight.get();
    }

    /** Successful answers whose {@code data} was not in index order. */
    int outOfOrderAnswers() {
        return outOfOrderAnswers.get();
    }

    /** Requests answered with {@code status}. */
    long countWithStatus(int status) {
        return received.stream().filter(r -> r.status() == status).count();
    }

    /** Every input of every successful request, in arrival order. */
    List<String> embeddedInputs() {
        List<String> all = new ArrayList<>();
        for (Received r : received()) {
            if (r.status() == 200) {
                all.addAll(r.inputs());
            }
        }
        return all;
    }

    // ---- the vectors ---------------------------------------------------------------------------------------

    /**
     * The vector the server answers for {@code text}: each lower-cased word adds +-1 to four hashed positions
     * (a count sketch), then the vector is L2-normalised. Texts that share words have a higher cosine similarity;
     * distinct texts practically never get identical vectors.
     */
    static float[] vectorOf(String text, int dimension) {
        float[] vector = new float[dimension];
        for (String word : words(text)) {
            for (int k = 0; k < 4; k++) {
                long h = crc(word + "#" + k);
                int position = (int) (h % dimension);
                vector[position] += ((h >>> 20) & 1) == 0 ? 1f : -1f;
            }
        }
        double norm = 0;
        for (float v : vector) {
            norm += v * v;
        }
        if (norm == 0) {
            vector[0] = 1f;
            return vector;
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < dimension; i++) {
            vector[i] *= scale;
        }
        return vector;
    }

    /** The tokens the server bills for {@code text}: one per word, at least one. */
    static int tokensOf(String text) {
        return Math.max(1, words(text).size());
    }

    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }

    private static long crc(String s) {
        CRC32 crc = new CRC32();
        crc.update(s.getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }

    // ---- the handler ---------------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        long arrivedAt = System.nanoTime();
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        int seq = sequence.incrementAndGet();
        boolean decremented = false;
        try {
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            TokenBucket bucket = limiter;
            if (bucket != null && !bucket.admit(arrivedAt)) {
                received.add(new Received(seq, body, now, 429, arrivedAt));
                inFlight.decrementAndGet();
                decremented = true;
                answer(exchange, 429, RATE_LIMIT_BODY);
                return;
            }
            holdAtGate();
            sleep(delay);
            List<String> inputs = inputs(body);
            int status = 200;
            String answer;
            Failure failure = failureFor(inputs);
            if (rateLimitFirst.getAndDecrement() > 0 || rateLimitedByInput(inputs)) {
                status = 429;
                answer = RATE_LIMIT_BODY;
            } else if (failure != null) {
                status = failure.status();
                answer = failure.body();
            } else {
                answer = fixedAnswer != null ? fixedAnswer : success(body, inputs, seq);
            }
            received.add(new Received(seq, body, now, status, arrivedAt));
            // Leave the in-flight count before answering: the client cannot send its next request before it has
            // this answer, so the counter never counts a finished request together with the one that follows.
            inFlight.decrementAndGet();
            decremented = true;
            answer(exchange, status, answer);
        } finally {
            if (!decremented) {
                inFlight.decrementAndGet();
            }
            exchange.close();
        }
    }

    private static void answer(HttpExchange exchange, int status, String answer) throws IOException {
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("x-request-id", REQUEST_ID);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The rate limiter of {@link #admitPerSecond}. */
    private static final class TokenBucket {
        private final double perSecond;
        private final double burst;
        private double tokens;
        private long refilledAt = System.nanoTime();

        TokenBucket(double perSecond, double burst) {
            this.perSecond = perSecond;
            this.burst = burst;
            this.tokens = burst;
        }

        synchronized boolean admit(long nanos) {
            if (nanos > refilledAt) {
                tokens = Math.min(burst, tokens + (nanos - refilledAt) / 1e9 * perSecond);
                refilledAt = nanos;
            }
            if (tokens >= 1) {
                tokens--;
                return true;
            }
            return false;
        }
    }

    private void holdAtGate() {
        CountDownLatch latch = gate;
        if (latch != null && gated.getAndDecrement() > 0) {
            latch.countDown();
            try {
                latch.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private boolean rateLimitedByInput(List<String> inputs) {
        for (String input : inputs) {
            AtomicInteger remaining = rateLimitInputs.get(input);
            if (remaining != null && remaining.getAndDecrement() > 0) {
                return true;
            }
        }
        return false;
    }

    private Failure failureFor(List<String> inputs) {
        for (String input : inputs) {
            Failure failure = failures.get(input);
            if (failure != null) {
                return failure;
            }
        }
        return null;
    }

    private String success(JsonNode body, List<String> inputs, int seq) {
        int dimension = body.hasNonNull("dimensions") ? body.get("dimensions").asInt() : DEFAULT_DIMENSION;
        List<ObjectNode> items = new ArrayList<>();
        int tokens = 0;
        for (int i = 0; i < inputs.size(); i++) {
            ObjectNode item = JSON.createObjectNode();
            ArrayNode vector = item.putArray("embedding");
            for (float v : vectorOf(inputs.get(i), dimension)) {
                vector.add(v);
            }
            item.put("index", i);
            item.put("object", "embedding");
            items.add(item);
            tokens += tokensOf(inputs.get(i));
        }
        if (shuffle) {
            Collections.shuffle(items, new Random(seq));
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i).get("index").asInt() != i) {
                    outOfOrderAnswers.incrementAndGet();
                    break;
                }
            }
        }
        ObjectNode response = JSON.createObjectNode();
        response.putArray("data").addAll(items);
        response.put("model", body.path("model").asText());
        response.put("object", "list");
        response.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
        response.put("id", REQUEST_ID);
        return response.toString();
    }

    static List<String> inputs(JsonNode body) {
        JsonNode input = body.path("input");
        List<String> inputs = new ArrayList<>();
        if (input.isArray()) {
            input.forEach(node -> inputs.add(node.asText()));
        } else if (input.isTextual()) {
            inputs.add(input.asText());
        }
        return inputs;
    }

    private static void sleep(Duration duration) {
        if (duration.isZero()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
