package io.github.qwenlangchain4j.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.model.chat.listener.ChatModelErrorContext;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.github.qwenlangchain4j.QwenChatModel;
import io.github.qwenlangchain4j.QwenRegion;
import io.github.qwenlangchain4j.QwenStreamingChatModel;
import io.github.qwenlangchain4j.testkit.MockReply;
import io.github.qwenlangchain4j.testkit.QwenMockServer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The GenAI metrics as Prometheus scrapes them, calls answered and refused by QwenMockServer, after OpenTelemetry's
 * semantic conventions for generative AI metrics (https://opentelemetry.io/docs/specs/semconv/gen-ai/gen-ai-metrics/):
 * {@code gen_ai.client.operation.duration} (required; histogram in seconds with the advised explicit buckets
 * [0.01, 0.02, ... 81.92]; {@code error.type} "conditionally required if the operation ended in an error") and
 * {@code gen_ai.client.token.usage} (histogram with the advised buckets [1, 4, 16, ... 67108864]). The registry is
 * Micrometer's {@link PrometheusMeterRegistry}, wired as Spring Boot's actuator wires it: every {@code MeterFilter}
 * bean applied, observations timed by Micrometer's {@link DefaultMeterObservationHandler}.
 */
class QwenObservationPrometheusTest {

    /** The advised duration buckets, in seconds. */
    private static final List<String> DURATION_LE = List.of(
            "0.01", "0.02", "0.04", "0.08", "0.16", "0.32", "0.64", "1.28", "2.56", "5.12", "10.24", "20.48", "40.96",
            "81.92", "+Inf");
    /** The advised token buckets. */
    private static final List<String> TOKEN_LE = List.of(
            "1",
            "4",
            "16",
            "64",
            "256",
            "1024",
            "4096",
            "16384",
            "65536",
            "262144",
            "1048576",
            "4194304",
            "16777216",
            "67108864",
            "+Inf");

    /** Qwen's 429 in compatible mode (alibabacloud.com/help/en/model-studio/error-code). */
    private static final MockReply RATE_LIMITED =
            MockReply.error(429, "limit_requests", "Requests rate limit exceeded, please try again later.");

    private final QwenMockServer qwen = QwenMockServer.start();

    private final ApplicationContextRunner runner = QwenAutoConfigurations.runner(
                    qwen.apiKey(), qwen.baseUrl(), QwenObservationAutoConfiguration.class)
            .withPropertyValues("langchain4j.qwen.max-retries=0")
            .withUserConfiguration(Actuator.class);

    @AfterEach
    void stopServer() {
        qwen.close();
    }

    /** A Prometheus registry and an observation registry that times observations into it, as the actuator does. */
    @Configuration(proxyBeanMethods = false)
    static class Actuator {

        /** Applies every {@code MeterFilter} bean first, as Spring Boot's metrics auto-configuration does. */
        @Bean
        PrometheusMeterRegistry prometheusMeterRegistry(ObjectProvider<MeterFilter> filters) {
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            filters.orderedStream().forEach(registry.config()::meterFilter);
            return registry;
        }

        @Bean
        ObservationRegistry observationRegistry(PrometheusMeterRegistry meters) {
            ObservationRegistry registry = ObservationRegistry.create();
            registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
            return registry;
        }
    }

    @Test
    void should_count_successes_errors_and_refusals_apart_with_error_type_only_on_failures() {
        qwen.enqueue(MockReply.text("Hello"));
        qwen.enqueue(RATE_LIMITED);
        // the refusal in both of Qwen's shapes (alibabacloud.com/help/en/model-studio/error-code: 400
        // data_inspection_failed in compatible mode, DataInspectionFailed in DashScope's native shape)
        qwen.enqueue(MockReply.error(400, "data_inspection_failed", "Input data may contain inappropriate content."));
        qwen.enqueue(MockReply.nativeError(
                400, "DataInspectionFailed", "Input or output data may contain inappropriate content."));
        runner.run(context -> {
            QwenChatModel model = context.getBean(QwenChatModel.class);
            model.chat("Hi");
            assertThatThrownBy(() -> model.chat("Hi")).isInstanceOf(RateLimitException.class);
            assertThatThrownBy(() -> model.chat("Hi")).isInstanceOf(ContentFilteredException.class);
            assertThatThrownBy(() -> model.chat("Hi")).isInstanceOf(ContentFilteredException.class);
            Scrape scrape = scrape(context);

            // sum by (error_type) (gen_ai_client_operation_duration_seconds_count): success vs errors vs refusals
            assertThat(scrape.sumBy("gen_ai_client_operation_duration_seconds_count", "error_type"))
                    .containsExactlyInAnyOrderEntriesOf(
                            Map.of("", 1.0, RateLimitException.class.getName(), 1.0, "data_inspection_failed", 2.0));
            Map<String, String> success = scrape.series("gen_ai_client_operation_duration_seconds_count").stream()
                    .filter(series -> series.labels().get("error_type").isEmpty())
                    .findFirst()
                    .orElseThrow()
                    .labels();
            assertThat(success)
                    .containsExactlyInAnyOrderEntriesOf(Map.of(
                            "gen_ai_operation_name", "chat",
                            "gen_ai_provider_name", "dashscope",
                            "gen_ai_request_model", "qwen-plus",
                            "gen_ai_response_model", "qwen-plus",
                            "server_address", "127.0.0.1",
                            "server_port",
                                    String.valueOf(URI.create(qwen.baseUrl()).getPort()),
                            // Prometheus stores an empty label as none: the success series have no error_type
                            "error_type", ""));
            // no placeholder value, and not Micrometer's own "error" tag beside error.type
            assertThat(scrape.lines("gen_ai_client_operation_duration_seconds"))
                    .isNotEmpty()
                    .noneMatch(line -> line.contains("\"none\""))
                    .noneMatch(line -> line.contains(",error=\"") || line.contains("{error=\""));
        });
    }

    @Test
    void should_publish_the_duration_as_a_histogram_with_the_advised_buckets_in_seconds() {
        runner.run(context -> {
            QwenChatModel model = context.getBean(QwenChatModel.class);
            model.chat("Hi");
            qwen.enqueue(RATE_LIMITED);
            assertThatThrownBy(() -> model.chat("Hi")).isInstanceOf(RateLimitException.class);
            Scrape scrape = scrape(context);

            assertThat(scrape.text()).contains("# TYPE gen_ai_client_operation_duration_seconds histogram");
            for (String errorType : List.of("", RateLimitException.class.getName())) {
                assertThat(scrape.bucketBounds("gen_ai_client_operation_duration_seconds_bucket", errorType))
                        .as("buckets of error_type=\"%s\"", errorType)
                        .containsExactlyElementsOf(DURATION_LE);
            }
            // each call in its bucket and in +Inf
            assertThat(scrape.value("gen_ai_client_operation_duration_seconds_bucket", "error_type", "", "le", "+Inf"))
                    .isEqualTo(1.0);
        });
    }

    @Test
    void should_publish_token_usage_as_a_histogram_with_the_advised_buckets_and_no_error_type() {
        runner.run(context -> {
            QwenChatModel model = context.getBean(QwenChatModel.class);
            ChatResponse response = model.chat(
                    ChatRequest.builder().messages(UserMessage.from("Hi")).build());
            qwen.enqueue(RATE_LIMITED);
            assertThatThrownBy(() -> model.chat("Hi")).isInstanceOf(RateLimitException.class);
            Scrape scrape = scrape(context);

            assertThat(scrape.text()).contains("# TYPE gen_ai_client_token_usage histogram");
            assertThat(scrape.series("gen_ai_client_token_usage_count"))
                    .extracting(series -> series.labels().get("gen_ai_token_type"))
                    .containsExactlyInAnyOrder("input", "output"); // the failed call used no tokens
            assertThat(scrape.lines("gen_ai_client_token_usage")).noneMatch(line -> line.contains("error"));
            assertThat(scrape.value("gen_ai_client_token_usage_sum", "gen_ai_token_type", "input"))
                    .isEqualTo(response.tokenUsage().inputTokenCount().doubleValue());
            assertThat(scrape.value("gen_ai_client_token_usage_sum", "gen_ai_token_type", "output"))
                    .isEqualTo(response.tokenUsage().outputTokenCount().doubleValue());
            assertThat(scrape.bucketBounds("gen_ai_client_token_usage_bucket", null))
                    .containsExactlyElementsOf(TOKEN_LE);
        });
    }

    @Test
    void should_count_a_stream_that_output_moderation_stops_as_a_refusal() {
        // compatible mode ends a stream whose output trips moderation with data: {"error": {...}}
        qwen.enqueue(MockReply.errorMidStream(
                "Once upon a time", "data_inspection_failed", "Output data may contain inappropriate content."));
        runner.run(context -> {
            CompletableFuture<ChatResponse> done =
                    StreamedResponse.start(context.getBean(QwenStreamingChatModel.class), "Tell me a story");
            assertThatThrownBy(() -> done.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(ContentFilteredException.class);

            assertThat(scrape(context).sumBy("gen_ai_client_operation_duration_seconds_count", "error_type"))
                    .containsExactly(Map.entry("data_inspection_failed", 1.0));
        });
    }

    @Test
    void should_report_the_server_each_model_calls() {
        String byName = qwen.baseUrl().replace("127.0.0.1", "localhost");
        runner.withPropertyValues(
                        "langchain4j.qwen.chat-models.local.base-url=" + byName,
                        "langchain4j.qwen.chat-models.virginia.region=us-virginia")
                .run(context -> {
                    context.getBean(QwenChatModel.class).chat("Hi");
                    context.getBean("localChatModel", QwenChatModel.class).chat("Hi");
                    // a model with a region of its own reports that region's host: its listener, driven by hand, as
                    // this test calls no real endpoint
                    QwenChatModel virginia = context.getBean("virginiaChatModel", QwenChatModel.class);
                    ChatModelListener listener = virginia.listeners().get(0);
                    ChatRequest request = ChatRequest.builder()
                            .messages(UserMessage.from("Hi"))
                            .parameters(virginia.defaultRequestParameters())
                            .build();
                    Map<Object, Object> attributes = new HashMap<>();
                    listener.onRequest(new ChatModelRequestContext(request, virginia.provider(), attributes));
                    listener.onError(new ChatModelErrorContext(
                            new RateLimitException("throttled"), request, virginia.provider(), attributes));

                    assertThat(scrape(context)
                                    .sumBy("gen_ai_client_operation_duration_seconds_count", "server_address"))
                            .containsExactlyInAnyOrderEntriesOf(Map.of(
                                    "127.0.0.1",
                                    1.0,
                                    "localhost",
                                    1.0,
                                    URI.create(QwenRegion.US_VIRGINIA.baseUrl()).getHost(),
                                    1.0));
                    assertThat(scrape(context)
                                    .value(
                                            "gen_ai_client_operation_duration_seconds_count",
                                            "server_address",
                                            "dashscope-us.aliyuncs.com",
                                            "server_port",
                                            "443"))
                            .isEqualTo(1.0);
                });
    }

    @Test
    void should_publish_the_same_histogram_with_a_meter_registry_alone() {
        // Micrometer without the actuator: no ObservationRegistry bean, no MeterFilter applied by Spring Boot
        QwenAutoConfigurations.runner(qwen.apiKey(), qwen.baseUrl(), QwenObservationAutoConfiguration.class)
                .withPropertyValues("langchain4j.qwen.max-retries=0")
                .withBean(PrometheusMeterRegistry.class, () -> new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))
                .run(context -> {
                    QwenChatModel model = context.getBean(QwenChatModel.class);
                    model.chat("Hi");
                    qwen.enqueue(RATE_LIMITED);
                    assertThatThrownBy(() -> model.chat("Hi")).isInstanceOf(RateLimitException.class);
                    Scrape scrape = scrape(context);

                    assertThat(scrape.sumBy("gen_ai_client_operation_duration_seconds_count", "error_type"))
                            .containsExactlyInAnyOrderEntriesOf(
                                    Map.of("", 1.0, RateLimitException.class.getName(), 1.0));
                    assertThat(scrape.bucketBounds("gen_ai_client_operation_duration_seconds_bucket", ""))
                            .containsExactlyElementsOf(DURATION_LE);
                    assertThat(scrape.series("gen_ai_client_operation_duration_seconds_count")
                                    .get(0)
                                    .labels()
                                    .keySet())
                            .containsExactlyInAnyOrder(
                                    "gen_ai_operation_name",
                                    "gen_ai_provider_name",
                                    "gen_ai_request_model",
                                    "gen_ai_response_model",
                                    "server_address",
                                    "server_port",
                                    "error_type");
                });
    }

    private static Scrape scrape(AssertableApplicationContext context) {
        return new Scrape(context.getBean(PrometheusMeterRegistry.class).scrape());
    }

    /** One sample line of the scrape: its labels and value. */
    record Series(String name, Map<String, String> labels, double value) {}

    /** The Prometheus text format, read line by line. */
    record Scrape(String text) {

        private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)\\{(.*)\\} (\\S+)$");
        private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

        /** The lines of the metric family {@code name} (samples only). */
        List<String> lines(String name) {
            return text.lines().filter(line -> line.startsWith(name)).toList();
        }

        /** The samples named exactly {@code name}. */
        List<Series> series(String name) {
            List<Series> all = new ArrayList<>();
            for (String line : text.lines().toList()) {
                Matcher sample = SAMPLE.matcher(line);
                if (sample.matches() && sample.group(1).equals(name)) {
                    Map<String, String> labels = new LinkedHashMap<>();
                    Matcher label = LABEL.matcher(sample.group(2));
                    while (label.find()) {
                        labels.put(label.group(1), label.group(2));
                    }
                    all.add(new Series(name, labels, Double.parseDouble(sample.group(3))));
                }
            }
            return all;
        }

        /** PromQL's {@code sum by (label) (name)}. */
        Map<String, Double> sumBy(String name, String label) {
            Map<String, Double> sums = new TreeMap<>();
            series(name).forEach(series -> sums.merge(series.labels().get(label), series.value(), Double::sum));
            return sums;
        }

        /** The value of the one sample {@code name} whose labels include {@code labelsAndValues}. */
        double value(String name, String... labelsAndValues) {
            List<Series> matching = series(name).stream()
                    .filter(series -> {
                        for (int i = 0; i < labelsAndValues.length; i += 2) {
                            if (!labelsAndValues[i + 1].equals(series.labels().get(labelsAndValues[i]))) {
                                return false;
                            }
                        }
                        return true;
                    })
                    .toList();
            assertThat(matching).as("%s %s", name, List.of(labelsAndValues)).hasSize(1);
            return matching.get(0).value();
        }

        /** The {@code le} bounds of the first series of bucket samples (of {@code errorType}, when not null). */
        List<String> bucketBounds(String name, String errorType) {
            List<Series> buckets = series(name).stream()
                    .filter(series -> errorType == null
                            || errorType.equals(series.labels().get("error_type")))
                    .toList();
            Map<String, String> first = new LinkedHashMap<>(buckets.get(0).labels());
            first.remove("le");
            return buckets.stream()
                    .filter(series -> {
                        Map<String, String> labels = new LinkedHashMap<>(series.labels());
                        labels.remove("le");
                        return labels.equals(first);
                    })
                    .map(series -> normalise(series.labels().get("le")))
                    .toList();
        }

        /** {@code 1.6777216E7} and {@code 16777216.0} alike: Prometheus clients print bounds differently. */
        private static String normalise(String le) {
            return le.equals("+Inf")
                    ? le
                    : new BigDecimal(le).stripTrailingZeros().toPlainString();
        }
    }
}
