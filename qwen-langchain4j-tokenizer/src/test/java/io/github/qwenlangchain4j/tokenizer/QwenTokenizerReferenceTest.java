package io.github.qwenlangchain4j.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Token ids published by a reference implementation: llama.cpp's tokenizer test vectors for Qwen2,
 * {@code models/ggml-vocab-qwen2.gguf.inp} (the texts, separated by {@code __ggml_vocab_test__}) and
 * {@code models/ggml-vocab-qwen2.gguf.out} (the ids), in github.com/ggml-org/llama.cpp. The ids were written by
 * {@code convert_hf_to_gguf_update.py} with Hugging Face's tokenizer of Qwen/Qwen1.5-7B, whose tokenizer.json (BPE
 * vocabulary, NFC normalizer, pre-tokenization regex) is the one Qwen2, Qwen2.5 and Qwen3 ship. Every text of the file
 * is here, in its order; non-ASCII characters that do not show (the zero-width joiner, the variation selector) are
 * written as escapes.
 */
class QwenTokenizerReferenceTest {

    private static final QwenTokenCountEstimator TOKENIZER = new QwenTokenCountEstimator();

    static Stream<Arguments> llamaCppQwen2Vectors() {
        return Stream.of(
                // English, numbers and a vulgar fraction (\p{N}, split off alone)
                vector("ied 4 ½ months", "1122 220 19 220 26062 3951"),
                vector("Führer", "37 50753 261"),
                vector("", ""),
                // white space: runs, tabs, line breaks
                vector(" ", "220"),
                vector("  ", "256"),
                vector("   ", "262"),
                vector("\t", "197"),
                vector("\n", "198"),
                vector("\n\n", "271"),
                vector("\n\n\n", "1406"),
                vector("\t\n", "1572"),
                vector("Hello world", "9707 1879"),
                vector(" Hello world", "21927 1879"),
                vector("Hello World", "9707 4337"),
                vector(" Hello World", "21927 4337"),
                vector(" Hello World!", "21927 4337 0"),
                vector("Hello, world!", "9707 11 1879 0"),
                vector(" Hello, world!", "21927 11 1879 0"),
                // emoji glued to punctuation, code-like text
                vector(" this is \uD83E\uDD99.cpp", "419 374 11162 99 247 13 10821"),
                vector("w048 7tuijk dsdfhu", "86 15 19 23 220 22 83 1963 41808 11472 2940 16739"),
                // Cyrillic, Khmer (combining marks), emoji sequences with a zero-width joiner
                vector("нещо на Български", "78762 14144 1456 13073 63471 33594 3038 133178 79012"),
                vector(
                        KHMER,
                        "146394 97529 241 44258 233 146568 44258 224 147603 20879 115 146280 44258 223 146280"
                                + " 147272 97529 227 147805 148301 147270 44258 223 146848"),
                vector(
                        EMOJIS,
                        "145836 320 8252 8 26525 114 378 235 149921 30543 320 35673 99066 97534 8 25521 227 320"
                                + " 3243 42365 429 702 1181 1828 3950 8"),
                vector("Hello", "9707"),
                vector(" Hello", "21927"),
                vector("  Hello", "220 21927"),
                vector("   Hello", "256 21927"),
                vector("    Hello", "262 21927"),
                vector("    Hello\n    Hello", "262 21927 198 262 21927"),
                vector(" (", "320"),
                vector("\n =", "198 284"),
                vector("' era", "6 11385"),
                // mixed scripts: English with a contraction, emoji, Chinese, digits one by one, a full-width tilde
                vector(
                        MIXED,
                        "9707 11 379 64848 0 2585 525 498 26525 223 937 104100 18493 22377 99257 16 18 16 19 16"
                                + " 20 16 35727 21216"),
                vector("3", "18"),
                vector("33", "18 18"),
                vector("333", "18 18 18"),
                vector("3333", "18 18 18 18"),
                vector("33333", "18 18 18 18 18"),
                vector("333333", "18 18 18 18 18 18"),
                vector("3333333", "18 18 18 18 18 18 18"),
                vector("33333333", "18 18 18 18 18 18 18 18"),
                vector("333333333", "18 18 18 18 18 18 18 18 18"),
                // everything at once: white space mixes, code fences, quotes, contractions in any case
                vector(
                        ALL,
                        "198 4710 14731 65497 7847 1572 2303 78672 10947 145836 320 8252 8 26525 114 378 235 149921"
                                + " 30543 320 35673 99066 97534 8 25521 227 11162 99 247 149955 220 18 220 18 18 220 18 18 18 220"
                                + " 18 18 18 18 220 18 18 18 18 18 220 18 18 18 18 18 18 220 18 18 18 18 18 18 18 220 18 18 18 18"
                                + " 18 18 18 18 220 18 13 18 220 18 496 18 220 18 1112 18 220 146394 97529 241 44258 233 146568"
                                + " 44258 224 147603 20879 115 146280 44258 223 146280 147272 97529 227 144534 937 104100 18493"
                                + " 22377 99257 16 18 16 19 16 20 16 35727 21216 55460 53237 18658 14144 1456 13073 63471 33594"
                                + " 3038 133178 79012 3355 4605 4605 13874 13874 73594 3014 3014 28149 17085 2928 26610 7646 358"
                                + " 3003 1012 364 83 813 566 594 1052 11 364 787 498 2704 30 364 44 537 2704 358 3278 1281 432 11"
                                + " 364 35 498 1075 1045 15243 30 1205 6 42612 264 63866 43"));
    }

    private static final String KHMER = "កាន់តែពិសេសអាចខលចេញ";
    private static final String EMOJIS = "\uD83D\uDE80 (normal) \uD83D\uDE36\u200D\uD83C\uDF2B\uFE0F (multiple emojis"
            + " concatenated) \u2705 (only emoji that has its own token)";
    private static final String MIXED = "Hello, y'all! How are you \uD83D\uDE01 ?我想在apple工作1314151天～";
    private static final String ALL = "\n \n\n \n\n\n \t \t\t \t\n  \n   \n    \n     \n\uD83D\uDE80 (normal)"
            + " \uD83D\uDE36\u200D\uD83C\uDF2B\uFE0F (multiple emojis concatenated) \u2705 \uD83E\uDD99\uD83E\uDD99 3 33"
            + " 333 3333 33333 333333 3333333 33333333 3.3 3..3 3...3 កាន់តែពិសេសអាច\uD83D\uDE01 ?我想在apple工作1314151天～"
            + " ------======= нещо на Български ''''''```````\"\"\"\"......!!!!!!?????? I've been 'told he's there,"
            + " 'RE you sure? 'M not sure I'll make it, 'D you like some tea? We'Ve a'lL";

    private static Arguments vector(String text, String ids) {
        int[] expected = ids.isEmpty()
                ? new int[0]
                : Arrays.stream(ids.split(" ")).mapToInt(Integer::parseInt).toArray();
        return Arguments.of(text, expected);
    }

    @ParameterizedTest
    @MethodSource("llamaCppQwen2Vectors")
    void encodes_to_the_ids_of_the_reference_tokenizer(String text, int[] expected) {
        assertThat(TOKENIZER.encode(text)).containsExactly(expected);
    }

    @ParameterizedTest
    @MethodSource("llamaCppQwen2Vectors")
    void counts_as_many_tokens_as_the_reference_tokenizer_gives_ids(String text, int[] expected) {
        assertThat(TOKENIZER.estimateTokenCountInText(text)).isEqualTo(expected.length);
    }

    @ParameterizedTest
    @MethodSource("llamaCppQwen2Vectors")
    void decodes_the_reference_ids_back_to_the_text(String text, int[] expected) {
        assertThat(TOKENIZER.decode(expected)).isEqualTo(text);
    }
}
