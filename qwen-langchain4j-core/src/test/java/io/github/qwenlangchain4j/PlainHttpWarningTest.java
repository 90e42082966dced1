package io.github.qwenlangchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/** The key travels in a header, so plain http:// to another machine earns a warning, once per host. */
@Isolated // reads everything the library logs to System.err
class PlainHttpWarningTest {

    @Test
    void should_warn_once_about_plain_http_to_a_remote_host_and_never_about_loopback() {
        PrintStream original = System.err;
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
        try {
            QwenChatModel.builder()
                    .apiKey("sk-test")
                    .baseUrl("http://qwen-proxy.example.com/v1")
                    .build();
            QwenStreamingChatModel.builder()
                    .apiKey("sk-test")
                    .baseUrl("http://qwen-proxy.example.com/v1")
                    .build();
            QwenChatModel.builder()
                    .apiKey("sk-test")
                    .baseUrl("http://127.0.0.1:8080/v1")
                    .build();
            QwenChatModel.builder()
                    .apiKey("sk-test")
                    .baseUrl("http://localhost:8080/v1")
                    .build();
            QwenChatModel.builder().apiKey("sk-test").build();
        } finally {
            System.setErr(original);
        }
        String output = logs.toString(StandardCharsets.UTF_8);
        assertThat(output.split("plain http://", -1)).hasSize(2);
        assertThat(output)
                .contains("qwen-proxy.example.com")
                .doesNotContain("127.0.0.1")
                .doesNotContain("localhost")
                .doesNotContain("sk-test");
    }
}
