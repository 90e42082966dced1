package io.github.qwenlangchain4j.spring;

import dev.langchain4j.model.output.TokenUsage;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.ObservationRegistry;

/**
 * The token meters, behind an interface that names no micrometer-core type, so that an application with only
 * micrometer-observation (traces, no meter registry) never loads micrometer-core classes.
 */
interface GenAiMeters {

    /** No meter registry: observations still go to the application's {@code ObservationRegistry}, if any. */
    GenAiMeters NONE = new GenAiMeters() {
        @Override
        public void recordTokens(KeyValues tags, TokenUsage usage) {}

        @Override
        public ObservationRegistry standaloneRegistry() {
            return ObservationRegistry.NOOP;
        }
    };

    /**
     * Records the token usage of one successful call.
     *
     * @param tags  the call's low-cardinality key values (operation, provider, models, server), never text
     * @param usage the usage Qwen reported, not null
     */
    void recordTokens(KeyValues tags, TokenUsage usage);

    /**
     * For applications with a meter registry but no {@code ObservationRegistry} bean (Micrometer without the
     * actuator): a registry of our own whose only handler times the observations into the meter registry.
     *
     * @return that registry, or {@link ObservationRegistry#NOOP} without a meter registry
     */
    ObservationRegistry standaloneRegistry();
}
