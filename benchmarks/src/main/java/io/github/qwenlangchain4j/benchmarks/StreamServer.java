package io.github.qwenlangchain4j.benchmarks;

import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.Invocable;

/**
 * The server of {@link ConcurrentStreamsBenchmark}: slow answers, thousands at once, without ever being the
 * bottleneck. A streaming request ({@code "stream":true}) gets Qwen's SSE shape in {@value #CHUNKS} writes
 * {@value #INTERVAL_MS} ms apart, the first on arrival: text chunks, and last the finish chunk with usage and
 * {@code [DONE]}, 4.9 s after the first. A non-streaming request gets the chat completion after
 * {@value #ANSWER_SECONDS} s. Each write is asynchronous and scheduled on a two-thread scheduler: no thread waits for
 * a stream, whatever the JDK. A request for model {@value #WARMUP_MODEL} is answered at once (the clients' warm-up).
 *
 * <p>Three connectors on loopback: HTTP/1.1 ({@code h1}), TLS offering HTTP/2 and HTTP/1.1 by ALPN ({@code h2}; HTTP/2 with
 * at most {@value #MAX_STREAMS_PER_CONNECTION} concurrent streams per connection, as gateways allow) and HTTP/2
 * cleartext with prior knowledge ({@code h2c}, same limit). It counts, per run, the client sockets that carried
 * requests, the HTTP versions seen, the most requests in progress at once, and how long the measured answers took
 * on its side.
 */
final class StreamServer implements AutoCloseable {

    static final int CHUNKS = 50;
    static final long INTERVAL_MS = 100;
    /** How long a non-streaming answer takes; the nominal length of a stream. */
    static final int ANSWER_SECONDS = 5;

    static final int MAX_STREAMS_PER_CONNECTION = 100;
    static final String WARMUP_MODEL = "warmup";

    /** The request bodies' JSON may be compact (this library) or indented (the OpenAI module). */
    private static final Pattern STREAM_REQUEST = Pattern.compile("\"stream\"\\s*:\\s*true");

    private static final Pattern WARMUP_REQUEST = Pattern.compile("\"model\"\\s*:\\s*\"" + WARMUP_MODEL + "\"");

    /** The events of a stream, in order, each written {@value #INTERVAL_MS} ms after the one before. */
    private static final byte[][] EVENTS = events();

    private static final byte[] WARMUP_STREAM = concat(EVENTS);

    /**
     * What the server saw during one run.
     *
     * @param connections       client sockets that carried requests
     * @param requestsByVersion requests per HTTP version, warm-up included
     * @param maxInProgress     the most requests in progress at once
     * @param wallSeconds       from the first measured request's arrival to the end of the last answer, or 0
     * @param longestSeconds    the longest measured answer, from its request's arrival to its last write's end
     */
    record Stats(
            int connections,
            Map<String, Long> requestsByVersion,
            int maxInProgress,
            double wallSeconds,
            double longestSeconds,
            double lastArrivalMillis,
            double lastFirstEventMillis) {}

    private final Server server = new Server();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "stream-server-scheduler");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, ServerConnector> connectors = new TreeMap<>();
    private final Set<SocketAddress> clientSockets = ConcurrentHashMap.newKeySet();
    private final Map<String, LongAdder> versions = new ConcurrentHashMap<>();
    private final AtomicInteger inProgress = new AtomicInteger();
    private final AtomicInteger maxInProgress = new AtomicInteger();
    private final AtomicLong firstArrival = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastEnd = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong longest = new AtomicLong();
    /** The measured streams' arrivals, and when the server started writing each one's first event. */
    private final AtomicLong burstFirstArrival = new AtomicLong(Long.MAX_VALUE);

    private final AtomicLong burstLastArrival = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong burstLastFirstEvent = new AtomicLong(Long.MIN_VALUE);

    /** Starts the three connectors; {@code keyStore} holds the TLS connector's key, in PKCS12. */
    StreamServer(Path keyStore, String password) throws Exception {
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        connectors.put("h1", connector(new HttpConnectionFactory(http)));

        HttpConfiguration https = new HttpConfiguration(http);
        https.addCustomizer(new SecureRequestCustomizer());
        HTTP2ServerConnectionFactory h2 = new HTTP2ServerConnectionFactory(https);
        h2.setMaxConcurrentStreams(MAX_STREAMS_PER_CONNECTION);
        // h2 and http/1.1, as cloud gateways (Model Studio's among them) offer them: the client chooses by ALPN
        ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory("h2", "http/1.1");
        alpn.setDefaultProtocol("h2");
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setKeyStorePath(keyStore.toString());
        tls.setKeyStoreType("PKCS12");
        tls.setKeyStorePassword(password);
        connectors.put(
                "h2",
                connector(
                        new SslConnectionFactory(tls, alpn.getProtocol()), alpn, h2, new HttpConnectionFactory(https)));

        HTTP2CServerConnectionFactory h2c = new HTTP2CServerConnectionFactory(http);
        h2c.setMaxConcurrentStreams(MAX_STREAMS_PER_CONNECTION);
        connectors.put("h2c", connector(h2c));

        server.setHandler(new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                accept(request, response, callback);
                return true;
            }
        });
        server.start();
    }

    private ServerConnector connector(ConnectionFactory... factories) {
        ServerConnector connector = new ServerConnector(server, factories);
        connector.setHost("127.0.0.1");
        connector.setAcceptQueueSize(4096); // thousands of connects at once must not overflow the backlog
        server.addConnector(connector);
        return connector;
    }

    /** {@code http://127.0.0.1:port/v1} or {@code https://...} for {@code h1}, {@code h2} or {@code h2c}. */
    String baseUrl(String transport) {
        ServerConnector connector = connectors.get(transport);
        if (connector == null) {
            throw new IllegalArgumentException("unknown transport " + transport + "; known: " + connectors.keySet());
        }
        return (transport.equals("h2") ? "https" : "http") + "://127.0.0.1:" + connector.getLocalPort() + "/v1";
    }

    /** What the server saw since the last call, and starts counting anew. */
    Stats takeStats() {
        Map<String, Long> byVersion = new TreeMap<>();
        versions.forEach((version, count) -> byVersion.put(version, count.sumThenReset()));
        byVersion.values().removeIf(count -> count == 0);
        long first = firstArrival.getAndSet(Long.MAX_VALUE);
        long last = lastEnd.getAndSet(Long.MIN_VALUE);
        long burstStart = burstFirstArrival.getAndSet(Long.MAX_VALUE);
        long burstArrived = burstLastArrival.getAndSet(Long.MIN_VALUE);
        long burstFirstEvents = burstLastFirstEvent.getAndSet(Long.MIN_VALUE);
        Stats stats = new Stats(
                clientSockets.size(),
                byVersion,
                maxInProgress.getAndSet(inProgress.get()),
                last > first ? (last - first) / 1e9 : 0,
                longest.getAndSet(0) / 1e9,
                burstArrived > burstStart ? (burstArrived - burstStart) / 1e6 : 0,
                burstFirstEvents > burstStart ? (burstFirstEvents - burstStart) / 1e6 : 0);
        clientSockets.clear();
        return stats;
    }

    private void accept(Request request, Response response, Callback callback) {
        clientSockets.add(request.getConnectionMetaData().getRemoteSocketAddress());
        versions.computeIfAbsent(
                        request.getConnectionMetaData().getHttpVersion().asString(), v -> new LongAdder())
                .increment();
        long arrival = System.nanoTime();
        maxInProgress.accumulateAndGet(inProgress.incrementAndGet(), Math::max);
        Content.Source.asStringAsync(request, StandardCharsets.UTF_8).whenComplete((body, failure) -> {
            boolean warmup = failure == null && WARMUP_REQUEST.matcher(body).find();
            Callback done = Callback.from(callback, () -> ended(arrival, warmup));
            if (failure != null) {
                done.failed(failure);
                return;
            }
            response.getHeaders().put("x-request-id", "bench-request");
            if (STREAM_REQUEST.matcher(body).find()) {
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream");
                if (warmup) {
                    response.write(true, ByteBuffer.wrap(WARMUP_STREAM), done);
                } else {
                    burstFirstArrival.accumulateAndGet(arrival, Math::min);
                    burstLastArrival.accumulateAndGet(arrival, Math::max);
                    burstLastFirstEvent.accumulateAndGet(System.nanoTime(), Math::max);
                    new StreamWriter(response, done).write(0);
                }
            } else {
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, Payloads.CHAT_COMPLETION.length);
                Runnable answer = () -> response.write(true, ByteBuffer.wrap(Payloads.CHAT_COMPLETION), done);
                if (warmup) {
                    answer.run();
                } else {
                    scheduler.schedule(answer, ANSWER_SECONDS, TimeUnit.SECONDS);
                }
            }
        });
    }

    private void ended(long arrival, boolean warmup) {
        inProgress.decrementAndGet();
        if (!warmup) {
            long end = System.nanoTime();
            firstArrival.accumulateAndGet(arrival, Math::min);
            lastEnd.accumulateAndGet(end, Math::max);
            longest.accumulateAndGet(end - arrival, Math::max);
        }
    }

    /** Writes one stream's events on schedule, each after the write before it completed. */
    private final class StreamWriter {

        private final Response response;
        private final Callback done;
        private final long start = System.nanoTime();

        StreamWriter(Response response, Callback done) {
            this.response = response;
            this.done = done;
        }

        void write(int event) {
            if (event == EVENTS.length - 1) {
                response.write(true, ByteBuffer.wrap(EVENTS[event]), done);
                return;
            }
            long next = start + TimeUnit.MILLISECONDS.toNanos(INTERVAL_MS * (event + 1));
            response.write(
                    false,
                    ByteBuffer.wrap(EVENTS[event]),
                    Callback.from(
                            Invocable.InvocationType.NON_BLOCKING,
                            () -> scheduler.schedule(
                                    () -> write(event + 1), next - System.nanoTime(), TimeUnit.NANOSECONDS),
                            done::failed));
        }
    }

    private static byte[][] events() {
        byte[][] events = new byte[CHUNKS][];
        for (int i = 0; i < CHUNKS - 1; i++) {
            events[i] = Payloads.chunk(i % 2 == 0 ? "token " + i + " " : "通义千问", null)
                    .getBytes(StandardCharsets.UTF_8);
        }
        events[CHUNKS - 1] = (Payloads.chunk("", "stop") + Payloads.USAGE_AND_DONE).getBytes(StandardCharsets.UTF_8);
        return events;
    }

    private static byte[] concat(byte[][] parts) {
        ByteBuffer all = ByteBuffer.allocate(
                Arrays.stream(parts).mapToInt(part -> part.length).sum());
        for (byte[] part : parts) {
            all.put(part);
        }
        return all.array();
    }

    @Override
    public void close() throws Exception {
        server.stop();
        scheduler.shutdownNow();
    }
}
