package io.github.qwenlangchain4j.internal.client;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The threads asynchronous streams are read on: one per open stream, started when the stream is, never queued.
 *
 * <p>From JDK 24 on they are virtual threads, so thousands of open streams cost a few KB each and no platform
 * thread. Not on JDK 21-23: there a virtual thread that waits in {@code Object.wait} or blocks inside a
 * {@code synchronized} block pins its carrier (JEP 491 lifted that in JDK 24), and OkHttp's HTTP/2 streams wait for
 * their data exactly so; the scheduler then adds carriers up to its maximum of 256 and the streams beyond it wait,
 * the hidden queue this class exists to avoid. There, as on JDK 17, each stream gets a daemon platform thread from a
 * cached pool (no queue, idle threads end after 60 s).
 *
 * <p>Both kinds are daemons: a program exits when {@code main} returns, even with a stream still open. A program
 * that wants the answer waits for its handler, as it would with the JDK's {@code HttpClient}.
 */
final class StreamThreads {

    private static final String NAME = "qwen-langchain4j stream";

    /** Runs each task on a new virtual thread (JDK 24+) or a pooled daemon platform thread. */
    static final Executor EXECUTOR = create();

    /** Whether streams run on virtual threads in this JVM. */
    static final boolean VIRTUAL = EXECUTOR instanceof VirtualThreadPerTask;

    private StreamThreads() {}

    private static Executor create() {
        if (Runtime.version().feature() >= 24) {
            ThreadFactory virtual = virtualThreadFactory();
            if (virtual != null) {
                return new VirtualThreadPerTask(virtual);
            }
        }
        AtomicLong count = new AtomicLong();
        return new ThreadPoolExecutor(
                0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, NAME + " " + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /**
     * {@code Thread.ofVirtual().name(NAME + " ", 1).factory()}, looked up at run time: the library is compiled for
     * Java 17, which has no virtual threads. Null when the lookup fails (it should not on JDK 24+).
     */
    private static ThreadFactory virtualThreadFactory() {
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Class<?> builderClass = Class.forName("java.lang.Thread$Builder");
            Class<?> ofVirtualClass = Class.forName("java.lang.Thread$Builder$OfVirtual");
            MethodHandle ofVirtual =
                    lookup.findStatic(Thread.class, "ofVirtual", MethodType.methodType(ofVirtualClass));
            MethodHandle name = lookup.findVirtual(
                    builderClass, "name", MethodType.methodType(builderClass, String.class, long.class));
            MethodHandle factory =
                    lookup.findVirtual(builderClass, "factory", MethodType.methodType(ThreadFactory.class));
            Object builder = name.invoke(ofVirtual.invoke(), NAME + " ", 1L);
            return (ThreadFactory) factory.invoke(builder);
        } catch (Throwable unavailable) {
            return null;
        }
    }

    /** A new virtual thread per task: virtual threads are cheap to start and must not be pooled. */
    private record VirtualThreadPerTask(ThreadFactory factory) implements Executor {
        @Override
        public void execute(Runnable task) {
            factory.newThread(task).start();
        }
    }
}
