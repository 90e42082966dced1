package io.github.qwenlangchain4j.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/** How a builder's IllegalArgumentException becomes a failure that names a property. */
class BuilderOptionsTest {

    private final BuilderOptions options = new BuilderOptions("langchain4j.qwen.embedding-model")
            .option("modelName", "langchain4j.qwen.embedding-model.model-name", "text-embedding-v4")
            .option("maxSegmentsPerBatch", "langchain4j.qwen.embedding-model.max-segments-per-batch", 11);

    @Test
    void should_name_the_option_the_message_mentions_first() {
        Throwable failure = catchThrowable(() -> options.build(() -> {
            throw new IllegalArgumentException("maxSegmentsPerBatch 11 exceeds what modelName accepts");
        }));

        assertThat(failure).isInstanceOf(InvalidConfigurationPropertyValueException.class);
        assertThat(((InvalidConfigurationPropertyValueException) failure).getName())
                .isEqualTo("langchain4j.qwen.embedding-model.max-segments-per-batch");
        assertThat(failure.getSuppressed()).hasSize(1);
    }

    @Test
    void should_match_whole_words_only() {
        Throwable failure = catchThrowable(() -> options.build(() -> {
            throw new IllegalArgumentException("defaultmodelName is odd");
        }));

        assertThat(failure).isInstanceOf(IllegalStateException.class)
                .hasMessage("Invalid Qwen configuration under langchain4j.qwen.embedding-model.*: defaultmodelName is odd")
                .hasCauseInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_return_what_the_builder_builds() {
        assertThat(options.build(() -> "built")).isEqualTo("built");
    }
}
