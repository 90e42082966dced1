package io.github.qwenlangchain4j.testkit.internal;

import com.sun.net.httpserver.HttpServer;

/**
 * Starts the JDK server so that its dispatcher is a daemon thread. The dispatcher is a plain thread that runs until
 * the server stops: a program (or a Spring application whose startup failed) that never closes the mock would never
 * exit. The thread inherits daemon status from the thread that starts the server, so the server is started from a
 * daemon thread.
 */
public final class DaemonStart {

    private DaemonStart() {}

    public static void start(HttpServer server) {
        RuntimeException[] failure = new RuntimeException[1];
        Thread starter = new Thread(() -> {
            try {
                server.start();
            } catch (RuntimeException e) {
                failure[0] = e;
            }
        }, "qwen-mock-server-start");
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
}
