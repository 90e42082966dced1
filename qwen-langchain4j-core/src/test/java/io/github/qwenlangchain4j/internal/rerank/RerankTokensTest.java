package io.github.qwenlangchain4j.internal.rerank;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.qwenlangchain4j.tokenizer.QwenTokenCountEstimator;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.Test;

/**
 * Which token count a rerank model plans with: the configured estimator, else Qwen's tokenizer found by name when
 * {@code qwen-langchain4j-tokenizer} is on the class path (it is on this module's test class path), else the local
 * guess.
 */
class RerankTokensTest {

    private static final String TEXT = "The quick brown fox jumps over the lazy dog.";

    @Test
    void should_count_with_qwen_s_tokenizer_when_its_module_is_on_the_class_path() {
        ToIntFunction<String> counter = RerankTokens.counter(null, getClass().getClassLoader());

        assertThat(counter.applyAsInt(TEXT))
                .isEqualTo(new QwenTokenCountEstimator().estimateTokenCountInText(TEXT))
                .isLessThan(TokenGuess.count(TEXT));
    }

    @Test
    void should_fall_back_to_the_local_guess_without_the_module() {
        ClassLoader withoutTokenizer = new ClassLoader(null) {}; // the JDK's classes only

        assertThat(RerankTokens.tokenizer(withoutTokenizer)).isNull();
        assertThat(RerankTokens.counter(null, withoutTokenizer).applyAsInt(TEXT))
                .isEqualTo(TokenGuess.count(TEXT));
    }

    @Test
    void should_prefer_a_configured_estimator() {
        QwenTokenCountEstimator configured = new QwenTokenCountEstimator() {
            @Override
            public int estimateTokenCountInText(String text) {
                return 7;
            }
        };

        assertThat(RerankTokens.counter(configured, new ClassLoader(null) {}).applyAsInt(TEXT))
                .isEqualTo(7);
    }
}
