package io.github.qwenlangchain4j.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How {@link Http2Lanes} admits calls when no connection has room: the waiting calls get room in the order they came,
 * each exactly once, and a call that waits past its timeout (or is interrupted) leaves the line without taking room
 * from the others. The connections themselves are not opened here: {@link Http2Lanes.Slot#opened} is what the
 * network interceptor calls when one is (ConcurrentCallsTest runs the whole thing against an HTTP/2 server).
 */
class Http2LanesTest {

    private static final Duration LONG = Duration.ofSeconds(30);

    private Http2Lanes lanes;
    private final List<Http2Lanes.Slot> firstLaneSlots = new ArrayList<>();

    /** One open lane carrying its full 100 calls, and a second lane opening with its one call. */
    @BeforeEach
    void fillTheOpenLaneAndStartOpeningAnother() throws InterruptedIOException {
        lanes = lanesOfANewOrigin();
        Http2Lanes.Slot opener = lanes.enter(LONG);
        opener.opened(Protocol.HTTP_2);
        firstLaneSlots.add(opener);
        for (int i = 1; i < Http2Lanes.STREAMS_PER_CONNECTION; i++) {
            firstLaneSlots.add(lanes.enter(Duration.ZERO)); // room at once: no wait, whatever the timeout
        }
        Http2Lanes.Slot secondLaneOpener = lanes.enter(Duration.ZERO);
        assertThat(secondLaneOpener.lane()).isNotSameAs(opener.lane());
    }

    @Test
    void should_give_the_room_a_finished_call_leaves_to_the_call_that_has_waited_longest() throws Exception {
        List<Integer> admitted = new CopyOnWriteArrayList<>();
        List<Thread> waiting = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int call = i;
            waiting.add(startAndAwaitParked(() -> {
                lanes.enter(LONG);
                admitted.add(call);
            }));
        }

        for (int i = 0; i < 5; i++) {
            firstLaneSlots.get(i).close();
            waiting.get(i).join(TimeUnit.SECONDS.toMillis(10));
            assertThat(admitted).as("after %d calls ended", i + 1).hasSize(i + 1);
        }
        assertThat(admitted).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void should_give_an_opened_connection_to_as_many_waiting_calls_as_it_carries_and_no_more() throws Exception {
        Http2Lanes fresh = lanesOfANewOrigin();
        Http2Lanes.Slot opener = fresh.enter(LONG);
        // 99 wait for the opening connection; the 100th would open another lane itself
        List<CompletableFuture<Http2Lanes.Slot>> calls = waitingCalls(fresh, Http2Lanes.STREAMS_PER_CONNECTION - 1);
        assertThat(calls).noneMatch(CompletableFuture::isDone);

        opener.opened(Protocol.HTTP_2);

        for (CompletableFuture<Http2Lanes.Slot> call : calls) {
            assertThat(call.get(10, TimeUnit.SECONDS).lane()).isSameAs(opener.lane());
        }
    }

    @Test
    void should_let_every_waiting_call_start_when_the_server_speaks_http1_only() throws Exception {
        Http2Lanes fresh = lanesOfANewOrigin();
        Http2Lanes.Slot opener = fresh.enter(LONG);
        List<CompletableFuture<Http2Lanes.Slot>> calls = waitingCalls(fresh, 50);

        opener.opened(Protocol.HTTP_1_1); // the server declined HTTP/2: a connection per call, no cap

        for (CompletableFuture<Http2Lanes.Slot> call : calls) {
            assertThat(call.get(10, TimeUnit.SECONDS).lane()).isSameAs(opener.lane());
        }
        assertThat(fresh.enter(Duration.ZERO).lane()).isSameAs(opener.lane());
    }

    @Test
    void should_fail_a_call_whose_timeout_passes_while_it_waits_and_pass_the_room_to_the_next() throws Exception {
        assertThatThrownBy(() -> lanes.enter(Duration.ofMillis(200)))
                .isInstanceOf(InterruptedIOException.class)
                .hasMessageContaining("timeout of 200 ms")
                .hasMessageContaining("at most 100 streams");

        CompletableFuture<Http2Lanes.Slot> next = new CompletableFuture<>();
        startAndAwaitParked(() -> next.complete(lanes.enter(LONG)));
        firstLaneSlots.get(0).close();

        assertThat(next.get(10, TimeUnit.SECONDS).lane())
                .isSameAs(firstLaneSlots.get(0).lane());
    }

    @Test
    void should_end_the_wait_of_an_interrupted_call_and_keep_its_interrupt() throws Exception {
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        CompletableFuture<Boolean> stillInterrupted = new CompletableFuture<>();
        Thread caller = startAndAwaitParked(() -> {
            try {
                lanes.enter(LONG);
            } catch (InterruptedIOException e) {
                failure.complete(e);
                stillInterrupted.complete(Thread.currentThread().isInterrupted());
            }
        });

        caller.interrupt();

        assertThat(failure.get(10, TimeUnit.SECONDS))
                .isInstanceOf(InterruptedIOException.class)
                .hasMessageContaining("Interrupted");
        assertThat(stillInterrupted.get(10, TimeUnit.SECONDS)).isTrue();
    }

    /** Lanes of their own: lanes are shared by origin and connection pool. */
    private static Http2Lanes lanesOfANewOrigin() {
        return Http2Lanes.of(new OkHttpClient(), HttpUrl.get("https://lanes-" + UUID.randomUUID() + ".example.com/v1"));
    }

    /** {@code count} calls to {@code lanes}, each on a thread of its own, started one by one, all waiting. */
    private static List<CompletableFuture<Http2Lanes.Slot>> waitingCalls(Http2Lanes lanes, int count)
            throws InterruptedException {
        List<CompletableFuture<Http2Lanes.Slot>> calls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            CompletableFuture<Http2Lanes.Slot> call = new CompletableFuture<>();
            calls.add(call);
            startAndAwaitParked(() -> call.complete(lanes.enter(LONG)));
        }
        return calls;
    }

    interface Call {
        void run() throws Exception;
    }

    /** Starts {@code call} on a thread of its own and returns once that thread waits (parked) in the lanes. */
    private static Thread startAndAwaitParked(Call call) throws InterruptedException {
        Thread thread = new Thread(() -> {
            try {
                call.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        thread.setDaemon(true);
        thread.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (thread.getState() != Thread.State.TIMED_WAITING) {
            assertThat(System.nanoTime()).as("the call waits").isLessThan(deadline);
            Thread.sleep(1);
        }
        return thread;
    }
}
