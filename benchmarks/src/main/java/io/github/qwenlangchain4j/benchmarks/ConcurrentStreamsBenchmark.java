package io.github.qwenlangchain4j.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * N simultaneous slow chats, this library beside LangChain4j's OpenAI module, each client in a JVM of its own, on
 * JDK 17 and on the newest JDK: what a chat backend serving many users at once gets from its client library. The
 * server ({@link StreamServer}, in this JVM) streams {@value StreamServer#CHUNKS} chunks 100 ms apart (4.9 s per
 * stream) over HTTP/1.1 or HTTP/2 over TLS (at most 100 streams per connection); it is checked first
 * ({@link RawStreamClient}) to complete 2,000 streams within {@value #CHECK_LIMIT_SECONDS} s on its own, so that what
 * the table shows is the clients'. Each client JVM ({@link StreamClient}) starts all N streams from one thread and
 * reports whether all completed, the wall time (ideally 4.9 s, one stream), the time to first token, its peak
 * platform threads, and the heap per open stream (heap after a full GC with all streams open, minus before, over N),
 * running with {@code -Xmx256m}.
 *
 * <p>{@code -Dstreams.mode=sync} runs N blocking {@code chat()} calls instead ({@link SyncClient}: the server answers
 * after 5 s), from N platform threads and, on JDK 21+, N virtual threads. {@code -Dstreams.mode=check} only checks
 * the server.
 *
 * <p>Switches (comma-separated lists): {@code streams.n} (default 1000,2000; sync 1000), {@code streams.transport}
 * (h1, h2 and h2c, HTTP/2 cleartext with prior knowledge, this library only; default h1,h2), {@code streams.jdk}
 * (labels, default 17,25; {@code -Dstreams.java.<label>=<java home>} adds or moves one), {@code streams.clients}
 * (default qwen,openai), {@code streams.threads} (sync mode; default platform,virtual), {@code streams.rounds}
 * (default 1), {@code streams.xmx} (the clients' heap, default 256m), {@code streams.timeout} (seconds a client waits
 * for its calls, default 120), {@code streams.exitGrace} (seconds a client has to exit after its result, default 10),
 * {@code streams.jvmArgs} (extra options of the client JVMs, space-separated, e.g. a JFR recording),
 * {@code streams.warmup.rounds}, {@code streams.warmup.streams} and {@code streams.warmup.pause} (the clients' warm-up,
 * default 100 rounds of 50 calls the server answers at once, then 2,000 ms: see {@link StreamClient#WARMUP_ROUNDS}),
 * {@code streams.clientCpus} (Linux: the CPUs the clients run on, through {@code taskset -c}; start the benchmark
 * itself under {@code taskset -c} with the others to give client and server cores of their own),
 * {@code streams.callers} (streams mode: the threads that start the streams, default 1; see
 * {@link StreamClient#CALLERS}), {@code streams.trace} (default false: each client also prints when each tenth of its calls started and got its first
 * token), {@code streams.check} (default true: check the server first in streams mode), {@code streams.check.n} (default
 * 2000) and {@code streams.check.jdk} (the label the check's client runs on, default 25).
 *
 * <p>Run it from the repository root with the class path Maven resolves (the parent's JDK only runs the server):
 * <pre>
 * mvn -B -q -pl benchmarks -am -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
 * java -cp benchmarks/target/classes:$(cat benchmarks/target/classpath.txt) \
 *     io.github.qwenlangchain4j.benchmarks.ConcurrentStreamsBenchmark
 * </pre>
 */
public final class ConcurrentStreamsBenchmark {

    static final double CHECK_LIMIT_SECONDS = 5.3;

    private static final String MODE = System.getProperty("streams.mode", "streams");
    private static final List<Integer> COUNTS = list("streams.n", MODE.equals("sync") ? "1000" : "1000,2000").stream()
            .map(Integer::valueOf)
            .toList();
    private static final List<String> TRANSPORTS = list("streams.transport", "h1,h2");
    private static final List<String> JDKS = list("streams.jdk", "17,25");
    private static final List<String> CLIENTS = list("streams.clients", String.join(",", ClientModels.CLIENTS));
    private static final List<String> THREADS = list("streams.threads", "platform,virtual");
    private static final int ROUNDS = Integer.getInteger("streams.rounds", 1);
    private static final String XMX = System.getProperty("streams.xmx", "256m");
    private static final int TIMEOUT_SECONDS = Integer.getInteger("streams.timeout", 120);
    private static final Duration EXIT_GRACE = Duration.ofSeconds(Integer.getInteger("streams.exitGrace", 10));
    private static final boolean CHECK = Boolean.parseBoolean(System.getProperty("streams.check", "true"));
    private static final int CHECK_STREAMS = Integer.getInteger("streams.check.n", 2_000);
    private static final String CHECK_JDK = System.getProperty("streams.check.jdk", "25");
    private static final String JETTY_LOG_LEVEL = "org.slf4j.simpleLogger.log.org.eclipse.jetty";

    private final StreamServer server;
    private final ChildJvm children;
    private final List<String> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private ConcurrentStreamsBenchmark(StreamServer server, ChildJvm children) {
        this.server = server;
        this.children = children;
    }

    public static void main(String[] args) throws Exception {
        if (System.getProperty(JETTY_LOG_LEVEL) == null) {
            System.setProperty(JETTY_LOG_LEVEL, "warn"); // read when slf4j-simple starts, before the server does
        }
        if (!List.of("streams", "sync", "check").contains(MODE)) {
            throw new IllegalArgumentException("streams.mode is streams, sync or check, not " + MODE);
        }
        System.out.printf(
                Locale.ROOT,
                "Concurrent streams benchmark (%s mode), %s, %d cores, server on Java %s, %s,"
                        + " clients with -Xmx%s, %d round%s%n%n",
                MODE,
                LocalDate.now(),
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"),
                openFilesLimit(),
                XMX,
                ROUNDS,
                ROUNDS == 1 ? "" : "s");
        try (SelfSignedTls tls = new SelfSignedTls();
                StreamServer server = new StreamServer(tls.keyStore(), tls.password())) {
            List<String> options = new ArrayList<>(List.of("-Xmx" + XMX, "-XX:+ExitOnOutOfMemoryError"));
            options.addAll(tls.clientJvmOptions());
            for (String forwarded : List.of(
                    "streams.warmup.rounds",
                    "streams.warmup.streams",
                    "streams.warmup.pause",
                    "streams.trace",
                    "streams.callers")) {
                if (System.getProperty(forwarded) != null) {
                    options.add("-D" + forwarded + "=" + System.getProperty(forwarded));
                }
            }
            String jvmArgs = System.getProperty("streams.jvmArgs", "").strip(); // e.g. a flight recording
            if (!jvmArgs.isEmpty()) {
                options.addAll(List.of(jvmArgs.split("\\s+")));
            }
            ConcurrentStreamsBenchmark benchmark =
                    new ConcurrentStreamsBenchmark(server, new ChildJvm(options, EXIT_GRACE));
            if (MODE.equals("check") || (MODE.equals("streams") && CHECK)) {
                benchmark.checkServer();
            }
            if (MODE.equals("streams")) {
                benchmark.streams();
            } else if (MODE.equals("sync")) {
                benchmark.sync();
            }
        }
    }

    // ---- the server alone

    private void checkServer() throws Exception {
        System.out.printf(
                Locale.ROOT,
                "Server check: %,d streams from a bare client (JDK %s), limit %.1f s; %s%n",
                CHECK_STREAMS,
                CHECK_JDK,
                CHECK_LIMIT_SECONDS,
                loadAverage());
        List<String> table = new ArrayList<>(List.of(
                "| Transport | Streams | Completed | Wall | Started all in"
                        + " | First bytes p50 / p99 | Server: sockets, most in progress | Server: first request to last end,"
                        + " longest stream | Wall within " + CHECK_LIMIT_SECONDS + " s |",
                "|---|---|---|---|---|---|---|---|---|"));
        for (String transport : TRANSPORTS) {
            if (transport.equals("h2c")) {
                System.out.println("  h2c not checked: the bare clients speak h1 and h2 (TLS)");
                continue;
            }
            server.takeStats();
            ChildJvm.Outcome outcome = children.run(
                    javaHome(CHECK_JDK),
                    RawStreamClient.class,
                    Duration.ofSeconds(TIMEOUT_SECONDS + 30),
                    List.of(
                            transport,
                            server.baseUrl(transport),
                            Integer.toString(CHECK_STREAMS),
                            Integer.toString(TIMEOUT_SECONDS)));
            StreamServer.Stats stats = server.takeStats();
            RunResult r = outcome.result();
            if (r == null) {
                table.add("| " + transport + " | " + CHECK_STREAMS + " | no result: " + outcome.lastLine()
                        + " | | | | | | **no** |");
                continue;
            }
            table.add(String.format(
                    Locale.ROOT,
                    "| %s | %,d | %s | %.2f s | %.0f ms | %s / %s | %,d, %,d" + " | %.2f s, %.2f s | %s |",
                    transport,
                    CHECK_STREAMS,
                    completed(r),
                    r.wallSeconds(),
                    r.startMillis(),
                    ms(r.p50Ms()),
                    ms(r.p99Ms()),
                    stats.connections(),
                    stats.maxInProgress(),
                    stats.wallSeconds(),
                    stats.longestSeconds(),
                    r.completed() == CHECK_STREAMS && r.wallSeconds() <= CHECK_LIMIT_SECONDS ? "yes" : "**no**"));
            System.out.println("  " + transport + " checked; " + loadAverage()
                    + (r.firstError() == null ? "" : "; first error: " + r.firstError()));
        }
        table.forEach(System.out::println);
        System.out.println();
    }

    // ---- streaming

    private void streams() throws Exception {
        rows.add("| Client | JDK | Transport | Streams | Completed | Wall | Wall / 5 s | TTFT p50 / p90 / p99 / max"
                + " | Peak platform threads | Heap per open stream | Server: sockets, most in progress"
                + " | Exited by itself |");
        rows.add("|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (int round = 1; round <= ROUNDS; round++) {
            for (String jdk : JDKS) {
                for (String transport : TRANSPORTS) {
                    for (int n : COUNTS) {
                        for (String client : CLIENTS) {
                            if (ClientModels.supports(client, transport)) {
                                stream(round, jdk, transport, n, client);
                            }
                        }
                    }
                }
            }
        }
        print("Streams");
    }

    private void stream(int round, String jdk, String transport, int n, String client) throws Exception {
        runClient(
                String.format(Locale.ROOT, "%s, JDK %s, %s, %,d streams, round %d", client, jdk, transport, n, round),
                jdk,
                StreamClient.class,
                List.of(client, transport, server.baseUrl(transport), Integer.toString(n)),
                List.of(client, jdk, transport, String.format(Locale.ROOT, "%,d", n)));
    }

    /**
     * Runs one client JVM ({@code main} with {@code arguments}, then the timeout) on {@code jdk} and adds its row:
     * {@code columns} describe the scenario, the rest comes from the client's result and the server's stats.
     */
    private void runClient(String scenario, String jdk, Class<?> main, List<String> arguments, List<String> columns)
            throws Exception {
        System.out.println("Running " + scenario);
        server.takeStats();
        List<String> withTimeout = new ArrayList<>(arguments);
        withTimeout.add(Integer.toString(TIMEOUT_SECONDS));
        ChildJvm.Outcome outcome =
                children.run(javaHome(jdk), main, Duration.ofSeconds(TIMEOUT_SECONDS + 60), withTimeout);
        StreamServer.Stats stats = server.takeStats();
        rows.add(row(columns, outcome, stats));
        if (outcome.result() != null) {
            error(scenario, outcome.result());
        }
    }

    // ---- sync

    private void sync() throws Exception {
        rows.add("| Client | JDK | Transport | Threads | Calls | Completed | Wall | Wall / 5 s"
                + " | Latency p50 / p90 / p99 / max | Peak platform threads | Heap per open call"
                + " | Server: sockets, most in progress | Exited by itself |");
        rows.add("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (int round = 1; round <= ROUNDS; round++) {
            for (String jdk : JDKS) {
                for (String threads : THREADS) {
                    if (threads.equals("virtual") && Integer.parseInt(jdk.replaceAll("\\D.*", "")) < 21) {
                        continue; // no virtual threads before JDK 21
                    }
                    for (String transport : TRANSPORTS) {
                        for (int n : COUNTS) {
                            for (String client : CLIENTS) {
                                if (ClientModels.supports(client, transport)) {
                                    call(round, jdk, threads, transport, n, client);
                                }
                            }
                        }
                    }
                }
            }
        }
        print("Sync calls");
    }

    private void call(int round, String jdk, String threads, String transport, int n, String client) throws Exception {
        runClient(
                String.format(
                        Locale.ROOT,
                        "%s, JDK %s, %s, %,d sync calls on %s threads, round %d",
                        client,
                        jdk,
                        transport,
                        n,
                        threads,
                        round),
                jdk,
                SyncClient.class,
                List.of(client, transport, server.baseUrl(transport), Integer.toString(n), threads),
                List.of(client, jdk, transport, threads, String.format(Locale.ROOT, "%,d", n)));
    }

    // ---- the table

    private String row(List<String> scenario, ChildJvm.Outcome outcome, StreamServer.Stats stats) {
        RunResult r = outcome.result();
        String exited = outcome.exitedByItself()
                ? String.format(
                        Locale.ROOT,
                        "yes (%.1f s)%s",
                        outcome.exitMillis() / 1000.0,
                        outcome.exitCode() == 0 ? "" : ", exit " + outcome.exitCode())
                : "**no** (killed after " + EXIT_GRACE.toSeconds() + " s)";
        String server = String.format(Locale.ROOT, "%,d, %,d", stats.connections(), stats.maxInProgress());
        if (r == null) {
            return "| " + String.join(" | ", scenario) + " | no result: " + outcome.lastLine() + " | | | | | | "
                    + server + " | " + exited + " |";
        }
        System.out.printf(
                Locale.ROOT,
                "  %s; started all in %.0f ms; %d open at %.1f s; heap %s idle, %s open"
                        + " (max %s); server: %s, longest answer %.2f s, streams arrived within %.0f ms, the last"
                        + " one's first event written %.0f ms after the first arrival; Java %s; %s%n",
                completed(r),
                r.startMillis(),
                r.openAtSample(),
                r.sampleMillis() / 1000,
                mib(r.heapIdleBytes()),
                mib(r.heapOpenBytes()),
                mib(r.maxHeapBytes()),
                stats.requestsByVersion(),
                stats.longestSeconds(),
                stats.lastArrivalMillis(),
                stats.lastFirstEventMillis(),
                r.javaVersion(),
                loadAverage());
        String heap = String.format(
                Locale.ROOT,
                "%.1f KiB%s",
                r.heapPerCall() / 1024.0,
                r.openAtSample() == r.requested()
                        ? ""
                        : String.format(
                                Locale.ROOT, " (%,d open at %.1f s)", r.openAtSample(), r.sampleMillis() / 1000));
        return String.format(
                Locale.ROOT,
                "| %s | %s | %.2f s | %.2fx | %s / %s / %s / %s | %,d | %s | %s | %s |",
                String.join(" | ", scenario),
                completed(r),
                r.wallSeconds(),
                r.wallSeconds() / StreamServer.ANSWER_SECONDS,
                ms(r.p50Ms()),
                ms(r.p90Ms()),
                ms(r.p99Ms()),
                ms(r.maxMs()),
                r.peakThreads(),
                heap,
                server,
                exited);
    }

    private static String completed(RunResult r) {
        return String.format(
                Locale.ROOT,
                "%,d/%,d%s",
                r.completed(),
                r.requested(),
                r.errors() == 0 ? "" : String.format(Locale.ROOT, ", **%,d errors**", r.errors()));
    }

    /** Milliseconds below 10 s, seconds above; "-" when nothing was measured. */
    private static String ms(double millis) {
        if (millis < 0) {
            return "-";
        }
        return millis < 10_000
                ? String.format(Locale.ROOT, "%.0f ms", millis)
                : String.format(Locale.ROOT, "%.1f s", millis / 1000);
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1024.0 / 1024.0);
    }

    private void error(String scenario, RunResult r) {
        if (r.firstError() != null) {
            notes.add(String.format(
                    Locale.ROOT, "- %s: %,d errors, the first: `%s`", scenario, r.errors(), r.firstError()));
        }
    }

    private void print(String title) {
        System.out.println();
        System.out.println(
                title + " (" + ROUNDS + " round" + (ROUNDS == 1 ? "" : "s") + ", clients with -Xmx" + XMX + "):");
        System.out.println();
        rows.forEach(System.out::println);
        if (!notes.isEmpty()) {
            System.out.println();
            System.out.println("Errors:");
            notes.forEach(System.out::println);
        }
    }

    // ---- settings

    private static List<String> list(String property, String defaults) {
        return Arrays.stream(System.getProperty(property, defaults).split(","))
                .map(String::trim)
                .filter(value -> !value.isEmpty())
                .toList();
    }

    private static Path javaHome(String label) {
        String configured = System.getProperty("streams.java." + label);
        Path home = Path.of(
                configured != null
                        ? configured
                        : switch (label) {
                            case "17" -> "/usr/lib/jvm/java-17-openjdk-amd64";
                            case "25" -> "/usr/lib/jvm/temurin-25-jdk-amd64";
                            default ->
                                throw new IllegalArgumentException("no Java home for JDK " + label
                                        + "; set -Dstreams.java." + label + "=<java home>");
                        });
        if (!Files.isExecutable(home.resolve("bin").resolve("java"))) {
            throw new IllegalArgumentException("no bin/java in " + home + " (JDK " + label + ")");
        }
        return home;
    }

    /** The machine's load (Linux): this benchmark measures wall times, which other processes stretch. */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return "load average " + fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "load average unknown";
        }
    }

    /** This process's open files limit (Linux), which the children inherit. */
    private static String openFilesLimit() throws IOException {
        Path limits = Path.of("/proc/self/limits");
        if (!Files.exists(limits)) {
            return "open files limit unknown";
        }
        return Files.readAllLines(limits).stream()
                .filter(line -> line.startsWith("Max open files"))
                .map(line -> "open files limit " + line.replaceAll("^Max open files\\s+(\\S+).*", "$1"))
                .findFirst()
                .orElse("open files limit unknown");
    }
}
