package io.github.qwenlangchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.output.TokenUsage;
import org.junit.jupiter.api.Test;

class QwenTokenUsageTest {

    @Test
    void should_sum_counts_and_details() {
        QwenTokenUsage sum = new QwenTokenUsage(10, 20, 30, 4, 5).add(new QwenTokenUsage(1, 2, 3, 6, 7));
        assertThat(sum).isEqualTo(new QwenTokenUsage(11, 22, 33, 10, 12));
    }

    @Test
    void should_keep_details_when_only_one_side_has_them() {
        assertThat(new QwenTokenUsage(1, 1, 2, 4, null).add(new QwenTokenUsage(1, 1, 2, null, 3)))
                .isEqualTo(new QwenTokenUsage(2, 2, 4, 4, 3));
    }

    @Test
    void should_keep_details_null_when_neither_side_has_them() {
        QwenTokenUsage sum = new QwenTokenUsage(1, 1, 2, null, null).add(new QwenTokenUsage(1, 1, 2, null, null));
        assertThat(sum.cachedTokens()).isNull();
        assertThat(sum.reasoningTokens()).isNull();
    }

    @Test
    void should_add_a_plain_token_usage() {
        QwenTokenUsage sum = new QwenTokenUsage(10, 20, 30, 4, 5).add(new TokenUsage(1, 2, 3));
        assertThat(sum).isEqualTo(new QwenTokenUsage(11, 22, 33, 4, 5));
    }

    @Test
    void should_return_itself_when_adding_null() {
        QwenTokenUsage usage = new QwenTokenUsage(1, 2, 3, null, null);
        assertThat(usage.add(null)).isSameAs(usage);
    }

    @Test
    void should_compare_details_in_equals_and_show_them() {
        assertThat(new QwenTokenUsage(1, 2, 3, 4, 5))
                .isNotEqualTo(new QwenTokenUsage(1, 2, 3, 4, null))
                .hasSameHashCodeAs(new QwenTokenUsage(1, 2, 3, 4, 5));
        assertThat(new QwenTokenUsage(1, 2, 3, 4, 5).toString()).contains("cachedTokens=4", "reasoningTokens=5");
    }
}
