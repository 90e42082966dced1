package io.github.qwenlangchain4j.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.qwenlangchain4j.QwenChatRequestParameters;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/** How a refused value becomes a failure that names the property it was given with. */
class PropertyChecksTest {

    private static final String TEMPERATURE = "langchain4j.qwen.chat-model.temperature";

    @Test
    void should_name_the_given_property_with_the_librarys_reason() {
        Throwable failure = catchThrowable(() -> PropertyChecks.acceptedIfSet(
                TEMPERATURE,
                5.0,
                value -> QwenChatRequestParameters.builder().temperature(value).build()));

        assertThat(failure)
                .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                .hasMessageContaining(TEMPERATURE)
                .hasMessageContaining("temperature must be in [0, 2)");
        InvalidConfigurationPropertyValueException invalid = (InvalidConfigurationPropertyValueException) failure;
        assertThat(invalid.getName()).isEqualTo(TEMPERATURE);
        assertThat(invalid.getValue()).isEqualTo(5.0);
        assertThat(invalid.getSuppressed()).singleElement().isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_return_an_accepted_value_and_not_probe_an_unset_one() {
        AtomicInteger probes = new AtomicInteger();

        assertThat(PropertyChecks.acceptedIfSet(TEMPERATURE, 0.5, value -> probes.incrementAndGet()))
                .isEqualTo(0.5);
        assertThat(PropertyChecks.acceptedIfSet(TEMPERATURE, (Double) null, value -> probes.incrementAndGet()))
                .isNull();
        assertThat(PropertyChecks.accepted(TEMPERATURE, (Double) null, value -> probes.incrementAndGet()))
                .isNull();
        assertThat(probes).hasValue(2);
    }

    @Test
    void should_require_a_rule_of_the_starters_own_only_of_a_set_value() {
        assertThat(PropertyChecks.require(
                        "langchain4j.qwen.max-retries",
                        (Integer) null,
                        retries -> retries >= 0,
                        "maxRetries must be 0 or more"))
                .isNull();
        assertThat(catchThrowable(() -> PropertyChecks.require(
                        "langchain4j.qwen.max-retries", -1, retries -> retries >= 0, "maxRetries must be 0 or more")))
                .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                .hasMessageContaining("langchain4j.qwen.max-retries")
                .hasMessageContaining("'-1'")
                .hasMessageContaining("maxRetries must be 0 or more");
    }

    @Test
    void should_name_the_section_of_a_combination_the_library_refuses_when_built() {
        Throwable failure = catchThrowable(() -> PropertyChecks.build("langchain4j.qwen.responses-model", () -> {
            throw new IllegalArgumentException("toolA needs toolB beside it");
        }));

        assertThat(failure)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Invalid Qwen configuration under langchain4j.qwen.responses-model.*: toolA needs toolB"
                        + " beside it")
                .hasCauseInstanceOf(IllegalArgumentException.class);
        assertThat(PropertyChecks.build("langchain4j.qwen", () -> "built")).isEqualTo("built");
    }
}
