package io.github.qwenlangchain4j.internal.rerank;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The local token guess that keeps rerank requests within their token limit when Qwen's tokenizer is not on the
 * class path: its rules, character class by character class, each at least what Qwen's byte-level BPE spends
 * ({@link TokenGuessAgainstTokenizerTest} compares whole texts with the tokenizer).
 */
class TokenGuessTest {

    @Test
    void every_digit_is_a_token_as_qwen_never_merges_digits() {
        assertThat(TokenGuess.count("20240915001")).isEqualTo(11);
        assertThat(TokenGuess.count("1,234,567.89")).isEqualTo(12); // 9 digits, 3 separators
        assertThat(TokenGuess.count("x²")).isEqualTo(2); // a superscript is a number of its own
    }

    @Test
    void words_count_one_token_per_four_letters_and_other_letter_runs_three_per_four() {
        assertThat(TokenGuess.count("internationalization")).isEqualTo(5);
        assertThat(TokenGuess.count("lazy")).isEqualTo(1);
        // few vowels: an identifier, a hash or base64, which BPE cuts into short pieces
        assertThat(TokenGuess.count("xkcdqrst")).isEqualTo(6);
        // cut where lower case meets upper case: p | QLcwwagb | Nij
        assertThat(TokenGuess.count("pQLcwwagbNij")).isEqualTo(1 + 6 + 1);
    }

    @Test
    void one_space_before_a_word_is_free_and_other_whitespace_counts_one_per_four() {
        assertThat(TokenGuess.count("a b")).isEqualTo(2);
        assertThat(TokenGuess.count("   ")).isEqualTo(1);
        assertThat(TokenGuess.count("x    y")).isEqualTo(3); // three spaces of indentation, then " y"
        assertThat(TokenGuess.count("a 1")).isEqualTo(3); // a digit takes no space: " " is a token of its own
        assertThat(TokenGuess.count("\n        return")).isEqualTo(2 + 2); // eight of the nine: " return" takes one
    }

    @Test
    void symbols_count_one_each_and_two_for_those_of_three_utf8_bytes() {
        assertThat(TokenGuess.count("a[i]+1;")).isEqualTo(7);
        assertThat(TokenGuess.count("©")).isEqualTo(1);
        assertThat(TokenGuess.count("€")).isEqualTo(2);
        assertThat(TokenGuess.count("，")).isEqualTo(2); // CJK punctuation
    }

    @Test
    void cjk_and_other_alphabets_count_one_per_character_indic_scripts_two() {
        assertThat(TokenGuess.count("什么是文本排序模型")).isEqualTo(9);
        assertThat(TokenGuess.count("Привет")).isEqualTo(6);
        assertThat(TokenGuess.count("हिन्दी")).isEqualTo(12); // letters and vowel signs, two each
    }

    @Test
    void characters_outside_the_basic_plane_count_their_four_utf8_bytes() {
        assertThat(TokenGuess.count("👍")).isEqualTo(4);
        assertThat(TokenGuess.count("𠀀")).isEqualTo(4); // a CJK Extension B ideograph
    }

    @Test
    void nothing_counts_nothing() {
        assertThat(TokenGuess.count("")).isZero();
    }
}
