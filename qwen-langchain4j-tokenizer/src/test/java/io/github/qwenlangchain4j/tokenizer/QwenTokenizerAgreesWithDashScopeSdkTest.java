package io.github.qwenlangchain4j.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import com.alibaba.dashscope.tokenizers.QwenTokenizer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Alibaba's own Java port of Qwen's tokenizer, {@code com.alibaba.dashscope.tokenizers.QwenTokenizer} in
 * {@code com.alibaba:dashscope-sdk-java} (the artifact our vocabulary comes from), as a second reference: same
 * vocabulary, same pre-tokenization regex, run by java.util.regex. Two differences are known and kept out of the
 * texts: it does not normalize to NFC (Qwen2's tokenizer.json does, and so do we), and java.util.regex's {@code \s}
 * is ASCII only (the reference tokenizers' regex engines take Unicode white space, such as U+3000, and so do we).
 */
class QwenTokenizerAgreesWithDashScopeSdkTest {

    private static final QwenTokenCountEstimator OURS = new QwenTokenCountEstimator();
    private static final QwenTokenizer SDK = new QwenTokenizer();

    /** Characters the random texts are made of: every class the regex tells apart, in several scripts. */
    private static final String[] ALPHABET = {
        "a", "b", "e", "s", "t", "S", "T", "R", "E", "l", "L", "m", "d", "v", "Z", "0", "1", "7", "½", "²", "Ⅻ", "١",
        " ", " ", " ", "  ", "\n", "\r\n", "\t", "\u000b", "'", "\"", ".", ",", "!", "?", "-", "=", "(", ")", "{", "}",
        "_", "/", "#", "<", ">", "|", "`", "你", "好", "世", "界", "，", "。", "～", "ж", "щ", "ö", "é", "ß", "ё", "ア", "한",
        "글", "ก", "ा", "😁", "🦙", "👍🏽", "\u200d", "\ufe0f", "✅", "１", "Ａ", "€", "™"
    };

    @Test
    void gives_the_same_ids_on_random_mixed_script_texts() {
        Random random = new Random(2026);
        for (int n = 0; n < 3_000; n++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(60);
            for (int i = 0; i < length; i++) {
                text.append(ALPHABET[random.nextInt(ALPHABET.length)]);
            }
            assertSameIds(text.toString());
        }
    }

    @Test
    void gives_the_same_ids_on_long_runs_of_letters() {
        // One pre-tokenization piece each, of hundreds to thousands of bytes: the encoder's heap-based merge.
        String[] letters = {"a", "e", "n", "s", "t", "Q", "w", "你", "好", "通", "义", "千", "问", "ж", "щ", "ö", "ア"};
        Random random = new Random(7);
        for (int n = 0; n < 24; n++) {
            StringBuilder text = new StringBuilder();
            int length = 90 + random.nextInt(1_500);
            for (int i = 0; i < length; i++) {
                text.append(letters[random.nextInt(n % 2 == 0 ? 7 : letters.length)]);
            }
            assertSameIds(text.toString());
        }
        assertSameIds("通义千问是阿里云自主研发的超大规模语言模型能够回答问题创作文字还能表达观点撰写代码".repeat(20));
    }

    @Test
    void gives_the_same_ids_on_prose_code_and_emoji() {
        assertSameIds("The quick brown fox doesn't jump; it's 3.14 m/s — 50% faster!\n\n"
                + "通义千问（Qwen）是阿里云自主研发的超大规模语言模型，能够回答问题、创作文字。\n"
                + "```java\nList<String> names = List.of(\"a\", \"b\");\nnames.forEach(System.out::println);\n```\n"
                + "if __name__ == '__main__':\n    main()  # 🚀\n"
                + "{\"role\":\"user\",\"content\":\"What's the weather in 杭州?\"}\r\n"
                + "👩‍💻 working late 🌙… 😴😴😴 #devlife");
    }

    private static void assertSameIds(String text) {
        List<Integer> expected = SDK.encodeOrdinary(text);
        assertThat(OURS.encode(text))
                .as("ids of %s", text)
                .containsExactly(expected.stream().mapToInt(Integer::intValue).toArray());
    }
}
