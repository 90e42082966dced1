package io.github.qwenlangchain4j.benchmarks;

import io.github.qwenlangchain4j.benchmarks.Benchmarks.Row;
import io.github.qwenlangchain4j.benchmarks.coldstart.EmptyColdStart;
import io.github.qwenlangchain4j.benchmarks.coldstart.OkHttpColdStart;
import io.github.qwenlangchain4j.benchmarks.coldstart.OpenAiColdStart;
import io.github.qwenlangchain4j.benchmarks.coldstart.QwenColdStart;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Cold start ({@code -Donly=coldstart}): what a CLI or a serverless function pays for its first call. Each run
 * starts a fresh JVM ({@code java -cp <the benchmarks' runtime classpath> <main>}, no JVM options) that makes one
 * sync chat call to a local server running in this process, prints the answer and returns from {@code main}; the
 * wall time is from starting the process to its exit, so a library whose threads keep a process alive would show.
 * The programs are {@link QwenColdStart}, {@link OpenAiColdStart}, {@link OkHttpColdStart} (the floor: a bare
 * OkHttp POST, no JSON) and {@link EmptyColdStart} (the JVM's own start and exit); runs alternate between them,
 * after one untimed warm-up each (page cache, the server's JIT). One more untimed run of each with
 * {@code -Xlog:class+load} counts the classes it loaded, and where they came from.
 *
 * <p>{@code -Dcoldstart.runs=N} sets the timed runs of each program (default 11). The children's classpath is
 * {@code -Dcoldstart.classpath} if set, else the URLs of the class loader that loaded this class (under
 * {@code exec:java} that is the project's runtime classpath; the JVM's {@code java.class.path} is Maven's own),
 * else {@code java.class.path}.
 */
final class ColdStartBenchmark {

    private static final int RUNS = Integer.getInteger("coldstart.runs", 11);

    /** One child program. */
    private record Program(String name, Class<?> main) {}

    private static final Program OURS = new Program("qwen-langchain4j", QwenColdStart.class);
    private static final Program OPEN_AI = new Program("langchain4j-open-ai", OpenAiColdStart.class);
    private static final Program BARE = new Program("bare OkHttp POST", OkHttpColdStart.class);
    private static final Program EMPTY = new Program("empty main", EmptyColdStart.class);
    private static final List<Program> PROGRAMS = List.of(OURS, OPEN_AI, BARE, EMPTY);

    /** Where one program's classes came from, from its {@code -Xlog:class+load} run. */
    private record ClassCount(int total, int fromClasspath, Map<String, Integer> bySource) {}

    private final String java =
            Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    private final String classpath = classpath();
    private final Path scratch;

    ColdStartBenchmark() throws IOException {
        scratch = Files.createTempDirectory("qwen-coldstart");
    }

    List<Row> run() throws Exception {
        if (RUNS < 1) {
            throw new IllegalArgumentException("coldstart.runs must be >= 1");
        }
        try (BenchServer server =
                new BenchServer(exchange -> BenchServer.send(exchange, "application/json", Payloads.CHAT_COMPLETION))) {
            String baseUrl = server.baseUrl();
            for (Program program : PROGRAMS) {
                runOnce(program, baseUrl, List.of()); // warm-up: page cache, the server's JIT
            }
            Map<Program, double[]> seconds = new java.util.LinkedHashMap<>();
            PROGRAMS.forEach(program -> seconds.put(program, new double[RUNS]));
            for (int run = 0; run < RUNS; run++) {
                // alternate, and rotate who goes first, so that drift on a shared machine spreads evenly
                for (int i = 0; i < PROGRAMS.size(); i++) {
                    Program program = PROGRAMS.get((i + run) % PROGRAMS.size());
                    seconds.get(program)[run] = runOnce(program, baseUrl, List.of());
                }
            }
            Map<Program, ClassCount> classes = new java.util.LinkedHashMap<>();
            for (Program program : PROGRAMS) {
                classes.put(program, countClasses(program, baseUrl));
            }
            for (Program program : PROGRAMS) {
                double[] s = seconds.get(program);
                ClassCount count = classes.get(program);
                System.out.printf(
                        Locale.ROOT,
                        "coldstart: %-20s median %.3f s, min %.3f s, max %.3f s; %d classes"
                                + " (%d from the classpath)%n",
                        program.name(),
                        Benchmarks.median(s),
                        Arrays.stream(s).min().orElse(0),
                        Arrays.stream(s).max().orElse(0),
                        count.total(),
                        count.fromClasspath());
                System.out.println("coldstart:     by source: " + top(count.bySource(), 12));
            }
            double ours = Benchmarks.median(seconds.get(OURS));
            double openAi = Benchmarks.median(seconds.get(OPEN_AI));
            double bare = Benchmarks.median(seconds.get(BARE));
            double empty = Benchmarks.median(seconds.get(EMPTY));
            return List.of(new Row(
                    String.format(
                            Locale.ROOT,
                            "Cold start: fresh JVM to first sync chat answer, whole process (median of %d runs)",
                            RUNS),
                    cell(ours, classes.get(OURS)),
                    cell(openAi, classes.get(OPEN_AI)),
                    cell(bare, classes.get(BARE)) + " (bare OkHttp POST); JVM alone " + cell(empty, classes.get(EMPTY)),
                    String.format(Locale.ROOT, "%.2fx OpenAI; %.2fx bare", ours / openAi, ours / bare),
                    "<= 0.8x OpenAI",
                    ours / openAi <= 0.8));
        } finally {
            try (var files = Files.list(scratch)) {
                files.forEach(file -> file.toFile().delete());
            }
            Files.deleteIfExists(scratch);
        }
    }

    private static String cell(double seconds, ClassCount classes) {
        return String.format(Locale.ROOT, "%.2f s, %,d classes", seconds, classes.total());
    }

    /** Starts {@code program} in a fresh JVM and waits for it to exit: the seconds from start to exit. */
    private double runOnce(Program program, String baseUrl, List<String> jvmOptions) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classpath, program.main().getName(), baseUrl));
        File out = scratch.resolve("stdout").toFile();
        File err = scratch.resolve("stderr").toFile();
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out).redirectError(err);
        long start = System.nanoTime();
        Process process = builder.start();
        boolean exited = process.waitFor(60, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!exited) {
            process.destroyForcibly();
            throw new IllegalStateException(
                    program.name() + " did not exit 60 s after it started (a non-daemon" + " thread kept it alive?)");
        }
        String printed = Files.readString(out.toPath(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0 || !(printed.contains("Qwen") || program == EMPTY)) {
            throw new IllegalStateException(program.name() + " exited with " + process.exitValue() + ", printed '"
                    + printed.strip() + "', stderr: " + Files.readString(err.toPath(), StandardCharsets.UTF_8));
        }
        return seconds;
    }

    /** Runs {@code program} once more with {@code -Xlog:class+load} and counts the classes it loaded, by source. */
    private ClassCount countClasses(Program program, String baseUrl) throws Exception {
        Path log = scratch.resolve("classes-" + program.main().getSimpleName() + ".log");
        runOnce(program, baseUrl, List.of("-Xlog:class+load=info:file=" + log + ":none"));
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        Map<String, Integer> bySource = new TreeMap<>();
        int fromClasspath = 0;
        for (String line : lines) {
            String source = source(line);
            if (source.endsWith(".jar") || source.endsWith("/")) {
                fromClasspath++;
            }
            bySource.merge(source, 1, Integer::sum);
        }
        return new ClassCount(lines.size(), fromClasspath, bySource);
    }

    /** "jar-name.jar", "jrt:/java.base", "shared objects file" (the JDK's CDS archive), or the raw source. */
    private static String source(String line) {
        int at = line.indexOf(" source: ");
        if (at < 0) {
            return "(no source: generated)";
        }
        String source = line.substring(at + " source: ".length()).strip();
        if (source.startsWith("file:") || source.startsWith("jar:")) {
            String path = source.replaceFirst("^jar:", "").replaceFirst("!/.*$", "");
            return path.substring(path.lastIndexOf('/', path.length() - 2) + 1);
        }
        if (source.startsWith("shared objects file")) {
            return "CDS archive";
        }
        return source.startsWith("jrt:/") ? source : source.replaceAll(" .*", "");
    }

    private static String top(Map<String, Integer> counts, int limit) {
        return counts.entrySet().stream()
                .sorted((a, b) -> b.getValue() - a.getValue())
                .limit(limit)
                .map(entry -> entry.getKey() + " " + entry.getValue())
                .collect(Collectors.joining(", "));
    }

    /** The classpath the children run with: see the class comment. */
    private static String classpath() {
        String configured = System.getProperty("coldstart.classpath");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        if (ColdStartBenchmark.class.getClassLoader() instanceof URLClassLoader loader && loader.getURLs().length > 0) {
            List<String> entries = new ArrayList<>();
            for (URL url : loader.getURLs()) {
                try {
                    entries.add(Paths.get(url.toURI()).toString());
                } catch (URISyntaxException | IllegalArgumentException e) {
                    throw new IllegalStateException("cannot put " + url + " on the cold-start classpath", e);
                }
            }
            return String.join(File.pathSeparator, entries);
        }
        return System.getProperty("java.class.path");
    }
}
