package io.github.qwenlangchain4j.samples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;
import okhttp3.sse.EventSources;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** The sample app end to end, offline: the real main wiring, a random port, plain HTTP calls. */
class ChatApplicationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ConfigurableApplicationContext context;
    private static String baseUrl;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        SpringApplication application = new SpringApplication(ChatApplication.class);
        application.addListeners(new OfflineFallback());
        // an empty key, whatever the machine's environment says, so the test is offline everywhere
        context = application.run("--server.port=0", "--langchain4j.qwen.api-key=");
        baseUrl = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    private HttpResponse<String> post(String path, String message) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(baseUrl + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"" + message + "\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void should_answer_post_chat_offline() throws Exception {
        HttpResponse<String> response = post("/chat", "What is Qwen?");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"answer\"").contains("offline").contains("What is Qwen?");
    }

    @Test
    void should_stream_thinking_then_text_as_server_sent_events() throws Exception {
        HttpResponse<String> response = post("/chat/stream", "Why is the sky blue?");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        String body = response.body();
        assertThat(body).contains("event:thinking").contains("event:text").contains("event:done");
        assertThat(body.indexOf("event:thinking")).isLessThan(body.indexOf("event:text"));
        assertThat(body.indexOf("event:text")).isLessThan(body.indexOf("event:done"));
    }

    @Test
    void should_keep_every_space_of_the_streamed_text_through_a_real_sse_client() throws Exception {
        // okhttp-sse parses the stream as browsers' EventSource does, dropping the space after "data:".
        List<String> texts = new CopyOnWriteArrayList<>();
        List<String> events = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        Request request = new Request.Builder()
                .url(baseUrl + "/chat/stream")
                .post(RequestBody.create("{\"message\":\"Why is the sky blue?\"}", MediaType.get("application/json")))
                .build();
        EventSource source = EventSources.createFactory(new OkHttpClient())
                .newEventSource(request, new EventSourceListener() {
                    @Override
                    public void onEvent(EventSource eventSource, String id, String type, String data) {
                        events.add(type);
                        if ("text".equals(type)) {
                            texts.add(textOf(data));
                        }
                    }

                    @Override
                    public void onClosed(EventSource eventSource) {
                        done.complete(null);
                    }

                    @Override
                    public void onFailure(EventSource eventSource, Throwable t, Response response) {
                        done.completeExceptionally(t != null ? t : new AssertionError("HTTP " + response.code()));
                    }
                });
        try {
            done.get(10, TimeUnit.SECONDS);
        } finally {
            source.cancel();
        }

        assertThat(events).contains("thinking", "text").endsWith("done");
        assertThat(texts).hasSizeGreaterThan(1);
        assertThat(String.join("", texts))
                .startsWith("[offline QwenMockServer: no Qwen API was called] You asked:")
                .contains("\"Why is the sky blue?\"");
    }

    @Test
    void should_expose_the_genai_metrics_of_its_calls_to_prometheus() throws Exception {
        String secret = "a private question 91c2";
        assertThat(post("/chat", secret).statusCode()).isEqualTo(200);
        // the SSE response ends with the stream, after LangChain4j's listeners saw it complete
        assertThat(post("/chat/stream", secret).body()).contains("event:done");

        HttpResponse<String> scrape = http.send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/prometheus"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(scrape.statusCode()).isEqualTo(200);
        List<String> genAi =
                scrape.body().lines().filter(line -> line.startsWith("gen_ai_")).toList();

        // the other tests of this class call the app too: at least this test's two calls are counted
        // error.type only on failures: Prometheus reads the empty label of a success as no label
        double calls = value(genAi, "gen_ai_client_operation_duration_seconds_count", "error_type=\"\"");
        assertThat(calls).isGreaterThanOrEqualTo(2);
        assertThat(genAi)
                .anySatisfy(line -> assertThat(line)
                        .startsWith("gen_ai_client_operation_duration_seconds_count{")
                        .contains(
                                "gen_ai_operation_name=\"chat\"",
                                "gen_ai_provider_name=\"dashscope\"",
                                "gen_ai_request_model=\"qwen-plus\"",
                                "gen_ai_response_model=\"qwen-plus\"",
                                "server_address=\"127.0.0.1\""));
        // the buckets OpenTelemetry's GenAI conventions advise
        // (opentelemetry.io/docs/specs/semconv/gen-ai/gen-ai-metrics),
        // which Spring Boot applies through the starter's MeterFilter bean: 0.01 s to 81.92 s, and no others
        assertThat(value(genAi, "gen_ai_client_operation_duration_seconds_bucket", "le=\"+Inf\""))
                .isEqualTo(calls);
        assertThat(genAi.stream()
                        .filter(line -> line.startsWith("gen_ai_client_operation_duration_seconds_bucket{")
                                && line.contains("error_type=\"\""))
                        .map(line -> line.replaceAll(".*le=\"([^\"]+)\".*", "$1"))
                        .distinct())
                .containsExactly(
                        "0.01", "0.02", "0.04", "0.08", "0.16", "0.32", "0.64", "1.28", "2.56", "5.12", "10.24",
                        "20.48", "40.96", "81.92", "+Inf");
        assertThat(genAi).noneMatch(line -> line.contains("\"none\""));
        assertThat(value(genAi, "gen_ai_client_token_usage_count", "gen_ai_token_type=\"input\""))
                .isEqualTo(calls);
        assertThat(value(genAi, "gen_ai_client_token_usage_sum", "gen_ai_token_type=\"output\""))
                .isPositive();
        // the sample thinks (enable-thinking: true), so Qwen reports reasoning tokens
        assertThat(value(genAi, "gen_ai_client_inference_usage_reasoning_output_tokens_total", ""))
                .isPositive();
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

    private static String textOf(String json) {
        try {
            return JSON.readTree(json).path("text").asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("an event's data is not JSON: " + json, e);
        }
    }
}
