package io.github.qwenlangchain4j.samples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The sample app's {@code /actuator/prometheus} after a chat and a streaming call, offline: the gen_ai.* metrics the
 * starter records reach Prometheus with the names and labels the README's "Metrics and traces" section shows. The
 * scrape's gen_ai lines are printed, which is where the README's example comes from.
 */
class PrometheusScrapeTest {

    private static ConfigurableApplicationContext context;
    private static String baseUrl;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        SpringApplication application = new SpringApplication(ChatApplication.class);
        application.addListeners(new OfflineFallback());
        context = application.run("--server.port=0", "--langchain4j.qwen.api-key=");
        baseUrl = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String message) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"" + message + "\"}")));
    }

    @Test
    void should_expose_the_genai_metrics_of_chat_and_streaming_calls() throws Exception {
        String secret = "a private question 91c2";
        assertThat(post("/chat", secret).statusCode()).isEqualTo(200);
        // the SSE response ends with the stream, after LangChain4j's listeners saw it complete
        assertThat(post("/chat/stream", secret).body()).contains("event:done");

        HttpResponse<String> scrape = send(HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/prometheus")));
        assertThat(scrape.statusCode()).isEqualTo(200);
        List<String> genAi = scrape.body().lines().filter(line -> line.contains("gen_ai_")).toList();
        genAi.forEach(System.out::println);

        String host = "127.0.0.1";
        assertThat(value(genAi, "gen_ai_client_operation_duration_seconds_count", "error_type=\"none\"")).isEqualTo(2);
        assertThat(genAi).anySatisfy(line -> assertThat(line).startsWith("gen_ai_client_operation_duration_seconds_count{")
                .contains("gen_ai_operation_name=\"chat\"", "gen_ai_provider_name=\"dashscope\"",
                        "gen_ai_request_model=\"qwen-plus\"", "gen_ai_response_model=\"qwen-plus\"",
                        "server_address=\"" + host + "\""));
        // application.yaml asks for histogram buckets of the duration (for histogram_quantile, p50/p95)
        assertThat(value(genAi, "gen_ai_client_operation_duration_seconds_bucket", "le=\"+Inf\"")).isEqualTo(2);
        assertThat(value(genAi, "gen_ai_client_token_usage_count", "gen_ai_token_type=\"input\"")).isEqualTo(2);
        assertThat(value(genAi, "gen_ai_client_token_usage_sum", "gen_ai_token_type=\"output\"")).isPositive();
        // the sample thinks (enable-thinking: true), so Qwen reports reasoning tokens
        assertThat(value(genAi, "gen_ai_client_inference_usage_reasoning_output_tokens_total", "")).isPositive();
        assertThat(scrape.body()).doesNotContain(secret).doesNotContain("sk-qwen-mock");
    }

    /** The sum of the values of the series of {@code metric} whose labels contain {@code label}. */
    private static double value(List<String> lines, String metric, String label) {
        Pattern series = Pattern.compile("^" + metric + "\\{(.*)} (\\S+)$");
        double sum = 0;
        for (String line : lines) {
            Matcher matcher = series.matcher(line);
            if (matcher.matches() && matcher.group(1).contains(label)) {
                sum += Double.parseDouble(matcher.group(2));
            }
        }
        return sum;
    }
}
