package io.github.qwenlangchain4j.spring;

import static io.github.qwenlangchain4j.spring.QwenWireMock.API_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** A key with an invalid option fails the startup with a message that names the property, never the key. */
class QwenAutoConfigurationFailureTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(QwenAutoConfigurations.of())
            .withPropertyValues("langchain4j.qwen.api-key=" + API_KEY);

    @Test
    void should_name_the_property_of_an_impossible_embedding_dimension() {
        runner.withPropertyValues("langchain4j.qwen.embedding-model.dimensions=100")
                .run(context -> {
                    assertThat(context).hasFailed();
                    InvalidConfigurationPropertyValueException failure =
                            findInChain(context.getStartupFailure(), InvalidConfigurationPropertyValueException.class);
                    assertThat(failure.getName()).isEqualTo("langchain4j.qwen.embedding-model.dimensions");
                    assertThat(failure.getValue()).isEqualTo(100);
                    assertThat(failure.getMessage())
                            .contains("langchain4j.qwen.embedding-model.dimensions")
                            .contains("dimensions 100 is not supported by text-embedding-v4")
                            .contains("1024");
                    assertThat(messages(context.getStartupFailure())).doesNotContain(API_KEY);
                });
    }

    @Test
    void should_name_the_region_property_when_its_value_is_no_region() {
        runner.withPropertyValues("langchain4j.qwen.region=mars").run(context -> {
            assertThat(context).hasFailed();
            // The binder fails before any model is built, naming the property and the regions there are.
            assertThat(messages(context.getStartupFailure()))
                    .contains("langchain4j.qwen.region")
                    .contains(
                            "'mars' is not a Qwen region; use one of singapore, us-virginia, china-beijing, hong-kong")
                    .doesNotContain(API_KEY);
        });
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "langchain4j.qwen.chat-model.search-options.search-strategy | fastest | searchStrategy must be one of",
                "langchain4j.qwen.chat-model.search-options.freshness       | -1      | freshness is a number of days",
                "langchain4j.qwen.chat-model.thinking-budget                | 0       | thinkingBudget must be a positive",
                "langchain4j.qwen.chat-model.reasoning-effort               | extreme | reasoningEffort must be one of none,",
                "langchain4j.qwen.chat-model.repetition-penalty             | 0       | repetitionPenalty must be greater",
                "langchain4j.qwen.chat-model.model-name                     | ' '     | modelName must be set",
                "langchain4j.qwen.chat-model.temperature                    | 5       | temperature must be in [0, 2)",
                "langchain4j.qwen.chat-model.top-p                          | 0       | topP must be in (0, 1]",
                "langchain4j.qwen.chat-model.max-tokens                     | 0       | max_tokens) must be 1 or more",
                "langchain4j.qwen.chat-model.max-completion-tokens          | 0       | max_completion_tokens) must be 1 or more",
                "langchain4j.qwen.chat-model.presence-penalty               | 3       | presencePenalty must be in [-2, 2]",
                "langchain4j.qwen.chat-model.top-k                          | -1      | topK must be 0 or more",
                "langchain4j.qwen.chat-model.seed                           | -1      | seed must be 0 or more",
                "langchain4j.qwen.chat-model.audio-output.voice             | ' '     | voice must be set",
                "langchain4j.qwen.embedding-model.max-segments-per-batch    | 11      | exceeds what text-embedding-v4",
                "langchain4j.qwen.embedding-model.max-concurrent-requests   | 0       | maxConcurrentRequests must be at least 1",
                "langchain4j.qwen.embedding-model.model-name                | ' '     | modelName must be set",
                "langchain4j.qwen.embedding-model.rate-limit-patience       | -1s     | rateLimitPatience must be zero or positive",
                "langchain4j.qwen.embedding-model.dimensions                | 0       | dimensions must be positive",
                "langchain4j.qwen.scoring-model.model-name                  | ' '     | modelName must not be blank",
                "langchain4j.qwen.scoring-model.max-tokens-per-request      | 0       | maxTokensPerRequest must be at least 1",
                "langchain4j.qwen.max-retries                               | -1      | maxRetries must be 0 or more",
                "langchain4j.qwen.max-concurrent-calls                      | 0       | maxConcurrentCalls must be 1 or more",
                "langchain4j.qwen.timeout                                   | -5s     | timeout must be positive",
                "langchain4j.qwen.base-url                                  | ftp://x | baseUrl is not a valid",
            })
    void should_name_the_property_of_an_invalid_option(String property, String value, String reason) {
        runner.withPropertyValues(property + "=" + value).run(context -> {
            assertThat(context).hasFailed();
            InvalidConfigurationPropertyValueException failure =
                    findInChain(context.getStartupFailure(), InvalidConfigurationPropertyValueException.class);
            assertThat(failure.getName()).isEqualTo(property);
            assertThat(failure.getMessage()).contains(property).contains(reason);
            assertThat(messages(context.getStartupFailure())).doesNotContain(API_KEY);
        });
    }

    @Test
    void should_start_when_every_option_is_valid() {
        runner.withPropertyValues(
                        "langchain4j.qwen.region=hong-kong",
                        "langchain4j.qwen.embedding-model.model-name=text-embedding-v3",
                        "langchain4j.qwen.embedding-model.dimensions=512",
                        "langchain4j.qwen.chat-model.search-options.search-strategy=agent_max",
                        "langchain4j.qwen.chat-model.search-options.freshness=7")
                .run(context -> assertThat(context).hasNotFailed());
    }

    private static <T extends Throwable> T findInChain(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        throw new AssertionError("No " + type.getSimpleName() + " in the cause chain of " + failure, failure);
    }

    private static String messages(Throwable failure) {
        List<String> messages = new ArrayList<>();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.add(String.valueOf(t.getMessage()));
        }
        return String.join("\n", messages);
    }
}
