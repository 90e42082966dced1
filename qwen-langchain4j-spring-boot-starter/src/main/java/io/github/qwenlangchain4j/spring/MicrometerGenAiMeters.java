package io.github.qwenlangchain4j.spring;

import dev.langchain4j.model.output.TokenUsage;
import io.github.qwenlangchain4j.QwenTokenUsage;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;

/**
 * The token metrics of OpenTelemetry's GenAI semantic conventions on a Micrometer {@link MeterRegistry}.
 *
 * <p>{@value #TOKEN_USAGE} is the conventions' histogram, with the buckets they advise
 * ({@link GenAiMeterFilter#TOKEN_BUCKETS}): one input and one output value per successful call, tagged
 * {@code gen_ai.token.type=input|output}; input includes the cached tokens and output the thinking tokens, as the
 * conventions define them. The details Qwen reports on top are subsets of those two, so recording them into the same
 * histogram under another tag would count them twice and add samples that are not calls; they are counters of their
 * own, named as the conventions' token-usage metrics name them (cache read, cache write, reasoning; see
 * open-telemetry/semantic-conventions-genai, model/gen-ai/token-metrics.yaml, and metrics.yaml for the histogram),
 * recorded only when Qwen reported the number.
 */
final class MicrometerGenAiMeters implements GenAiMeters {

    static final String TOKEN_USAGE = "gen_ai.client.token.usage";
    static final String CACHE_READ = "gen_ai.client.inference.usage.cache_read.input_tokens";
    static final String CACHE_WRITE = "gen_ai.client.inference.usage.cache_write.input_tokens";
    static final String REASONING = "gen_ai.client.inference.usage.reasoning.output_tokens";
    static final String TOKEN_TYPE = "gen_ai.token.type";
    /** Required by the conventions on the detail counters; Qwen's usage has no per-modality breakdown. */
    static final Tag UNKNOWN_MODALITY = Tag.of("gen_ai.token.modality", "unknown");

    private final MeterRegistry registry;

    MicrometerGenAiMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void recordTokens(KeyValues callTags, TokenUsage usage) {
        Tags tags = GenAiMeterFilter.tagsOf(callTags, GenAiMeterFilter.ANSWERED_KEYS);
        record(tags.and(TOKEN_TYPE, "input"), usage.inputTokenCount());
        record(tags.and(TOKEN_TYPE, "output"), usage.outputTokenCount());
        if (usage instanceof QwenTokenUsage qwen) {
            Tags detailTags = tags.and(UNKNOWN_MODALITY);
            count(CACHE_READ, "Input tokens Qwen served from its context cache", detailTags, qwen.cachedTokens());
            count(
                    CACHE_WRITE,
                    "Input tokens written to a new context-cache entry",
                    detailTags,
                    qwen.cacheCreationTokens());
            count(REASONING, "Output tokens spent on thinking", detailTags, qwen.reasoningTokens());
        }
    }

    private void record(Tags tags, Integer tokens) {
        if (tokens != null) {
            DistributionSummary.builder(TOKEN_USAGE)
                    .description("Number of input and output tokens used per call")
                    .serviceLevelObjectives(GenAiMeterFilter.TOKEN_BUCKETS)
                    .tags(tags)
                    .register(registry)
                    .record(tokens);
        }
    }

    private void count(String name, String description, Tags tags, Integer tokens) {
        if (tokens != null) {
            Counter.builder(name)
                    .description(description)
                    .tags(tags)
                    .register(registry)
                    .increment(tokens);
        }
    }

    /**
     * For applications with a meter registry but no {@code ObservationRegistry} bean (Micrometer without the
     * actuator): a registry of our own whose only handler times each call into {@value GenAiObserver#OPERATION_DURATION}
     * as {@link GenAiMeterFilter} shapes the actuator's timer, without adding a filter to the application's registry.
     */
    @Override
    public ObservationRegistry standaloneRegistry() {
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(new DurationHandler(registry));
        return observations;
    }

    /** Times each observed call into the duration histogram, with the conventions' tags and buckets. */
    private record DurationHandler(MeterRegistry registry) implements ObservationHandler<Observation.Context> {

        @Override
        public void onStart(Observation.Context context) {
            context.put(Timer.Sample.class, Timer.start(registry));
        }

        @Override
        public void onStop(Observation.Context context) {
            Tags tags = GenAiMeterFilter.tagsOf(context.getLowCardinalityKeyValues(), GenAiMeterFilter.DURATION_KEYS);
            Timer.Sample sample = context.getRequired(Timer.Sample.class);
            sample.stop(Timer.builder(context.getName())
                    .description("GenAI operation duration")
                    .serviceLevelObjectives(GenAiMeterFilter.DURATION_BUCKETS)
                    .tags(tags)
                    .register(registry));
        }

        @Override
        public boolean supportsContext(Observation.Context context) {
            return true;
        }
    }
}
