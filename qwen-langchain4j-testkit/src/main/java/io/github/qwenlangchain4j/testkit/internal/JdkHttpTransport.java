package io.github.qwenlangchain4j.testkit.internal;

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
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The mock on the wire: the JDK's own HTTP server on a loopback port, which reads each exchange into a
 * {@link MockRequest}, gives it an id ({@code x-request-id}), and writes the {@link HttpReply} it is answered with.
 * It counts the exchanges in flight, from the first byte read to the last written. Its threads are daemon threads,
 * so a program that never closes it still exits.
 */
public final class JdkHttpTransport implements AutoCloseable {

    /**
     * The JDK server writes a response's headers and its body in separate writes; with Nagle's algorithm on, a small
     * body then waits for the client's delayed ACK of the headers, about 40 ms per response on Linux, which tests and
     * benchmarks that make hundreds of calls would pay. TCP_NODELAY is the fix, and this property is the JDK
     * server's only way to ask for it: {@code sun.net.httpserver.ServerConfig} reads it once, when the first server
     * of the JVM is created, for every server after (JDK 17 to 25; {@code HttpServer} exposes no socket options).
     */
    private static final String NO_DELAY = "sun.net.httpserver.nodelay";

    private final HttpServer server;
    private final ExecutorService executor;
    private final Function<MockRequest, HttpReply> service;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();

    private JdkHttpTransport(HttpServer server, ExecutorService executor, Function<MockRequest, HttpReply> service) {
        this.server = server;
        this.executor = executor;
        this.service = service;
    }

    /**
     * Binds a loopback port and starts serving.
     *
     * @param port    the port, or 0 for a free one
     * @param service answers each request
     * @return the running transport
     */
    public static JdkHttpTransport start(int port, Function<MockRequest, HttpReply> service) {
        askForNoDelay();
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        } catch (IOException e) {
            throw new UncheckedIOException("QwenMockServer could not bind to a loopback port", e);
        }
        ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "qwen-mock-server");
            thread.setDaemon(true);
            return thread;
        });
        JdkHttpTransport transport = new JdkHttpTransport(server, executor, service);
        server.setExecutor(executor);
        server.createContext("/", transport::exchange);
        startAsDaemon(server);
        return transport;
    }

    /** The bound address. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** The most exchanges in flight at the same time since the start or the last {@link #resetPeak()}. */
    public int peak() {
        return peak.get();
    }

    public void resetPeak() {
        peak.set(0);
    }

    /** Stops the server and frees its port and threads. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /**
     * Sets {@link #NO_DELAY} unless it is set already: a user's own value, whichever it is, wins. Without it every
     * small response would wait for a delayed ACK; with it the sole effect on other JDK servers in the JVM is that
     * their small responses leave sooner. Set at the first start rather than when the class loads, so that merely
     * having the testkit on the class path changes nothing.
     */
    private static void askForNoDelay() {
        if (System.getProperty(NO_DELAY) == null) {
            System.setProperty(NO_DELAY, "true");
        }
    }

    /**
     * Starts the server from a short-lived daemon thread: the server's dispatcher thread inherits daemon status from
     * the thread that starts it, and a non-daemon dispatcher would keep alive a program (or a Spring application
     * whose startup failed) that never closes the mock. Nothing outside this server is touched.
     */
    private static void startAsDaemon(HttpServer server) {
        RuntimeException[] failure = new RuntimeException[1];
        Thread starter = new Thread(
                () -> {
                    try {
                        server.start();
                    } catch (RuntimeException e) {
                        failure[0] = e;
                    }
                },
                "qwen-mock-server-start");
        starter.setDaemon(true);
        starter.start();
        try {
            starter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.stop(0);
            throw new IllegalStateException("Interrupted while starting QwenMockServer", e);
        }
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    private void exchange(HttpExchange exchange) throws IOException {
        peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, List<String>> headers = new TreeMap<>();
            exchange.getRequestHeaders()
                    .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
            String requestId = UUID.randomUUID().toString();
            exchange.getResponseHeaders().add("x-request-id", requestId);
            MockRequest request = new MockRequest(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getRawQuery(),
                    headers,
                    body,
                    requestId,
                    Map.of());
            write(exchange, service.apply(request));
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private static void write(HttpExchange exchange, HttpReply reply) throws IOException {
        if (reply.drop()) {
            return; // closing the exchange without a response drops the connection
        }
        exchange.getResponseHeaders().add("Content-Type", reply.contentType());
        if (!reply.chunked()) {
            byte[] bytes = reply.parts().get(0).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), bytes.length);
            exchange.getResponseBody().write(bytes);
            return;
        }
        exchange.sendResponseHeaders(reply.status(), 0);
        OutputStream out = exchange.getResponseBody();
        for (String part : reply.parts()) {
            out.write(part.getBytes(StandardCharsets.UTF_8));
            out.flush(); // each event leaves as it would from Qwen, not when the stream ends
        }
    }
}
