package io.github.qwenlangchain4j.internal.rerank;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The local token guess that keeps rerank requests within their token limit when no exact estimator is given: its
 * rules, character class by character class. It is meant to err high (whole English words and common CJK pairs are
 * single tokens in Qwen's vocabulary, and it counts them by the letter and by the character).
 */
class TokenGuessTest {

    @Test
    void english_words_count_one_token_per_four_letters_and_symbols_one_each() {
        // The(1) quick(2) brown(2) fox(1) jumps(2) over(1) the(1) lazy(1) dog(1) .(1)
        assertThat(TokenGuess.count("The quick brown fox jumps over the lazy dog."))
                .isEqualTo(13);
        assertThat(TokenGuess.count("internationalization")).isEqualTo(5);
    }

    @Test
    void whitespace_is_free_and_each_cjk_character_counts_one() {
        assertThat(TokenGuess.count("   \n\t ")).isZero();
        assertThat(TokenGuess.count("什么是文本排序模型")).isEqualTo(9);
    }

    @Test
    void supplementary_characters_such_as_emoji_count_two() {
        assertThat(TokenGuess.count("ok 👍")).isEqualTo(3);
    }

    @Test
    void code_counts_its_symbols() {
        assertThat(TokenGuess.count("int x = a[i] + 1;")).isEqualTo(10); // 5 words, 5 symbols
    }
}
