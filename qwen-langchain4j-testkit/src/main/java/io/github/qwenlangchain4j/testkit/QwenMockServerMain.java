package io.github.qwenlangchain4j.testkit;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a {@link QwenMockServer} as a process of its own, so that any program (a Spring Boot app, a script, another
 * language's client) can call an offline Qwen on a fixed port:
 *
 * <pre>
 * java -jar qwen-langchain4j-testkit-VERSION-standalone.jar --port 8089
 * </pre>
 *
 * <p>It prints the base URL and the API key to give the client, then serves until the process is stopped (Ctrl-C or
 * {@code SIGTERM}), when it closes the server. Options: {@code --port N} (default {@value #DEFAULT_PORT}; 0 for any
 * free port), {@code --api-key KEY} (default {@link QwenMockServer#DEFAULT_API_KEY}), {@code --help}. Exit status 2
 * for an unknown option or a bad value, 1 when the port cannot be bound.
 */
public final class QwenMockServerMain {

    /** The port the server binds when {@code --port} is not given. */
    public static final int DEFAULT_PORT = 8089;

    static final String USAGE = """
            Usage: java -jar qwen-langchain4j-testkit-<version>-standalone.jar [--port N] [--api-key KEY]

            Runs QwenMockServer, an offline stand-in for Qwen's compatible-mode API, on 127.0.0.1 until stopped
            (Ctrl-C). Point a client at the base URL it prints, with the API key it prints.

              --port N        the loopback port to listen on; default %d, 0 for any free port
              --api-key KEY   the key the server accepts; default %s
              --help          prints this help
            """.formatted(DEFAULT_PORT, QwenMockServer.DEFAULT_API_KEY);

    private QwenMockServerMain() {}

    /**
     * Starts the server, prints its base URL and key, and serves until the JVM is stopped.
     *
     * @param args {@code --port N}, {@code --api-key KEY} or {@code --help}
     * @throws InterruptedException if the main thread is interrupted while serving
     */
    public static void main(String[] args) throws InterruptedException {
        Launch launch = launch(args, System.out, System.err);
        if (launch.server() == null) {
            if (launch.exitStatus() != 0) {
                System.exit(launch.exitStatus());
            }
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            launch.server().close();
                            System.out.println("QwenMockServer stopped.");
                            stopped.countDown();
                        },
                        "qwen-mock-server-shutdown"));
        // the server's threads are daemon threads: this thread keeps the JVM alive until it is stopped
        stopped.await();
    }

    /**
     * Parses the arguments and starts the server, reporting on {@code out} and {@code err}.
     *
     * @return the running server, or none with the exit status (0 after {@code --help})
     */
    static Launch launch(String[] args, PrintStream out, PrintStream err) {
        int port = DEFAULT_PORT;
        String apiKey = QwenMockServer.DEFAULT_API_KEY;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String option = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (option.equals("--help") || option.equals("-h")) {
                out.print(USAGE);
                return new Launch(null, 0);
            }
            if (!option.equals("--port") && !option.equals("--api-key")) {
                return refuse(err, "unknown option " + arg);
            }
            String value;
            if (arg.contains("=")) {
                value = arg.substring(arg.indexOf('=') + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                return refuse(err, option + " needs a value");
            }
            if (option.equals("--port")) {
                try {
                    port = Integer.parseInt(value.strip());
                } catch (NumberFormatException e) {
                    port = -1;
                }
                if (port < 0 || port > 65535) {
                    return refuse(err, "--port must be a number from 0 to 65535, was \"" + value + "\"");
                }
            } else {
                if (value.isBlank()) {
                    return refuse(err, "--api-key must not be blank");
                }
                apiKey = value;
            }
        }
        QwenMockServer server;
        try {
            server = QwenMockServer.builder().port(port).apiKey(apiKey).start();
        } catch (UncheckedIOException e) {
            err.println("QwenMockServer could not listen on 127.0.0.1:" + port + " ("
                    + e.getCause().getMessage()
                    + "); is the port taken? Choose another with --port, or --port 0 for any free one.");
            return new Launch(null, 1);
        }
        out.println("QwenMockServer (offline Qwen) is listening. Stop it with Ctrl-C.");
        out.println("Base URL: " + server.baseUrl());
        out.println("API key:  " + server.apiKey());
        out.println("Spring Boot: --langchain4j.qwen.base-url=" + server.baseUrl() + " --langchain4j.qwen.api-key="
                + server.apiKey());
        out.flush();
        return new Launch(server, 0);
    }

    private static Launch refuse(PrintStream err, String problem) {
        err.println(problem);
        err.print(USAGE);
        return new Launch(null, 2);
    }

    /** The outcome of {@link #launch}: the running server, or null and the exit status. */
    record Launch(QwenMockServer server, int exitStatus) {}
}
