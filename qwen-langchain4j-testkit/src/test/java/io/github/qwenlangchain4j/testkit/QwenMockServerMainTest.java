package io.github.qwenlangchain4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link QwenMockServerMain}: the mock as a process of its own ({@code java -jar ... --port 8089}). */
class QwenMockServerMainTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private QwenMockServerMain.Launch launch(String... args) {
        return QwenMockServerMain.launch(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String valueOf(List<String> lines, String prefix) {
        return lines.stream()
                .filter(line -> line.startsWith(prefix))
                .map(line -> line.substring(prefix.length()).strip())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no line starting with \"" + prefix + "\" in " + lines));
    }

    /** A chat completion the way any OpenAI-compatible client sends it, to the printed base URL with the printed key. */
    private static HttpResponse<String> chat(String baseUrl, String apiKey) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/chat/completions"))
                .header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"qwen-plus\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi there\"}]}"))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Nested
    class Serving {

        @Test
        void should_listen_on_the_given_port_and_print_the_base_url_and_key_it_answers_with() throws Exception {
            int port = freePort();

            QwenMockServerMain.Launch launch = launch("--port", String.valueOf(port));

            try (QwenMockServer server = launch.server()) {
                List<String> lines =
                        out.toString(StandardCharsets.UTF_8).lines().toList();
                String baseUrl = valueOf(lines, "Base URL:");
                String apiKey = valueOf(lines, "API key:");
                assertThat(baseUrl).isEqualTo("http://127.0.0.1:" + port + "/compatible-mode/v1");
                assertThat(apiKey).isEqualTo(QwenMockServer.DEFAULT_API_KEY);
                assertThat(valueOf(lines, "Spring Boot:"))
                        .isEqualTo("--langchain4j.qwen.base-url=" + baseUrl + " --langchain4j.qwen.api-key=" + apiKey);

                HttpResponse<String> response = chat(baseUrl, apiKey);

                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(JSON.readTree(response.body())
                                .at("/choices/0/message/content")
                                .asText())
                        .contains("offline")
                        .contains("Hi there");
                assertThat(server.requests()).hasSize(1);
            }
        }

        @Test
        void should_accept_port_0_for_any_free_port_and_another_key_in_the_equals_form() throws Exception {
            QwenMockServerMain.Launch launch = launch("--port=0", "--api-key=sk-my-offline-key");

            try (QwenMockServer server = launch.server()) {
                List<String> lines =
                        out.toString(StandardCharsets.UTF_8).lines().toList();
                assertThat(valueOf(lines, "Base URL:"))
                        .isEqualTo(server.baseUrl())
                        .doesNotContain(":0/");
                assertThat(valueOf(lines, "API key:")).isEqualTo("sk-my-offline-key");
                assertThat(chat(server.baseUrl(), "sk-my-offline-key").statusCode())
                        .isEqualTo(200);
                assertThat(chat(server.baseUrl(), QwenMockServer.DEFAULT_API_KEY)
                                .statusCode())
                        .isEqualTo(401);
            }
        }
    }

    @Nested
    class Refusing {

        @Test
        void should_print_the_usage_for_help_and_start_nothing() {
            QwenMockServerMain.Launch launch = launch("--help");

            assertThat(launch.server()).isNull();
            assertThat(launch.exitStatus()).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8))
                    .contains("--port N")
                    .contains("default " + QwenMockServerMain.DEFAULT_PORT)
                    .contains("0 for any free port")
                    .contains("--api-key KEY");
        }

        @Test
        void should_refuse_an_unknown_option_with_the_usage() {
            QwenMockServerMain.Launch launch = launch("--prot", "8089");

            assertThat(launch.server()).isNull();
            assertThat(launch.exitStatus()).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8))
                    .startsWith("unknown option --prot")
                    .contains("Usage:");
        }

        @Test
        void should_refuse_a_port_that_is_not_a_port() {
            assertThat(launch("--port", "http").exitStatus()).isEqualTo(2);
            assertThat(launch("--port", "70000").exitStatus()).isEqualTo(2);
            assertThat(launch("--port").exitStatus()).isEqualTo(2);

            assertThat(err.toString(StandardCharsets.UTF_8))
                    .contains("--port must be a number from 0 to 65535, was \"http\"")
                    .contains("was \"70000\"")
                    .contains("--port needs a value");
        }

        @Test
        void should_say_the_port_is_taken_when_it_cannot_bind() {
            try (QwenMockServer taken = QwenMockServer.start()) {
                int port = URI.create(taken.baseUrl()).getPort();

                QwenMockServerMain.Launch launch = launch("--port", String.valueOf(port));

                assertThat(launch.server()).isNull();
                assertThat(launch.exitStatus()).isEqualTo(1);
                assertThat(err.toString(StandardCharsets.UTF_8))
                        .contains("could not listen on 127.0.0.1:" + port)
                        .contains("is the port taken?");
            }
        }
    }

    @Nested
    class AsAProcess {

        @Test
        void should_serve_until_stopped_and_then_close_the_server(@TempDir Path dir) throws Exception {
            Path output = dir.resolve("out.txt"); // a file: destroy() closes a process's pipes before they are read
            Process process = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-cp",
                            System.getProperty("java.class.path"),
                            QwenMockServerMain.class.getName(),
                            "--port",
                            "0")
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            try {
                List<String> lines = awaitLine(process, output, "Spring Boot:");
                String baseUrl = valueOf(lines, "Base URL:");
                String apiKey = valueOf(lines, "API key:");

                HttpResponse<String> response = chat(baseUrl, apiKey);
                JsonNode body = JSON.readTree(response.body());
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(body.at("/choices/0/message/content").asText()).contains("Hi there");
                assertThat(process.isAlive()).as("still serving after the call").isTrue();

                process.destroy(); // SIGTERM, as Ctrl-C or a service manager stops it

                assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
                assertThat(Files.readAllLines(output)).contains("QwenMockServer stopped.");
            } finally {
                process.destroyForcibly();
            }
        }

        /** The process's output once it has printed a line starting with {@code prefix} (within 20 seconds). */
        private List<String> awaitLine(Process process, Path output, String prefix) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < deadline) {
                List<String> lines = Files.readAllLines(output);
                if (lines.stream().anyMatch(line -> line.startsWith(prefix))) {
                    return lines;
                }
                assertThat(process.isAlive())
                        .as("running; printed so far: %s", lines)
                        .isTrue();
                Thread.sleep(50);
            }
            throw new AssertionError("no line starting with \"" + prefix + "\" in " + Files.readAllLines(output));
        }
    }
}
