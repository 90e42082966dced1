package io.github.qwenlangchain4j.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import io.github.qwenlangchain4j.QwenChatModel;
import io.github.qwenlangchain4j.QwenStreamingChatModel;
import io.github.qwenlangchain4j.QwenTokenUsage;
import io.github.qwenlangchain4j.embedding.QwenEmbeddingModel;
import io.github.qwenlangchain4j.responses.QwenResponsesChatModel;
import io.github.qwenlangchain4j.testkit.MockReply;
import io.github.qwenlangchain4j.testkit.QwenMockServer;
import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Micrometer instrumentation against QwenMockServer, with a real {@link SimpleMeterRegistry} and a
 * {@link TestObservationRegistry} bridged to it as Spring Boot's actuator bridges its registries: metric names and
 * tags after OpenTelemetry's GenAI semantic conventions (model/gen-ai/metrics.yaml and registry.yaml of
 * https://github.com/open-telemetry/semantic-conventions-genai), one observation per call for chat, streaming,
 * Responses and embeddings, errors by type, and no prompt text or key in any tag.
 */
@Isolated // the gauges of running and waiting calls count every call in the process
class QwenObservationAutoConfigurationTest {

    private static final String DURATION = "gen_ai.client.operation.duration";
    private static final String TOKENS = "gen_ai.client.token.usage";
    /** Text that must never reach a tag: the mock echoes it in its answers, so it is in every response too. */
    private static final String PROMPT = "my-private-prompt-7f3a";

    private final QwenMockServer qwen = QwenMockServer.start();

    private final ApplicationContextRunner runner = QwenAutoConfigurations.runner(
                    qwen.apiKey(), qwen.baseUrl(), QwenObservationAutoConfiguration.class)
            .withPropertyValues("langchain4j.qwen.max-retries=0", "langchain4j.qwen.chat-model.temperature=0.3")
            .withUserConfiguration(Micrometer.class);

    @AfterEach
    void stopServer() {
        qwen.close();
    }

    /** A meter registry and an observation registry that times observations into it, as the actuator wires them. */
    @Configuration(proxyBeanMethods = false)
    static class Micrometer {

        @Bean
        SimpleMeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        @Bean
        StoppedObservations stoppedObservations() {
            return new StoppedObservations();
        }

        @Bean
        TestObservationRegistry observationRegistry(SimpleMeterRegistry meters, StoppedObservations stopped) {
            TestObservationRegistry registry = TestObservationRegistry.create();
            registry.observationConfig()
                    .observationHandler(new DefaultMeterObservationHandler(meters))
                    .observationHandler(stopped);
            return registry;
        }
    }

    /** Every observation context once stopped, with all its key values (TestObservationRegistry keeps them private). */
    static final class StoppedObservations implements ObservationHandler<Observation.Context> {

        final List<Observation.Context> contexts = new CopyOnWriteArrayList<>();

        @Override
        public void onStop(Observation.Context context) {
            contexts.add(context);
        }

        @Override
        public boolean supportsContext(Observation.Context context) {
            return true;
        }
    }

    @Test
    void should_publish_the_calls_running_and_those_waiting_for_max_concurrent_calls_as_gauges() {
        qwen.enqueue(MockReply.text("The first answer").withDelay(java.time.Duration.ofMillis(1500)));
        runner.withPropertyValues("langchain4j.qwen.max-concurrent-calls=1").run(context -> {
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            // what Spring Boot's metrics auto-configuration does with every MeterBinder bean
            context.getBean("qwenCallsMeterBinder", MeterBinder.class).bindTo(meters);
            QwenChatModel model = context.getBean(QwenChatModel.class);

            CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> model.chat("first"));
            awaitGauges(meters, 1, 0);
            CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> model.chat("second"));
            awaitGauges(meters, 1, 1); // one limit for the whole application: the second waits

            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("The first answer");
            assertThat(second.get(10, TimeUnit.SECONDS)).isNotBlank();
            awaitGauges(meters, 0, 0);
        });
    }

    private static void awaitGauges(MeterRegistry meters, int running, int waiting) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (meters.get("qwen.calls.running").gauge().value() != running
                || meters.get("qwen.calls.waiting").gauge().value() != waiting) {
            assertThat(System.nanoTime())
                    .as("gauges running=%d, waiting=%d", running, waiting)
                    .isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    @Test
    void should_time_a_chat_call_and_record_its_tokens_after_the_genai_conventions() {
        runner.run(context -> {
            ChatResponse response = context.getBean(QwenChatModel.class)
                    .chat(ChatRequest.builder()
                            .messages(dev.langchain4j.data.message.UserMessage.from(PROMPT))
                            .build());
            MeterRegistry meters = context.getBean(MeterRegistry.class);

            Timer timer = meters.get(DURATION).timer();
            assertThat(timer.count()).isEqualTo(1);
            assertThat(tags(timer))
                    .containsAllEntriesOf(java.util.Map.of(
                            "gen_ai.operation.name",
                            "chat",
                            "gen_ai.provider.name",
                            "dashscope",
                            "gen_ai.request.model",
                            "qwen-plus",
                            "gen_ai.response.model",
                            response.modelName(),
                            "server.address",
                            URI.create(qwen.baseUrl()).getHost(),
                            "server.port",
                            String.valueOf(URI.create(qwen.baseUrl()).getPort())))
                    // "conditionally required if the operation ended in an error": absent on a success
                    .doesNotContainKey("error.type");

            TokenUsage usage = response.tokenUsage();
            assertThat(usage.inputTokenCount()).isPositive();
            assertThat(summary(meters, "input").totalAmount())
                    .isEqualTo(usage.inputTokenCount().doubleValue());
            assertThat(summary(meters, "output").totalAmount())
                    .isEqualTo(usage.outputTokenCount().doubleValue());
            assertThat(summary(meters, "input").getId().getTag("gen_ai.response.model"))
                    .isEqualTo(response.modelName());

            TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class))
                    .hasNumberOfObservationsEqualTo(1)
                    .hasSingleObservationThat()
                    .hasNameEqualTo(DURATION)
                    .hasContextualNameEqualTo("chat qwen-plus")
                    .hasBeenStarted()
                    .hasBeenStopped()
                    .hasLowCardinalityKeyValue("gen_ai.operation.name", "chat")
                    .hasHighCardinalityKeyValue("gen_ai.request.temperature", "0.3")
                    .hasHighCardinalityKeyValue("gen_ai.response.id", response.id())
                    .hasHighCardinalityKeyValue("gen_ai.response.finish_reasons", "stop")
                    .hasHighCardinalityKeyValue("gen_ai.usage.input_tokens", String.valueOf(usage.inputTokenCount()))
                    .hasHighCardinalityKeyValue("gen_ai.usage.output_tokens", String.valueOf(usage.outputTokenCount()));
        });
    }

    @Test
    void should_observe_a_stream_from_request_to_completion_with_its_reasoning_and_cached_tokens() {
        qwen.enqueue(MockReply.thinkingThenText("Let me think it over.", "Forty-two."));
        runner.run(context -> {
            CompletableFuture<ChatResponse> done =
                    StreamedResponse.start(context.getBean(QwenStreamingChatModel.class), PROMPT);
            // LangChain4j calls the listeners' onResponse before the handler's onCompleteResponse
            ChatResponse response = done.get(30, TimeUnit.SECONDS);
            QwenTokenUsage usage = (QwenTokenUsage) response.tokenUsage();
            assertThat(usage.reasoningTokens()).isPositive();
            MeterRegistry meters = context.getBean(MeterRegistry.class);

            assertThat(meters.get(DURATION)
                            .tag("gen_ai.operation.name", "chat")
                            .timer()
                            .count())
                    .isEqualTo(1);
            assertThat(summary(meters, "output").totalAmount())
                    .isEqualTo(usage.outputTokenCount().doubleValue());
            Counter reasoning = meters.get(MicrometerGenAiMeters.REASONING).counter();
            assertThat(reasoning.count()).isEqualTo(usage.reasoningTokens().doubleValue());
            assertThat(reasoning.getId().getTag("gen_ai.request.model")).isEqualTo("qwen-plus");
            // the mock reports cached_tokens 0, as Qwen does on a cache miss: counted as 0, not left out
            assertThat(meters.get(MicrometerGenAiMeters.CACHE_READ).counter().count())
                    .isEqualTo(usage.cachedTokens().doubleValue())
                    .isZero();

            TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class))
                    .hasSingleObservationThat()
                    .hasBeenStopped()
                    .hasHighCardinalityKeyValue(
                            "gen_ai.usage.reasoning.output_tokens", String.valueOf(usage.reasoningTokens()));
        });
    }

    @Test
    void should_tag_a_failed_call_with_its_error_type_and_record_no_tokens() {
        qwen.enqueue(MockReply.error(400, "InvalidParameter", "Range of input length should be [1, 129024]"));
        runner.run(context -> {
            assertThatThrownBy(() -> context.getBean(QwenChatModel.class).chat(PROMPT))
                    .isInstanceOf(InvalidRequestException.class);
            MeterRegistry meters = context.getBean(MeterRegistry.class);

            Timer timer = meters.get(DURATION).timer();
            assertThat(timer.count()).isEqualTo(1);
            assertThat(tags(timer))
                    .containsEntry("error.type", InvalidRequestException.class.getName())
                    .doesNotContainKey("gen_ai.response.model") // no model answered
                    .containsEntry("gen_ai.request.model", "qwen-plus");
            assertThat(meters.find(TOKENS).meters()).isEmpty();

            TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class))
                    .hasSingleObservationThat()
                    .hasBeenStopped()
                    .assertThatError()
                    .isInstanceOf(InvalidRequestException.class);
        });
    }

    @Test
    void should_report_qwens_finish_reason_as_sent_not_langchain4js_name_for_it() {
        // finish_reason "tool_calls" (alibabacloud.com/help/en/model-studio/qwen-function-calling), which LangChain4j
        // calls TOOL_EXECUTION; the conventions' gen_ai.response.finish_reasons carries the provider's value
        qwen.enqueue(MockReply.toolCalls(new MockReply.ToolCall("get_weather", "{\"city\":\"Hangzhou\"}")));
        runner.run(context -> {
            ChatResponse response = context.getBean(QwenChatModel.class)
                    .chat(ChatRequest.builder()
                            .messages(dev.langchain4j.data.message.UserMessage.from("Weather in Hangzhou?"))
                            .toolSpecifications(ToolSpecification.builder()
                                    .name("get_weather")
                                    .description("The weather in a city")
                                    .build())
                            .build());
            assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_EXECUTION);

            TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class))
                    .hasSingleObservationThat()
                    .hasHighCardinalityKeyValue("gen_ai.response.finish_reasons", "tool_calls");
        });
    }

    @Test
    void should_report_the_responses_api_finish_reason_in_the_same_vocabulary() {
        ChatResponse toolCall = ChatResponse.builder()
                .aiMessage(dev.langchain4j.data.message.AiMessage.from("hi"))
                .finishReason(FinishReason.TOOL_EXECUTION)
                .build();
        ChatResponse cut = ChatResponse.builder()
                .aiMessage(dev.langchain4j.data.message.AiMessage.from("hi"))
                .finishReason(FinishReason.CONTENT_FILTER)
                .build();

        assertThat(QwenChatObservationListener.finishReason(toolCall)).isEqualTo("tool_calls");
        assertThat(QwenChatObservationListener.finishReason(cut)).isEqualTo("content_filter");
    }

    @Test
    void should_tag_a_content_filter_refusal_with_its_own_error_type() {
        // 400 data_inspection_failed (alibabacloud.com/help/en/model-studio/error-code)
        qwen.enqueue(MockReply.error(400, "data_inspection_failed", "Input data may contain inappropriate content."));
        runner.run(context -> {
            assertThatThrownBy(() -> context.getBean(QwenChatModel.class).chat(PROMPT))
                    .isInstanceOf(ContentFilteredException.class);

            assertThat(context.getBean(MeterRegistry.class)
                            .get(DURATION)
                            .timer()
                            .getId()
                            .getTag("error.type"))
                    .isEqualTo("data_inspection_failed");
        });
    }

    @Test
    void should_observe_embeddings_with_their_input_tokens_only() {
        runner.run(context -> {
            QwenEmbeddingModel model = context.getBean(QwenEmbeddingModel.class);
            var response = model.embedAll(List.of(TextSegment.from(PROMPT), TextSegment.from("second " + PROMPT)));
            MeterRegistry meters = context.getBean(MeterRegistry.class);

            Timer timer = meters.get(DURATION)
                    .tag("gen_ai.operation.name", "embeddings")
                    .timer();
            assertThat(timer.count()).isEqualTo(1);
            assertThat(timer.getId().getTag("gen_ai.request.model")).isEqualTo(QwenEmbeddingModel.DEFAULT_MODEL_NAME);
            assertThat(summary(meters, "input").totalAmount())
                    .isEqualTo(response.tokenUsage().inputTokenCount().doubleValue());
            assertThat(meters.find(TOKENS).tag("gen_ai.token.type", "output").meters())
                    .isEmpty();
            TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class))
                    .hasSingleObservationThat()
                    .hasContextualNameEqualTo("embeddings " + QwenEmbeddingModel.DEFAULT_MODEL_NAME)
                    .hasBeenStopped();
        });
    }

    @Test
    void should_tag_a_failed_embedding_call_with_its_error_type() {
        runner.run(context -> {
            // text-embedding-v4 has no 100 dimensions: refused by the model before sending, inside the observed call
            Throwable error =
                    org.assertj.core.api.Assertions.catchThrowable(() -> context.getBean(QwenEmbeddingModel.class)
                            .embed(dev.langchain4j.model.embedding.request.EmbeddingRequest.builder()
                                    .input(PROMPT)
                                    .dimensions(100)
                                    .build()));
            assertThat(error).isInstanceOf(IllegalArgumentException.class);

            Timer timer = context.getBean(MeterRegistry.class)
                    .get(DURATION)
                    .tag("gen_ai.operation.name", "embeddings")
                    .timer();
            assertThat(timer.count()).isEqualTo(1);
            assertThat(timer.getId().getTag("error.type"))
                    .isEqualTo(error.getClass().getName());
            assertThat(context.getBean(MeterRegistry.class).find(TOKENS).meters())
                    .isEmpty();
        });
    }

    @Test
    void should_observe_the_responses_api_models_as_chat() {
        runner.withPropertyValues("langchain4j.qwen.responses-model.enabled=true")
                .run(context -> {
                    ChatResponse response = context.getBean(QwenResponsesChatModel.class)
                            .chat(ChatRequest.builder()
                                    .messages(dev.langchain4j.data.message.UserMessage.from(PROMPT))
                                    .build());
                    MeterRegistry meters = context.getBean(MeterRegistry.class);

                    Timer timer = meters.get(DURATION).timer();
                    assertThat(timer.count()).isEqualTo(1);
                    assertThat(tags(timer))
                            .containsEntry("gen_ai.operation.name", "chat")
                            .containsEntry("gen_ai.response.model", response.modelName());
                    assertThat(summary(meters, "input").totalAmount())
                            .isEqualTo(response.tokenUsage().inputTokenCount().doubleValue());
                });
    }

    @Test
    void should_put_no_prompt_text_and_no_api_key_in_any_tag_or_span_attribute() {
        qwen.enqueue(MockReply.text("The answer repeats " + PROMPT));
        runner.withPropertyValues("langchain4j.qwen.responses-model.enabled=true")
                .run(context -> {
                    context.getBean(QwenChatModel.class).chat(PROMPT);
                    context.getBean(QwenResponsesChatModel.class).chat(PROMPT);
                    context.getBean(QwenEmbeddingModel.class).embed(PROMPT);
                    qwen.enqueue(MockReply.error(400, "InvalidParameter", "Bad input " + PROMPT));
                    assertThatThrownBy(
                                    () -> context.getBean(QwenChatModel.class).chat(PROMPT))
                            .isInstanceOf(RuntimeException.class);

                    List<String> everything = new ArrayList<>();
                    for (Meter meter : context.getBean(MeterRegistry.class).getMeters()) {
                        everything.add(meter.getId().getName());
                        meter.getId().getTags().forEach(tag -> everything.add(tag.getKey() + "=" + tag.getValue()));
                    }
                    List<Observation.Context> observed = context.getBean(StoppedObservations.class).contexts;
                    assertThat(observed).hasSize(4);
                    for (Observation.Context call : observed) {
                        everything.add(call.getContextualName());
                        for (KeyValue keyValue : call.getAllKeyValues()) {
                            everything.add(keyValue.getKey() + "=" + keyValue.getValue());
                        }
                    }
                    assertThat(everything)
                            .hasSizeGreaterThan(40)
                            .noneMatch(text -> text.contains(PROMPT))
                            .noneMatch(text -> text.contains(qwen.apiKey()));
                });
    }

    @Test
    void should_leave_other_providers_models_alone() {
        runner.run(context -> {
            ChatModelListener listener = context.getBean(QwenChatObservationListener.class);
            ChatModel other = new ChatModel() {
                @Override
                public ChatResponse doChat(ChatRequest request) {
                    return ChatResponse.builder()
                            .aiMessage(dev.langchain4j.data.message.AiMessage.from("hi"))
                            .build();
                }

                @Override
                public List<ChatModelListener> listeners() {
                    return List.of(listener);
                }
            };
            other.chat("hello");

            assertThat(context.getBean(MeterRegistry.class).find(DURATION).meters())
                    .isEmpty();
            TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class))
                    .doesNotHaveAnyObservation();
        });
    }

    @Test
    void should_time_calls_into_a_meter_registry_without_an_observation_registry() {
        QwenAutoConfigurations.runner(qwen.apiKey(), qwen.baseUrl(), QwenObservationAutoConfiguration.class)
                .withBean(SimpleMeterRegistry.class)
                .run(context -> {
                    assertThat(context).doesNotHaveBean(ObservationRegistry.class);
                    context.getBean(QwenChatModel.class).chat("Hello");
                    MeterRegistry meters = context.getBean(MeterRegistry.class);
                    assertThat(meters.get(DURATION).timer().count()).isEqualTo(1);
                    assertThat(meters.get(TOKENS)
                                    .tag("gen_ai.token.type", "input")
                                    .summary()
                                    .count())
                            .isEqualTo(1);
                });
    }

    @Test
    void should_be_switched_off_by_one_property() {
        runner.withPropertyValues("langchain4j.qwen.observations.enabled=false").run(context -> {
            assertThat(context)
                    .doesNotHaveBean(QwenChatObservationListener.class)
                    .doesNotHaveBean(QwenEmbeddingObservationListener.class);
            context.getBean(QwenChatModel.class).chat("Hello");
            assertThat(context.getBean(QwenChatModel.class).listeners()).isEmpty();
            assertThat(context.getBean(MeterRegistry.class).getMeters()).isEmpty();
        });
    }

    @Test
    void should_back_off_without_micrometer_on_the_classpath() {
        runner.withClassLoader(new FilteredClassLoader("io.micrometer."))
                .withUserConfiguration(NoMicrometer.class)
                .run(context -> assertThat(context)
                        .hasNotFailed()
                        .hasSingleBean(QwenChatModel.class)
                        .doesNotHaveBean(QwenChatObservationListener.class));
    }

    @Test
    void should_attach_the_listeners_to_the_auto_configured_models() {
        runner.run((AssertableApplicationContext context) -> {
            // each model its own copy, which reports the server that model calls
            assertThat(context.getBean(QwenChatModel.class).listeners())
                    .singleElement()
                    .isInstanceOf(QwenChatObservationListener.class);
            assertThat(context.getBean(QwenStreamingChatModel.class).listeners())
                    .singleElement()
                    .isInstanceOf(QwenChatObservationListener.class);
            assertThat(context.getBean(QwenEmbeddingModel.class).listeners())
                    .singleElement()
                    .isInstanceOf(QwenEmbeddingObservationListener.class);
        });
    }

    @Test
    void should_observe_calls_with_micrometer_observation_alone() {
        QwenAutoConfigurations.runner(qwen.apiKey(), qwen.baseUrl(), QwenObservationAutoConfiguration.class)
                .withClassLoader(new FilteredClassLoader("io.micrometer.core."))
                .withBean(TestObservationRegistry.class, TestObservationRegistry::create)
                .run(context -> {
                    assertThat(context).doesNotHaveBean(MicrometerGenAiMeters.class);
                    context.getBean(QwenChatModel.class).chat("Hello");
                    TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class))
                            .hasSingleObservationThat()
                            .hasNameEqualTo(DURATION)
                            .hasBeenStopped()
                            .hasLowCardinalityKeyValue("gen_ai.provider.name", "dashscope");
                });
    }

    /** Replaces {@link Micrometer}, whose classes the filtered class loader hides. */
    @Configuration(proxyBeanMethods = false)
    static class NoMicrometer {}

    private static DistributionSummary summary(MeterRegistry meters, String tokenType) {
        return meters.get(TOKENS).tag("gen_ai.token.type", tokenType).summary();
    }

    private static java.util.Map<String, String> tags(Meter meter) {
        java.util.Map<String, String> tags = new java.util.LinkedHashMap<>();
        for (Tag tag : meter.getId().getTags()) {
            tags.put(tag.getKey(), tag.getValue());
        }
        return tags;
    }
}
