package io.github.qwenlangchain4j.spring;

import static io.github.qwenlangchain4j.spring.GenAiObserver.ERROR_TYPE;
import static io.github.qwenlangchain4j.spring.GenAiObserver.OPERATION_DURATION;
import static io.github.qwenlangchain4j.spring.GenAiObserver.OPERATION_NAME;
import static io.github.qwenlangchain4j.spring.GenAiObserver.PROVIDER_NAME;
import static io.github.qwenlangchain4j.spring.GenAiObserver.REQUEST_MODEL;
import static io.github.qwenlangchain4j.spring.GenAiObserver.RESPONSE_MODEL;
import static io.github.qwenlangchain4j.spring.GenAiObserver.SERVER_ADDRESS;
import static io.github.qwenlangchain4j.spring.GenAiObserver.SERVER_PORT;

import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Shapes the {@value GenAiObserver#OPERATION_DURATION} timer that Micrometer's observation handler makes of every
 * observed call, after OpenTelemetry's GenAI metrics conventions
 * (opentelemetry.io/docs/specs/semconv/gen-ai/gen-ai-metrics): the buckets the conventions advise
 * ({@link #DURATION_BUCKETS}, published as a histogram: Prometheus shows {@code _bucket{le="0.01"}} ...), the
 * conventions' attributes only (Micrometer's own {@code error} tag goes: {@code error.type} says it), and one set of
 * tag keys for every series ({@link #complete}). A {@code MeterFilter} bean: Spring Boot's metrics auto-configuration
 * applies it to every meter registry. Buckets configured with {@code management.metrics.distribution.*} win.
 */
final class GenAiMeterFilter implements MeterFilter {

    /** The token-usage buckets the conventions advise, in tokens. */
    static final double[] TOKEN_BUCKETS = {
        1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864
    };

    /** The operation-duration buckets the conventions advise: 0.01 s to 81.92 s, each twice the one before. */
    static final Duration[] DURATION_BUCKETS = Stream.iterate(Duration.ofMillis(10), bucket -> bucket.multipliedBy(2))
            .limit(14)
            .toArray(Duration[]::new);

    /** The attributes of a call known when it starts. */
    static final List<String> CALL_KEYS =
            List.of(OPERATION_NAME, PROVIDER_NAME, REQUEST_MODEL, SERVER_ADDRESS, SERVER_PORT);
    /** ... and of a call that answered: the token-usage attributes (with {@code gen_ai.token.type}). */
    static final List<String> ANSWERED_KEYS = concat(CALL_KEYS, RESPONSE_MODEL);
    /** The attributes of the duration histogram, {@code error.type} included. */
    static final List<String> DURATION_KEYS = concat(ANSWERED_KEYS, ERROR_TYPE);

    /** The tag Micrometer's {@code DefaultMeterObservationHandler} adds to every timer it makes. */
    private static final String MICROMETER_ERROR = "error";

    /** The long-task timer the observation handler keeps beside the timer: the calls in flight. */
    private static final String ACTIVE = OPERATION_DURATION + ".active";

    @Override
    public Meter.Id map(Meter.Id id) {
        if (id.getName().equals(OPERATION_DURATION)) {
            List<Tag> tags = new ArrayList<>();
            id.getTagsAsIterable().forEach(tag -> {
                if (!tag.getKey().equals(MICROMETER_ERROR)) {
                    tags.add(tag);
                }
            });
            return id.replaceTags(complete(Tags.of(tags), DURATION_KEYS));
        }
        if (id.getName().equals(ACTIVE)) {
            return id.replaceTags(complete(Tags.of(id.getTagsAsIterable()), CALL_KEYS));
        }
        return id;
    }

    @Override
    public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        if (id.getName().equals(OPERATION_DURATION) && id.getType() == Meter.Type.TIMER) {
            return config.merge(durationHistogram());
        }
        return config;
    }

    /** The advised duration buckets, in the nanoseconds Micrometer configures timers in. */
    static DistributionStatisticConfig durationHistogram() {
        return DistributionStatisticConfig.builder()
                .serviceLevelObjectives(Stream.of(DURATION_BUCKETS)
                        .mapToDouble(Duration::toNanos)
                        .toArray())
                .build();
    }

    /**
     * {@code tags} with each of {@code keys} it lacks as an empty tag. Micrometer's Prometheus registry refuses a
     * series whose label names differ from the first one's (up to Micrometer 1.15, Spring Boot 3.5's), which would
     * drop either the successes or the failures; Prometheus stores a label with an empty value as no label, so
     * {@code error_type=""} selects the calls without an error and the stored series carry the conventions'
     * attributes exactly.
     */
    static Tags complete(Tags tags, List<String> keys) {
        Tags completed = tags;
        for (String key : keys) {
            if (tags.stream().noneMatch(tag -> tag.getKey().equals(key))) {
                completed = completed.and(key, "");
            }
        }
        return completed;
    }

    /** Observation key values as tags, completed with {@code keys}. */
    static Tags tagsOf(KeyValues keyValues, List<String> keys) {
        return complete(
                Tags.of(keyValues.stream()
                        .map(keyValue -> Tag.of(keyValue.getKey(), keyValue.getValue()))
                        .toList()),
                keys);
    }

    private static List<String> concat(List<String> keys, String key) {
        List<String> all = new ArrayList<>(keys);
        all.add(key);
        return List.copyOf(all);
    }
}
