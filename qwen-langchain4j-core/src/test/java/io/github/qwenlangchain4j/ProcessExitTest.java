package io.github.qwenlangchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import io.github.qwenlangchain4j.testkit.QwenMockServer;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A library must never keep a process alive: a program that streams (and one that does not even close its mock
 * server) exits as soon as {@code main} returns. Each case runs in a child JVM, timed from start to exit; OkHttp's
 * default dispatcher threads and the JDK HTTP server's dispatcher would hold it for 60 s, or forever.
 */
@Isolated // counts the threads of the whole process
class ProcessExitTest {

    /** Far below OkHttp's 60 s keep-alive, far above a JVM's start-up on a slow machine. */
    private static final Duration EXIT_WITHIN = Duration.ofSeconds(20);

    /** The child program: streams one answer from the mock, prints it, and returns from main. */
    public static final class StreamThenReturn {

        public static void main(String[] args) throws Exception {
            boolean closeServer = args.length > 0 && args[0].equals("close");
            QwenMockServer server = QwenMockServer.start();
            QwenStreamingChatModel model = QwenStreamingChatModel.builder()
                    .apiKey(server.apiKey())
                    .baseUrl(server.baseUrl())
                    .build();
            CompletableFuture<ChatResponse> done = new CompletableFuture<>();
            model.chat("Hello", new StreamingChatResponseHandler() {
                @Override
                public void onPartialResponse(String partialResponse) {}

                @Override
                public void onCompleteResponse(ChatResponse completeResponse) {
                    done.complete(completeResponse);
                }

                @Override
                public void onError(Throwable error) {
                    done.completeExceptionally(error);
                }
            });
            System.out.println(
                    "answer: " + done.get(10, TimeUnit.SECONDS).aiMessage().text());
            if (closeServer) {
                server.close();
            }
        }
    }

    @ParameterizedTest(name = "server {0}")
    @ValueSource(strings = {"close", "left-open"})
    void should_exit_as_soon_as_main_returns_after_streaming(String serverHandling) throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        File log = File.createTempFile("process-exit", ".log");
        log.deleteOnExit();
        ProcessBuilder builder = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        StreamThenReturn.class.getName(),
                        serverHandling)
                .redirectErrorStream(true)
                .redirectOutput(log);

        long start = System.nanoTime();
        Process process = builder.start();
        boolean exited = process.waitFor(EXIT_WITHIN.toSeconds(), TimeUnit.SECONDS);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        if (!exited) {
            process.destroyForcibly();
        }
        String output = Files.readString(log.toPath(), StandardCharsets.UTF_8);

        assertThat(exited)
                .as("the child JVM exited within %s; output:%n%s", EXIT_WITHIN, output)
                .isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("answer: [offline QwenMockServer");
        System.out.println("child JVM (server " + serverHandling + ") exited after " + took.toMillis() + " ms");
    }

    @Test
    void should_run_the_library_on_daemon_threads_only() throws Exception {
        try (QwenMockServer server = QwenMockServer.start()) {
            QwenStreamingChatModel model = QwenStreamingChatModel.builder()
                    .apiKey(server.apiKey())
                    .baseUrl(server.baseUrl())
                    .build();
            RecordingHandler handler = new RecordingHandler();
            model.chat("Hello", handler);
            handler.awaitResponse();

            List<Thread> alive = Thread.getAllStackTraces().keySet().stream()
                    .filter(thread -> thread.getName().contains("OkHttp")
                            || thread.getName().startsWith("HTTP-Dispatcher")
                            || thread.getName().startsWith("qwen"))
                    .toList();
            assertThat(alive)
                    .isNotEmpty()
                    .allSatisfy(thread -> assertThat(thread.isDaemon())
                            .as("%s is a daemon thread", thread.getName())
                            .isTrue());
        }
    }
}
