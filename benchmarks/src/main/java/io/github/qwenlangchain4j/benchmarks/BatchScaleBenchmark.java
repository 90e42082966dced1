package io.github.qwenlangchain4j.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.management.GarbageCollectionNotificationInfo;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.chat.request.ChatRequest;
import io.github.qwenlangchain4j.batch.QwenBatchChat;
import io.github.qwenlangchain4j.batch.QwenBatchJob;
import io.github.qwenlangchain4j.embedding.QwenBatchEmbeddings;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Batch at scale ({@code -Donly=batchscale}): {@code QwenBatchEmbeddings.submit} of 1,000,000 segments and
 * {@code QwenBatchChat.submit} of 50,000 requests, each in a child JVM started with {@code -Xmx256m} (exec:java runs
 * in Maven's JVM, whose heap is not the point), against {@link BatchUploadServer} in this JVM. The child times
 * {@code submit} (map, write the JSONL, upload, create the batches) and reports its heap: the most in use at any
 * moment (garbage included: G1 lets the young generation fill the heap it is given, so this follows -Xmx more than
 * the library) and the most still in use just after any collection during the call (what the call really holds,
 * plus garbage a young collection leaves in the old generation). This JVM checks
 * what the server received: the line count, Qwen's per-file limits, and the first and last custom ids.
 *
 * <p>Switches: {@code -Dbatchscale.segments} (default 1,000,000), {@code -Dbatchscale.requests} (default 50,000),
 * {@code -Dbatchscale.xmx} (default 256m) and {@code -Dbatchscale.input}: {@code lazy} (a list that makes each item
 * when asked, as a reader over a database or file would: the heap is the library's alone), {@code list} (every item
 * in an ArrayList first, as most callers have them), or both (default, {@code lazy,list});
 * {@code -Dbatchscale.jvmArgs} adds options to the child JVM (space-separated, e.g. {@code -XX:+UseSerialGC}).
 */
final class BatchScaleBenchmark {

    private static final int SEGMENTS = Integer.getInteger("batchscale.segments", 1_000_000);
    private static final int REQUESTS = Integer.getInteger("batchscale.requests", 50_000);
    private static final String XMX = System.getProperty("batchscale.xmx", "256m");
    private static final List<String> INPUTS = Arrays.stream(
                    System.getProperty("batchscale.input", "lazy,list").split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .toList();
    /** More options for the child JVM, space-separated, e.g. {@code -XX:+UseSerialGC}. */
    private static final List<String> JVM_ARGS = Arrays.stream(
                    System.getProperty("batchscale.jvmArgs", "").split(" "))
            .filter(s -> !s.isBlank())
            .toList();

    private static final String RESULT = "BATCHSCALE ";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "sk-bench";
    private static final String SYSTEM = "You triage customer support tickets for a cloud provider. Answer with one"
            + " JSON object: category (billing, access, quota, outage, other), urgency (1-5), a one-line summary, and"
            + " the team to route it to. Never invent facts that are not in the ticket.";
    private static final String TICKET = "Since this morning our batch jobs in the Singapore region stay in"
            + " validating for hours, then fail with an input file error although the same file worked last week. We"
            + " upload about forty thousand requests per file, all for qwen-plus, each below a kilobyte. The console"
            + " shows the file as processed. Our nightly report depends on it and the customer deadline is tomorrow"
            + " at nine. Could you check whether something changed in the limits, or whether our account is"
            + " throttled? We have already retried twice with new files and got the same result both times.";

    private BatchScaleBenchmark() {}

    /** One child run, as the child reported it and the server saw it. */
    record Measurement(
            String kind,
            String input,
            int items,
            boolean ok,
            String failure,
            double seconds,
            long peakBytes,
            long maxLiveBytes,
            long inputBytes,
            long gcMillis,
            int gcCount,
            int files,
            int lines,
            long fileBytes,
            double receiveSeconds,
            String check) {}

    /** Runs every combination the switches ask for and returns the rows for the table. */
    static List<Benchmarks.Row> run() throws Exception {
        List<Benchmarks.Row> rows = new ArrayList<>();
        try (BatchUploadServer server = new BatchUploadServer()) {
            for (String kind : List.of("embeddings", "chat")) {
                for (String input : INPUTS) {
                    if (!input.equals("lazy") && !input.equals("list")) {
                        throw new IllegalArgumentException("batchscale.input takes lazy and/or list, not " + input);
                    }
                    Measurement m = measure(server, kind, input, kind.equals("chat") ? REQUESTS : SEGMENTS);
                    rows.add(row(m));
                }
            }
        }
        return rows;
    }

    private static Benchmarks.Row row(Measurement m) {
        String what = m.kind().equals("chat")
                ? String.format(Locale.ROOT, "QwenBatchChat.submit, %,d requests", m.items())
                : String.format(Locale.ROOT, "QwenBatchEmbeddings.submit, %,d segments", m.items());
        String input = m.input().equals("lazy") ? "items made on demand" : "items in an ArrayList";
        String name = String.format(Locale.ROOT, "Batch at scale: %s (%s), -Xmx%s", what, input, XMX);
        if (!m.ok()) {
            return new Benchmarks.Row(
                    name, "failed: " + m.failure(), "- (no batch API)", "-", "-", "runs with -Xmx" + XMX, false);
        }
        String ours = String.format(
                Locale.ROOT,
                "%.2f s to submit; heap peak %s, live after GC <= %s%s",
                m.seconds(),
                mib(m.peakBytes()),
                mib(m.maxLiveBytes()),
                m.input().equals("list") ? " (the list: " + mib(m.inputBytes()) + ")" : "");
        String floor = String.format(Locale.ROOT, "%.2f s on the wire (server receiving)", m.receiveSeconds());
        String ratio = String.format(
                Locale.ROOT,
                "%,d lines in %d file%s, %s; %d GCs, %d ms",
                m.lines(),
                m.files(),
                m.files() == 1 ? "" : "s",
                mib(m.fileBytes()),
                m.gcCount(),
                m.gcMillis());
        return new Benchmarks.Row(
                name,
                ours + ("ok".equals(m.check()) ? "" : "; server check: " + m.check()),
                "- (no batch API)",
                floor,
                ratio,
                "runs with -Xmx" + XMX,
                "ok".equals(m.check()));
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.0f MiB", bytes / 1024.0 / 1024.0);
    }

    private static Measurement measure(BatchUploadServer server, String kind, String input, int items)
            throws Exception {
        server.reset();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + XMX,
                "-XX:+ExitOnOutOfMemoryError"));
        command.addAll(JVM_ARGS);
        command.addAll(List.of(
                "-cp",
                classpath(),
                BatchScaleBenchmark.class.getName(),
                kind,
                Integer.toString(items),
                input,
                server.baseUrl()));
        System.out.printf(
                Locale.ROOT, "batchscale: %s, %,d items, %s input, child JVM -Xmx%s%n", kind, items, input, XMX);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        JsonNode result = null;
        StringBuilder tail = new StringBuilder();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith(RESULT)) {
                    result = JSON.readTree(line.substring(RESULT.length()));
                } else {
                    System.out.println("batchscale:   " + line);
                    tail.setLength(0);
                    tail.append(line);
                }
            }
        }
        int exit = process.waitFor();
        List<BatchUploadServer.Upload> uploads = server.uploads();
        int lines = uploads.stream().mapToInt(BatchUploadServer.Upload::lines).sum();
        long bytes = uploads.stream().mapToLong(BatchUploadServer.Upload::bytes).sum();
        double receive = uploads.stream()
                .mapToDouble(BatchUploadServer.Upload::receiveSeconds)
                .sum();
        for (BatchUploadServer.Upload upload : uploads) {
            System.out.printf(
                    Locale.ROOT,
                    "batchscale:   server: %s, %,d lines, %,d bytes, longest line %,d B,"
                            + " custom ids %s..%s, received in %.2f s%s%n",
                    upload.filename(),
                    upload.lines(),
                    upload.bytes(),
                    upload.longestLine(),
                    upload.firstCustomId(),
                    upload.lastCustomId(),
                    upload.receiveSeconds(),
                    upload.refused() ? " (REFUSED)" : "");
        }
        if (exit != 0 || result == null) {
            return new Measurement(
                    kind,
                    input,
                    items,
                    false,
                    "exit " + exit + ": " + tail,
                    0,
                    0,
                    0,
                    0,
                    0,
                    0,
                    uploads.size(),
                    lines,
                    bytes,
                    receive,
                    "-");
        }
        String check = check(kind, items, uploads, server.batches());
        Measurement m = new Measurement(
                kind,
                input,
                items,
                true,
                null,
                result.path("seconds").asDouble(),
                result.path("peakBytes").asLong(),
                result.path("maxLiveBytes").asLong(),
                result.path("inputBytes").asLong(),
                result.path("gcMillis").asLong(),
                result.path("gcCount").asInt(),
                uploads.size(),
                lines,
                bytes,
                receive,
                check);
        System.out.printf(
                Locale.ROOT,
                "batchscale:   %.2f s, heap peak %s, max live after GC %s, input %s, %d GCs"
                        + " (%d ms), %s; server check: %s%n",
                m.seconds(),
                mib(m.peakBytes()),
                mib(m.maxLiveBytes()),
                mib(m.inputBytes()),
                m.gcCount(),
                m.gcMillis(),
                result.path("gc").asText(),
                check);
        return m;
    }

    /** What the server must have received: every line once, in order, within Qwen's limits, one batch per file. */
    private static String check(String kind, int items, List<BatchUploadServer.Upload> uploads, int batches) {
        int perLine = kind.equals("chat") ? 1 : 10;
        int expectedLines = (items + perLine - 1) / perLine;
        int expectedFiles = (expectedLines + BatchUploadServer.MAX_LINES - 1) / BatchUploadServer.MAX_LINES;
        int lines = uploads.stream().mapToInt(BatchUploadServer.Upload::lines).sum();
        if (uploads.stream().anyMatch(BatchUploadServer.Upload::refused)) {
            return "a file was refused";
        }
        if (lines != expectedLines || uploads.size() != expectedFiles || batches != expectedFiles) {
            return lines + " lines in " + uploads.size() + " files and " + batches + " batches, expected "
                    + expectedLines + " lines in " + expectedFiles + " files";
        }
        String first = perLine == 1 ? "0" : "0-" + (perLine - 1);
        int lastFirst = (expectedLines - 1) * perLine;
        String last = perLine == 1 ? Integer.toString(lastFirst) : lastFirst + "-" + (items - 1);
        if (!first.equals(uploads.get(0).firstCustomId())
                || !last.equals(uploads.get(uploads.size() - 1).lastCustomId())) {
            return "custom ids " + uploads.get(0).firstCustomId() + ".."
                    + uploads.get(uploads.size() - 1).lastCustomId() + ", expected " + first + ".." + last;
        }
        return "ok";
    }

    /** The benchmark's class path: exec:java loads it through its own URLClassLoader, not java.class.path. */
    private static String classpath() throws Exception {
        String override = System.getProperty("batchscale.classpath");
        if (override != null) {
            return override;
        }
        List<String> entries = new ArrayList<>();
        for (ClassLoader loader = BatchScaleBenchmark.class.getClassLoader();
                loader != null;
                loader = loader.getParent()) {
            if (loader instanceof URLClassLoader urls) {
                for (URL url : urls.getURLs()) {
                    entries.add(new File(url.toURI()).getPath());
                }
            }
        }
        return entries.isEmpty() ? System.getProperty("java.class.path") : String.join(File.pathSeparator, entries);
    }

    // ---- the child JVM

    /** Child entry point: {@code kind items input baseUrl}; prints one {@value #RESULT} line of JSON. */
    public static void main(String[] args) throws Exception {
        String kind = args[0];
        int items = Integer.parseInt(args[1]);
        boolean lazy = args[2].equals("lazy");
        String baseUrl = args[3];
        IntFunction<Object> make = kind.equals("chat") ? BatchScaleBenchmark::request : BatchScaleBenchmark::segment;
        List<Object> list = lazy
                ? new AbstractList<>() {
                    @Override
                    public Object get(int index) {
                        return make.apply(index);
                    }

                    @Override
                    public int size() {
                        return items;
                    }
                }
                : new ArrayList<>(items);
        if (!lazy) {
            for (int i = 0; i < items; i++) {
                list.add(make.apply(i));
            }
        }
        HeapWatch heap = new HeapWatch();
        long inputBytes = heap.liveNow();
        heap.start();
        long start = System.nanoTime();
        QwenBatchJob<?> job = submit(kind, list, baseUrl);
        double seconds = (System.nanoTime() - start) / 1e9;
        ObjectNode result = JSON.createObjectNode()
                .put("seconds", seconds)
                .put("peakBytes", heap.peak())
                .put("maxLiveBytes", heap.maxLiveAfterGc())
                .put("inputBytes", inputBytes)
                .put("gcMillis", heap.gcMillis())
                .put("gcCount", heap.gcCount())
                .put("gc", heap.collectors())
                .put("batches", job.batchIds().size())
                .put("maxHeap", Runtime.getRuntime().maxMemory());
        System.out.println(RESULT + result);
        System.exit(0); // OkHttp's pool threads would keep the JVM alive for a minute
    }

    @SuppressWarnings("unchecked")
    private static QwenBatchJob<?> submit(String kind, List<?> items, String baseUrl) {
        if (kind.equals("chat")) {
            return QwenBatchChat.builder()
                    .apiKey(KEY)
                    .baseUrl(baseUrl)
                    .modelName("qwen-plus")
                    .timeout(Duration.ofMinutes(5))
                    .build()
                    .submit((List<ChatRequest>) items);
        }
        return QwenBatchEmbeddings.builder()
                .apiKey(KEY)
                .baseUrl(baseUrl)
                .modelName("text-embedding-v4")
                .timeout(Duration.ofMinutes(5))
                .build()
                .submit((List<TextSegment>) items);
    }

    private static Object segment(int i) {
        return TextSegment.from("Segment " + i + " of the corpus, about Qwen, regions and embeddings.");
    }

    private static Object request(int i) {
        return ChatRequest.builder()
                .messages(SystemMessage.from(SYSTEM), UserMessage.from("Ticket " + i + ". " + TICKET))
                .build();
    }

    /**
     * The child's heap during the call, from the GC notifications: the most in use (just before a collection) and
     * the most still in use just after one, and the collections' count and time.
     */
    private static final class HeapWatch {

        private final AtomicLong maxUsed = new AtomicLong();
        private final AtomicLong maxLive = new AtomicLong();
        private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
        private final java.util.Set<String> heapPools =
                new java.util.HashSet<>(ManagementFactory.getMemoryPoolMXBeans().stream()
                        .filter(pool -> pool.getType() == MemoryType.HEAP)
                        .map(MemoryPoolMXBean::getName)
                        .toList());
        private long gcCountBefore;
        private long gcMillisBefore;

        HeapWatch() {
            for (GarbageCollectorMXBean collector : collectors) {
                ((NotificationEmitter) collector)
                        .addNotificationListener(
                                (notification, handback) -> {
                                    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                                            notification.getType())) {
                                        return;
                                    }
                                    GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                                            (CompositeData) notification.getUserData());
                                    maxUsed.accumulateAndGet(
                                            heapUsed(info.getGcInfo().getMemoryUsageBeforeGc()), Math::max);
                                    maxLive.accumulateAndGet(
                                            heapUsed(info.getGcInfo().getMemoryUsageAfterGc()), Math::max);
                                },
                                null,
                                null);
            }
        }

        /** Heap in use after a full collection: the input list, when it is held, plus the JVM's own. */
        /** The heap pools' use in a GC notification's map, which also holds metaspace and the code cache. */
        private long heapUsed(java.util.Map<String, java.lang.management.MemoryUsage> pools) {
            long used = 0;
            for (var pool : pools.entrySet()) {
                if (heapPools.contains(pool.getKey())) {
                    used += pool.getValue().getUsed();
                }
            }
            return used;
        }

        long liveNow() {
            System.gc();
            return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        }

        void start() {
            System.gc();
            maxLive.set(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
            maxUsed.set(maxLive.get());
            gcCountBefore = collectors.stream()
                    .mapToLong(GarbageCollectorMXBean::getCollectionCount)
                    .sum();
            gcMillisBefore = collectors.stream()
                    .mapToLong(GarbageCollectorMXBean::getCollectionTime)
                    .sum();
        }

        /**
         * The most heap in use at any moment since {@link #start()}: use only grows between collections, so it
         * peaks just before one (as the GC notifications report it) or now.
         */
        long peak() {
            return Math.max(
                    maxUsed.get(),
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }

        long maxLiveAfterGc() {
            return maxLive.get();
        }

        int gcCount() {
            return (int) (collectors.stream()
                            .mapToLong(GarbageCollectorMXBean::getCollectionCount)
                            .sum()
                    - gcCountBefore);
        }

        long gcMillis() {
            return collectors.stream()
                            .mapToLong(GarbageCollectorMXBean::getCollectionTime)
                            .sum()
                    - gcMillisBefore;
        }

        String collectors() {
            return String.join(
                    "+",
                    collectors.stream().map(GarbageCollectorMXBean::getName).toList());
        }
    }
}
