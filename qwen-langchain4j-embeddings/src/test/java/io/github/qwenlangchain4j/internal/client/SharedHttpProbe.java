package io.github.qwenlangchain4j.internal.client;

/** Lets the reliability tests see the library's shared OkHttp pool and dispatcher (package-private in core). */
public final class SharedHttpProbe {

    private SharedHttpProbe() {}

    public static int connectionCount() {
        return SharedHttp.CLIENT.connectionPool().connectionCount();
    }

    public static int idleConnectionCount() {
        return SharedHttp.CLIENT.connectionPool().idleConnectionCount();
    }

    /** Closes the idle connections; connections still in use (leaked) stay and keep being counted. */
    public static void evictIdleConnections() {
        SharedHttp.CLIENT.connectionPool().evictAll();
    }

    public static int runningCalls() {
        return SharedHttp.CLIENT.dispatcher().runningCallsCount();
    }

    public static int queuedCalls() {
        return SharedHttp.CLIENT.dispatcher().queuedCallsCount();
    }
}
