package io.github.qwenlangchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.langchain4j.exception.TimeoutException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Many calls at once: a stream starts when it is made (no queue behind OkHttp's dispatcher, which used to admit 256
 * and queue the rest silently), a {@code maxConcurrentCalls} limit is the user's choice and its wait counts toward
 * the call's timeout, and HTTP/2 refusals, GOAWAYs and dropped connections end each stream exactly once.
 *
 * <p>The streams are Qwen's documented stream ({@code fixtures/chat/stream_basic.sse.jsonl}, from the compatible-mode
 * page's streaming example), held open by the server after its first two events until the test releases them, so
 * that "open at the same time" is a fact of the test, not of timing.
 */
@Isolated // counts the threads and connections of the whole process
class ConcurrentCallsTest {

    private static final String API_KEY = "sk-concurrency-test-key";
    private static final List<String> EVENTS = Arrays.stream(
                    Fixtures.sseFromJsonLines("chat/stream_basic.sse.jsonl").split("(?<=\n\n)"))
            .toList();
    /** The role event and the first words: the client has output once these are read. */
    private static final String HEAD = EVENTS.get(0) + EVENTS.get(1);

    private static final String TAIL = String.join("", EVENTS.subList(2, EVENTS.size()));

    private static final String COMPLETION = Fixtures.read("chat/chat_response_nonstream_basic.json");

    private final MockWebServer server = new MockWebServer();
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger streamsServed = new AtomicInteger();
    /** How many of the next streams the server refuses unstarted, as an HTTP/2 server at its stream limit does. */
    private final AtomicInteger refuseNext = new AtomicInteger();
    /** What the server does to the connection after its next answer (GOAWAY, close). */
    private final AtomicReference<SocketEffect> afterNextAnswer = new AtomicReference<>();

    @AfterEach
    void stopServer() {
        release.countDown();
        server.close();
    }

    /** Serves held streams, and answers a request whose prompt names a special reply with it. */
    private void serve(java.util.function.Function<String, MockResponse> special) throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                if (request.getBody() == null) { // the server's record of a stream it refused before reading it
                    return new MockResponse.Builder().build();
                }
                String body = request.getBody().string(StandardCharsets.UTF_8);
                MockResponse reply = special.apply(body);
                if (reply != null) {
                    return reply;
                }
                streamsServed.incrementAndGet();
                return new MockResponse.Builder()
                        .addHeader("Content-Type", "text/event-stream")
                        .addHeader("x-request-id", "held-" + streamsServed.get())
                        .body(new HeldStream())
                        .build();
            }

            /** The server reads a stream's socket effects from here, before it reads the request. */
            @Override
            public MockResponse peek() {
                if (refuseNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) { // RST_STREAM REFUSED_STREAM (0x7)
                    return new MockResponse.Builder()
                            .onRequestStart(new SocketEffect.CloseStream(0x7))
                            .build();
                }
                return new MockResponse.Builder()
                        .onResponseEnd(afterNextAnswer.getAndSet(null))
                        .build();
            }
        });
        server.start();
    }

    /** Sends {@link #HEAD}, waits for {@link #release}, then sends the rest of the stream. */
    private final class HeldStream implements MockResponseBody {
        private final Runnable onEnd;

        HeldStream() {
            this(() -> {});
        }

        HeldStream(Runnable onEnd) {
            this.onEnd = onEnd;
        }

        @Override
        public long getContentLength() {
            return -1;
        }

        @Override
        public void writeTo(BufferedSink sink) throws IOException {
            sink.writeUtf8(HEAD).flush();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            sink.writeUtf8(TAIL).flush();
            onEnd.run();
        }
    }

    private String baseUrl() {
        return server.url("/compatible-mode/v1").toString();
    }

    private QwenStreamingChatModel.Builder streaming() {
        return QwenStreamingChatModel.builder()
                .apiKey(API_KEY)
                .baseUrl(baseUrl())
                .modelName("qwen-plus")
                .timeout(Duration.ofSeconds(30));
    }

    private List<RecordingHandler> startStreams(QwenStreamingChatModel model, int count) {
        List<RecordingHandler> handlers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            RecordingHandler handler = new RecordingHandler();
            handlers.add(handler);
            model.chat("Who are you? (" + i + ")", handler);
        }
        return handlers;
    }

    private static long withOutput(List<RecordingHandler> handlers) {
        return handlers.stream().filter(handler -> !handler.texts.isEmpty()).count();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(10);
        }
    }

    private static void awaitEnded(List<RecordingHandler> handlers) throws InterruptedException {
        await("every stream ended", () -> handlers.stream().allMatch(handler -> handler.terminalCalls.get() > 0));
    }

    private static boolean anyThreadIn(Class<?> type) {
        return Thread.getAllStackTraces().values().stream()
                .flatMap(Arrays::stream)
                .anyMatch(frame -> frame.getClassName().startsWith(type.getName()));
    }

    @Nested
    class Without_a_limit {

        @Test
        void should_open_more_streams_at_once_than_the_old_dispatcher_admitted() throws Exception {
            serve(body -> null);
            List<RecordingHandler> handlers = startStreams(streaming().build(), 300);

            // Each of the 300 has its first words while all 300 are still open: none waited for another to end.
            await("all 300 streams have output", () -> withOutput(handlers) == 300);
            assertThat(streamsServed).hasValue(300);
            assertThat(QwenCalls.running()).isGreaterThanOrEqualTo(300);
            assertThat(QwenCalls.waiting()).isZero();

            release.countDown();
            awaitEnded(handlers);
            assertThat(handlers).allSatisfy(handler -> {
                assertThat(handler.terminalCalls).hasValue(1);
                assertThat(handler.response).isCompleted();
            });
            await("no call is counted as running", () -> QwenCalls.running() == 0);
        }
    }

    @Nested
    class With_maxConcurrentCalls {

        @Test
        void should_hold_the_eleventh_call_and_fail_it_naming_the_limit_when_its_timeout_passes() throws Exception {
            serve(body -> null);
            List<RecordingHandler> open =
                    startStreams(streaming().maxConcurrentCalls(10).build(), 10);
            await("10 streams have output", () -> withOutput(open) == 10);

            RecordingHandler eleventh = new RecordingHandler();
            streaming()
                    .maxConcurrentCalls(10)
                    .timeout(Duration.ofMillis(700))
                    .build()
                    .chat("One more", eleventh);

            await("the eleventh call waits", () -> QwenCalls.waiting() == 1);
            Throwable error = eleventh.error.get(10, TimeUnit.SECONDS);
            assertThat(error)
                    .isInstanceOf(QwenCallLimitException.class)
                    .hasMessageContaining("maxConcurrentCalls(10)")
                    .hasMessageContaining("timeout of 700 ms");
            assertThat(((QwenCallLimitException) error).waited()).isGreaterThanOrEqualTo(Duration.ofMillis(700));
            assertThat(eleventh.terminalCalls).hasValue(1);
            assertThat(server.getRequestCount())
                    .as("the eleventh was never sent")
                    .isEqualTo(10);

            release.countDown();
            awaitEnded(open);
            assertThat(open).allSatisfy(handler -> assertThat(handler.response).isCompleted());
        }

        @Test
        void should_count_the_wait_toward_the_timeout_of_the_call_that_waited() throws Exception {
            // The sync answer takes 800 ms, well within a 1,500 ms timeout on its own...
            serve(body -> body.contains("Quick question")
                    ? new MockResponse.Builder()
                            .addHeader("Content-Type", "application/json")
                            .headersDelay(800, TimeUnit.MILLISECONDS)
                            .body(COMPLETION)
                            .build()
                    : null);
            QwenChatModel quick = QwenChatModel.builder()
                    .apiKey(API_KEY)
                    .baseUrl(baseUrl())
                    .modelName("qwen-plus")
                    .maxConcurrentCalls(10)
                    .timeout(Duration.ofMillis(1500))
                    .maxRetries(0)
                    .build();
            assertThat(quick.chat("Quick question")).isNotBlank();

            // ...but after waiting 900 ms for one of 10 open streams (same limit, same host: one shared limit) to
            // end, only 600 ms of its timeout are left.
            List<RecordingHandler> open =
                    startStreams(streaming().maxConcurrentCalls(10).build(), 10);
            await("10 streams have output", () -> withOutput(open) == 10);
            Thread releaser = new Thread(() -> {
                try {
                    Thread.sleep(900);
                } catch (InterruptedException e) {
                    return;
                }
                release.countDown();
            });
            releaser.start();

            Throwable failure = catchThrowable(() -> quick.chat("Quick question"));

            assertThat(failure).isInstanceOf(TimeoutException.class).isNotInstanceOf(QwenCallLimitException.class);
            assertThat(server.getRequestCount())
                    .as("sent once the limit let it in")
                    .isEqualTo(12);
            awaitEnded(open);
            assertThat(open).allSatisfy(handler -> assertThat(handler.response).isCompleted());
        }

        @Test
        void should_refuse_a_limit_below_one_when_built() {
            assertThat(catchThrowable(() -> QwenStreamingChatModel.builder()
                            .apiKey(API_KEY)
                            .maxConcurrentCalls(0)
                            .build()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("maxConcurrentCalls must be 1 or more");
        }
    }

    /** HTTP/2 with prior knowledge, as OkHttp speaks it to a gateway that offers h2; 500 streams on it. */
    @Nested
    class Over_http2 {

        private final OkHttpClient h2 = new OkHttpClient.Builder()
                .protocols(List.of(Protocol.H2_PRIOR_KNOWLEDGE))
                .build();

        private QwenStreamingChatModel model() {
            return streaming().httpClient(h2).maxRetries(0).build();
        }

        /** One call first, so that the 500 streams share its connection, as a busy application's would. */
        private void warmUp() {
            assertThat(QwenChatModel.builder()
                            .apiKey(API_KEY)
                            .baseUrl(baseUrl())
                            .httpClient(h2)
                            .build()
                            .chat("Warm up"))
                    .isNotBlank();
        }

        private MockResponse completion() {
            return new MockResponse.Builder()
                    .addHeader("Content-Type", "application/json")
                    .body(COMPLETION)
                    .build();
        }

        /**
         * HTTP/2 servers cap the streams of a connection (100 here, as the SETTINGS of many gateways say) and refuse
         * the rest; a burst must open more connections rather than pile onto one before the server's SETTINGS arrive.
         */
        @Test
        void should_spread_a_burst_of_1000_streams_over_connections_of_at_most_100_streams() throws Exception {
            server.setProtocols(List.of(Protocol.H2_PRIOR_KNOWLEDGE));
            Map<Integer, AtomicInteger> openPerConnection = new ConcurrentHashMap<>();
            AtomicInteger mostOnOneConnection = new AtomicInteger();
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    AtomicInteger open = openPerConnection.computeIfAbsent(
                            request.getConnectionIndex(), connection -> new AtomicInteger());
                    mostOnOneConnection.accumulateAndGet(open.incrementAndGet(), Math::max);
                    streamsServed.incrementAndGet();
                    return new MockResponse.Builder()
                            .addHeader("Content-Type", "text/event-stream")
                            .body(new HeldStream(open::decrementAndGet))
                            .build();
                }
            });
            server.start();

            List<RecordingHandler> handlers = startStreams(model(), 1000);
            await("all 1,000 streams have output", () -> withOutput(handlers) == 1000);

            assertThat(mostOnOneConnection.get()).isLessThanOrEqualTo(100);
            assertThat(openPerConnection).hasSize(10);
            release.countDown();
            awaitEnded(handlers);
            assertThat(handlers).allSatisfy(handler -> {
                assertThat(handler.terminalCalls).hasValue(1);
                assertThat(handler.response).isCompleted();
            });
            assertThat(streamsServed).hasValue(1000);
        }

        /**
         * A sync call's response headers come with the whole answer, seconds later: new connections must take more
         * calls once they are open, not once their first answer is in.
         */
        @Test
        void should_send_300_simultaneous_sync_calls_at_once_over_connections_of_at_most_100_streams()
                throws Exception {
            server.setProtocols(List.of(Protocol.H2_PRIOR_KNOWLEDGE));
            CountDownLatch allArrived = new CountDownLatch(300);
            Map<Integer, AtomicInteger> openPerConnection = new ConcurrentHashMap<>();
            AtomicInteger mostOnOneConnection = new AtomicInteger();
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                    AtomicInteger open = openPerConnection.computeIfAbsent(
                            request.getConnectionIndex(), connection -> new AtomicInteger());
                    mostOnOneConnection.accumulateAndGet(open.incrementAndGet(), Math::max);
                    allArrived.countDown();
                    // every answer waits until all 300 calls are in: calls held back by the client never arrive
                    boolean together = allArrived.await(20, TimeUnit.SECONDS);
                    open.decrementAndGet();
                    return new MockResponse.Builder()
                            .code(together ? 200 : 500)
                            .addHeader("Content-Type", "application/json")
                            .body(COMPLETION)
                            .build();
                }
            });
            server.start();
            QwenChatModel model = QwenChatModel.builder()
                    .apiKey(API_KEY)
                    .baseUrl(baseUrl())
                    .httpClient(h2)
                    .maxRetries(0)
                    .build();

            ExecutorService callers = Executors.newFixedThreadPool(300);
            try {
                List<Future<String>> answers = new ArrayList<>();
                for (int i = 0; i < 300; i++) {
                    answers.add(callers.submit(() -> model.chat("Who are you?")));
                }
                for (Future<String> answer : answers) {
                    assertThat(answer.get(60, TimeUnit.SECONDS)).isNotBlank();
                }
            } finally {
                callers.shutdownNow();
            }
            assertThat(allArrived.getCount()).isZero();
            assertThat(mostOnOneConnection.get()).isLessThanOrEqualTo(100);
            assertThat(openPerConnection).hasSize(3);
        }

        @Test
        void should_send_again_at_once_the_streams_the_server_refused_unstarted() throws Exception {
            server.setProtocols(List.of(Protocol.H2_PRIOR_KNOWLEDGE));
            serve(body -> body.contains("Warm up") ? completion() : null);
            warmUp();
            refuseNext.set(100);
            List<RecordingHandler> handlers = startStreams(model(), 500);

            await("all 500 streams have output", () -> withOutput(handlers) == 500);
            release.countDown();
            awaitEnded(handlers);

            // maxRetries(0): a refused stream is sent again although retries are off, since Qwen never saw it
            assertThat(handlers).allSatisfy(handler -> {
                assertThat(handler.terminalCalls).hasValue(1);
                assertThat(handler.response).isCompleted();
            });
            assertThat(streamsServed).hasValue(500);
            assertThat(refuseNext).hasValue(0);
        }

        @Test
        void should_finish_the_open_streams_after_a_goaway_and_start_new_ones_on_a_new_connection() throws Exception {
            server.setProtocols(List.of(Protocol.H2_PRIOR_KNOWLEDGE));
            serve(body -> body.contains("Warm up") || body.contains("Go away") ? completion() : null);
            warmUp();
            QwenStreamingChatModel model = model();
            List<RecordingHandler> before = startStreams(model, 500);
            await("500 streams have output", () -> withOutput(before) == 500);

            // The server says GOAWAY after this answer; streams opened meanwhile are refused and sent again.
            afterNextAnswer.set(SocketEffect.ShutdownConnection.INSTANCE);
            assertThat(QwenChatModel.builder()
                            .apiKey(API_KEY)
                            .baseUrl(baseUrl())
                            .httpClient(h2)
                            .build()
                            .chat("Go away"))
                    .isNotBlank();
            List<RecordingHandler> after = startStreams(model, 100);
            await("100 more streams have output", () -> withOutput(after) == 100);
            release.countDown();
            awaitEnded(before);
            awaitEnded(after);

            List<RecordingHandler> all = new ArrayList<>(before);
            all.addAll(after);
            assertThat(all).allSatisfy(handler -> {
                assertThat(handler.terminalCalls).hasValue(1);
                assertThat(handler.response).isCompleted();
            });
            assertThat(streamsServed).hasValue(600);
            await(
                    "no stream thread is left",
                    () -> !anyThreadIn(io.github.qwenlangchain4j.internal.client.SseCall.class));
            await(
                    "no connection is in use",
                    () -> h2.connectionPool().connectionCount()
                            == h2.connectionPool().idleConnectionCount());
        }

        @Test
        void should_fail_each_stream_that_had_output_exactly_once_when_the_connection_drops() throws Exception {
            server.setProtocols(List.of(Protocol.H2_PRIOR_KNOWLEDGE));
            serve(body -> body.contains("Warm up") || body.contains("Drop") ? completion() : null);
            warmUp();
            // 499 streams over connections of at most 100: one connection has room for the call that drops it
            List<RecordingHandler> handlers = startStreams(model(), 499);
            await("499 streams have output", () -> withOutput(handlers) == 499);

            afterNextAnswer.set(new SocketEffect.CloseSocket(true, false, false));
            catchThrowable(() -> QwenChatModel.builder()
                    .apiKey(API_KEY)
                    .baseUrl(baseUrl())
                    .httpClient(h2)
                    .maxRetries(0)
                    .build()
                    .chat("Drop"));
            await(
                    "the streams of the dropped connection failed",
                    () -> handlers.stream().anyMatch(handler -> !handler.errors.isEmpty()));
            release.countDown();
            awaitEnded(handlers);

            // Each stream ends once. Those on the dropped connection had output, so nothing is sent again: they hear
            // one error and no completion; the streams on the other connections complete.
            assertThat(handlers)
                    .allSatisfy(handler -> assertThat(handler.terminalCalls).hasValue(1));
            List<RecordingHandler> failed = handlers.stream()
                    .filter(handler -> !handler.errors.isEmpty())
                    .toList();
            assertThat(failed).isNotEmpty().allSatisfy(handler -> {
                assertThat(handler.texts).isNotEmpty();
                assertThat(handler.errors)
                        .singleElement()
                        .isInstanceOf(dev.langchain4j.exception.RetriableException.class);
                assertThat(handler.response).isNotDone();
            });
            assertThat(handlers.stream().filter(handler -> handler.errors.isEmpty()))
                    .hasSize(499 - failed.size())
                    .allSatisfy(handler -> assertThat(handler.response).isCompleted());
            assertThat(streamsServed).hasValue(499);
            await(
                    "no stream thread is left",
                    () -> !anyThreadIn(io.github.qwenlangchain4j.internal.client.SseCall.class));
            await(
                    "no connection is in use",
                    () -> h2.connectionPool().connectionCount()
                            == h2.connectionPool().idleConnectionCount());
            await("no call is counted as running", () -> QwenCalls.running() == 0);
        }
    }
}
