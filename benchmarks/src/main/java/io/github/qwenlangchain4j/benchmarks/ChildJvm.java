package io.github.qwenlangchain4j.benchmarks;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts one client of {@link ConcurrentStreamsBenchmark} in a JVM of its own ({@code <java home>/bin/java}, the
 * given options, the benchmark's class path), echoes what it prints, picks up its {@link RunResult} line, and then
 * gives it {@code exitGrace} to exit by itself: a library whose threads keep a process alive shows here, and is
 * killed. The class path is the URLs of the class loader that loaded this class when it is a URLClassLoader
 * ({@code exec:java}, whose {@code java.class.path} is Maven's own), else {@code java.class.path}.
 */
final class ChildJvm {

    /** Lines of a child's own output echoed, beyond which they are only counted. */
    private static final int ECHOED_LINES = 30;

    /**
     * How a child ended.
     *
     * @param result         its result line, or null if it printed none
     * @param exitedByItself whether it exited within the grace period after its result (or without one)
     * @param exitMillis     from its result line to its exit; -1 when it was killed
     * @param exitCode       its exit code, or -1 when it was killed
     * @param lastLine       the last line it printed other than the result, for failures
     */
    record Outcome(RunResult result, boolean exitedByItself, long exitMillis, int exitCode, String lastLine) {}

    private final String classpath = classpath();
    private final List<String> options;
    private final Duration exitGrace;

    ChildJvm(List<String> options, Duration exitGrace) {
        this.options = List.copyOf(options);
        this.exitGrace = exitGrace;
    }

    Outcome run(Path javaHome, Class<?> main, Duration resultTimeout, List<String> arguments) throws Exception {
        List<String> command = new ArrayList<>();
        String cpus = System.getProperty("streams.clientCpus", "").strip();
        if (!cpus.isEmpty()) {
            // the client on CPUs of its own (Linux), e.g. with the parent (the server) started under taskset -c 0
            command.addAll(List.of("taskset", "-c", cpus));
        }
        command.add(javaHome.resolve("bin").resolve("java").toString());
        command.addAll(options);
        command.addAll(List.of("-cp", classpath, main.getName()));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<RunResult> result = new CompletableFuture<>();
        String[] lastLine = {""};
        Thread reader = new Thread(() -> read(process, result, lastLine), "child-output");
        reader.setDaemon(true);
        reader.start();
        RunResult runResult = null;
        try {
            runResult = result.get(resultTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            System.out.println("  [child] no result after " + resultTimeout.toSeconds() + " s");
        }
        long resultAt = System.nanoTime();
        boolean exited = process.waitFor(exitGrace.toMillis(), TimeUnit.MILLISECONDS);
        long exitMillis = exited ? TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - resultAt) : -1;
        if (!exited) {
            process.destroyForcibly().waitFor();
        }
        reader.join(5_000);
        return new Outcome(runResult, exited, exitMillis, exited ? process.exitValue() : -1, lastLine[0]);
    }

    private static void read(Process process, CompletableFuture<RunResult> result, String[] lastLine) {
        int echoed = 0;
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith(RunResult.PREFIX)) {
                    result.complete(RunResult.fromLine(line));
                    continue;
                }
                lastLine[0] = line;
                if (++echoed <= ECHOED_LINES) {
                    System.out.println("  [child] " + line);
                }
            }
        } catch (IOException e) {
            result.completeExceptionally(e);
        }
        if (echoed > ECHOED_LINES) {
            System.out.println("  [child] (" + (echoed - ECHOED_LINES) + " more lines not shown)");
        }
        result.complete(null); // exited without a result
    }

    private static String classpath() {
        if (ChildJvm.class.getClassLoader() instanceof URLClassLoader loader && loader.getURLs().length > 0) {
            List<String> entries = new ArrayList<>();
            for (URL url : loader.getURLs()) {
                try {
                    entries.add(Paths.get(url.toURI()).toString());
                } catch (URISyntaxException e) {
                    throw new UncheckedIOException(new IOException("cannot put " + url + " on the class path", e));
                }
            }
            return String.join(File.pathSeparator, entries);
        }
        return System.getProperty("java.class.path");
    }
}
