package io.github.qwenlangchain4j.internal.client;

import java.io.InterruptedIOException;
import java.net.Proxy;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import okhttp3.Connection;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;

/**
 * Spreads the calls to an HTTP/2 origin over connections so that none carries more streams than servers allow.
 *
 * <p>Why: HTTP/2 servers cap the streams of a connection (typically 100 to 128) and say so in their first SETTINGS
 * frame, but OkHttp 5 puts every call of a burst on a fresh connection before that frame arrives. The server refuses
 * the streams over its cap ({@code REFUSED_STREAM}), and servers guarding against rapid resets (CVE-2023-44487) then
 * close the whole connection: 1,000 simultaneous streams against a 100-stream server measured seconds of refusals
 * and reconnections instead of ten connections.
 *
 * <p>How: each <em>lane</em> is a connection pool of its own, so the calls of a lane share its one HTTP/2 connection.
 * A lane admits one call until that call's connection is open (so that a burst does not start a connection per
 * call in a fresh pool), then up to {@link #STREAMS_PER_CONNECTION}. When no lane has room, another opens, several at once
 * when many calls wait, so that a burst of 1,000 opens ten connections in parallel rather than one after another.
 * A call waits only while its lane's connection opens, and that wait counts toward its timeout. A server that answers
 * over HTTP/1.1 (it declined HTTP/2 in the TLS handshake) ends the lanes of its origin: HTTP/1.1 opens a connection
 * per call anyway, so every later call starts at once in the first lane. A stream a server with a lower cap still
 * refuses was never started, and is sent again at once ({@link RetryPolicy}).
 *
 * <p>Lanes are shared by every client that calls the same origin through the same proxy and connection pool, as the
 * connections are. Clients that cannot speak HTTP/2 to the origin (plain {@code http://} without prior knowledge, or
 * HTTP/1.1 only) get no lanes at all.
 */
final class Http2Lanes {

    /** Streams a lane carries at most: what common HTTP/2 servers allow per connection (100 to 128, some more). */
    static final int STREAMS_PER_CONNECTION = 100;

    /**
     * The lanes of each connection pool, by origin and proxy. Weak keys: the registry must not keep a user's pool
     * alive, and nothing in it refers back to the pool (the first lane uses the client's own pool by convention).
     */
    /**
     * Tells a call's lane that its connection is open, as soon as it is (before the request is sent): a network
     * interceptor sees the connection, and the call carries its {@link Slot} as a request tag.
     */
    static final Interceptor CONNECTED = chain -> {
        Slot slot = chain.request().tag(Slot.class);
        Connection connection = chain.connection();
        if (slot != null && connection != null) {
            slot.opened(connection.protocol());
        }
        return chain.proceed(chain.request());
    };

    private static final Map<ConnectionPool, Map<Key, Http2Lanes>> SHARED =
            Collections.synchronizedMap(new WeakHashMap<>());

    private final ReentrantLock lock = new ReentrantLock();
    private final List<Lane> lanes = new ArrayList<>();
    /** The calls waiting for room, oldest first. Guarded by the lock. */
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    /** Written under the lock; read without it on the fast path of {@link Slot#opened}. */
    private volatile boolean http1;

    private Http2Lanes() {}

    /**
     * The lanes of {@code client}'s calls to {@code url}'s origin, or null when the client cannot speak HTTP/2 there
     * and every call may start at once.
     */
    static Http2Lanes of(OkHttpClient client, HttpUrl url) {
        List<Protocol> protocols = client.protocols();
        boolean h2 =
                url.isHttps() ? protocols.contains(Protocol.HTTP_2) : protocols.contains(Protocol.H2_PRIOR_KNOWLEDGE);
        if (!h2) {
            return null;
        }
        Key key = new Key(url.scheme() + "://" + url.host() + ":" + url.port(), client.proxy());
        return SHARED.computeIfAbsent(client.connectionPool(), pool -> new ConcurrentHashMap<>())
                .computeIfAbsent(key, k -> new Http2Lanes());
    }

    /**
     * Admits a call to a lane, waiting at most {@code timeout} for a lane's connection to open.
     *
     * <p>Calls that find no room wait in arrival order, and whoever makes room (a connection that opens, a call that
     * ends) hands it to the oldest ones directly: each waiting call is woken once, with its lane, rather than every
     * waiting call waking to compete for the room of one connection (with 900 calls waiting for nine connections to
     * open, that herd of wake-ups delayed first tokens by a second on two cores).
     *
     * @throws InterruptedIOException when no lane had room within the timeout, or the wait was interrupted
     */
    Slot enter(Duration timeout) throws InterruptedIOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Waiter waiter;
        lock.lock();
        try {
            if (http1) {
                return admit(firstLane());
            }
            if (waiters.isEmpty()) {
                Lane lane = laneWithRoom();
                if (lane != null) {
                    return admit(lane);
                }
            }
            // open another lane, for this call, when the ones opening will not take every call waiting
            if ((long) openingLanes() * (STREAMS_PER_CONNECTION - 1) < waiters.size() + 1) {
                return admit(newLane());
            }
            waiter = new Waiter(Thread.currentThread());
            waiters.addLast(waiter);
        } finally {
            lock.unlock();
        }
        return await(waiter, deadline, timeout);
    }

    private Slot await(Waiter waiter, long deadline, Duration timeout) throws InterruptedIOException {
        while (waiter.lane == null) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || Thread.interrupted()) {
                boolean interrupted = left > 0;
                lock.lock();
                try {
                    if (waiter.lane != null) {
                        if (interrupted) {
                            Thread.currentThread().interrupt(); // given a lane just now: take it, keep the interrupt
                        }
                        break;
                    }
                    waiters.remove(waiter);
                } finally {
                    lock.unlock();
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException(
                            "Interrupted while waiting for an HTTP/2 connection to the Qwen API");
                }
                throw new InterruptedIOException("No HTTP/2 connection to the Qwen API had room within the call's"
                        + " timeout of " + timeout.toMillis() + " ms: " + laneCount()
                        + " connections were open or opening, each carrying at most " + STREAMS_PER_CONNECTION
                        + " streams");
            }
            LockSupport.parkNanos(this, left);
        }
        return new Slot(waiter.lane);
    }

    /** Hands the room there is to the oldest waiting calls. Called under the lock. */
    private void handOutRoom() {
        while (!waiters.isEmpty()) {
            Lane lane = http1 ? firstLane() : laneWithRoom();
            if (lane == null) {
                return;
            }
            Waiter waiter = waiters.pollFirst();
            lane.running++;
            waiter.lane = lane;
            LockSupport.unpark(waiter.thread);
        }
    }

    private Lane laneWithRoom() {
        for (Lane lane : lanes) {
            if (lane.running < lane.capacity()) {
                return lane;
            }
        }
        return null;
    }

    private int openingLanes() {
        int opening = 0;
        for (Lane lane : lanes) {
            if (!lane.open) {
                opening++;
            }
        }
        return opening;
    }

    private int laneCount() {
        lock.lock();
        try {
            return lanes.size();
        } finally {
            lock.unlock();
        }
    }

    private Lane firstLane() {
        return lanes.isEmpty() ? newLane() : lanes.get(0);
    }

    private Lane newLane() {
        // the first lane is the client's own pool (null here); the others get pools of their own
        Lane lane = new Lane(lanes.isEmpty() ? null : new ConnectionPool(4, 5, TimeUnit.MINUTES));
        lanes.add(lane);
        return lane;
    }

    private Slot admit(Lane lane) {
        lane.running++;
        return new Slot(lane);
    }

    /** A call waiting for room, and the lane it is given. */
    private static final class Waiter {
        private final Thread thread;
        private volatile Lane lane;

        private Waiter(Thread thread) {
            this.thread = thread;
        }
    }

    /** One connection pool, so one HTTP/2 connection, and the calls it carries. Guarded by the lock. */
    static final class Lane {
        private final ConnectionPool pool;
        private int running;
        private volatile boolean open;

        private Lane(ConnectionPool pool) {
            this.pool = pool;
        }

        /** The lane's own connection pool, or null for the first lane, which uses the client's. */
        ConnectionPool pool() {
            return pool;
        }

        private int capacity() {
            return open ? STREAMS_PER_CONNECTION : 1;
        }
    }

    /** A call's place in a lane, from before it is sent until its response is closed. */
    final class Slot implements AutoCloseable {
        private final Lane lane;
        private boolean closed;

        private Slot(Lane lane) {
            this.lane = lane;
        }

        /** The lane whose connection pool the call must use. */
        Lane lane() {
            return lane;
        }

        /** The lane's connection is open, and speaks {@code protocol}. */
        void opened(Protocol protocol) {
            boolean isHttp1 = protocol == Protocol.HTTP_1_1;
            if (lane.open && (!isHttp1 || http1)) {
                return; // the usual case, every call on an open lane: nothing to change, no lock
            }
            lock.lock();
            try {
                lane.open = true;
                http1 |= isHttp1;
                handOutRoom();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void close() {
            lock.lock();
            try {
                if (!closed) {
                    closed = true;
                    lane.running--;
                    handOutRoom();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    private record Key(String origin, Proxy proxy) {}
}
