package io.github.qwenlangchain4j.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.UserMessage;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link QwenTokenCountEstimator#forModel}: one vocabulary table, checked family by family against Model Studio's model
 * list (alibabacloud.com/help/en/model-studio/models) and the vision guide's block sizes
 * (alibabacloud.com/help/en/model-studio/vision: 32 x 32 pixels for Qwen3-VL, qwen-vl-max-2025-08-13,
 * qwen-vl-plus-2025-08-15 and qwen-vl-plus-2025-07-10; 28 x 28 for QVQ and the other Qwen2.5-VL models).
 */
class QwenTokenCountEstimatorModelFamiliesTest {

    private static final QwenTokenCountEstimator DEFAULT = new QwenTokenCountEstimator();

    /** The tokens an image given by URL adds to a user message: the model's default maximum per image, plus 2. */
    private static int imageByUrl(QwenTokenCountEstimator estimator) {
        UserMessage text = UserMessage.from("Describe it.");
        UserMessage withImage =
                UserMessage.from(TextContent.from("Describe it."), ImageContent.from("https://example.com/photo.jpg"));
        return estimator.estimateTokenCountInMessage(withImage) - estimator.estimateTokenCountInMessage(text);
    }

    @Nested
    class Qwen2_Qwen2_5_and_Qwen3_are_counted_with_the_vocabulary_in_the_jar {

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "qwen3-max",
                    "qwen3-coder-plus",
                    "qwen3-omni-flash",
                    "qwen3-235b-a22b",
                    "qwen3-next-80b-a3b-instruct",
                    "Qwen/Qwen3-8B",
                    "qwq-plus",
                    "qwen-plus",
                    "qwen-plus-2025-12-01",
                    "qwen-max",
                    "qwen-flash",
                    "qwen-turbo",
                    "qwen-long",
                    "qwen-mt-plus",
                    "qwen-coder-plus",
                    "qwen-math-plus",
                    "qwen2.5-72b-instruct",
                    "qwen2-7b-instruct"
                })
        void should_count_text_as_the_default_estimator_does(String model) {
            QwenTokenCountEstimator estimator = QwenTokenCountEstimator.forModel(model);

            assertThat(estimator.encode("Hello world")).containsExactly(9707, 1879);
            assertThat(estimator.estimateTokenCountInText("通义千问 counts Chinese and English alike."))
                    .isEqualTo(DEFAULT.estimateTokenCountInText("通义千问 counts Chinese and English alike."));
        }
    }

    @Nested
    class Vision_models_get_their_block_size {

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "qwen3-vl-plus",
                    "qwen3-vl-flash",
                    "qwen-vl-max",
                    "qwen-vl-max-2025-08-13",
                    "qwen-vl-plus-2025-08-15",
                    "qwen-vl-plus-2025-07-10",
                    "qwen-vl-ocr-2025-11-20",
                    "qwen3-omni-flash"
                })
        void should_give_32_pixel_models_2560_blocks_per_image_by_default(String model) {
            assertThat(imageByUrl(QwenTokenCountEstimator.forModel(model))).isEqualTo(2_562);
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "qvq-max",
                    "qvq-plus",
                    "qwen2.5-vl-72b-instruct",
                    "qwen-vl-max-2025-04-08",
                    "qwen-vl-plus-2025-05-07",
                    "qwen-omni-turbo"
                })
        void should_give_28_pixel_models_1280_blocks_per_image_by_default(String model) {
            assertThat(imageByUrl(QwenTokenCountEstimator.forModel(model))).isEqualTo(1_282);
        }

        @Test
        void should_give_the_default_estimator_the_blocks_of_Qwen3_VL() {
            assertThat(imageByUrl(DEFAULT)).isEqualTo(2_562);
        }
    }

    @Nested
    class Qwen3_5_and_later_are_refused_rather_than_miscounted {

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "qwen3.5-plus",
                    "qwen3.5-flash",
                    "qwen3.5-plus-2026-02-15",
                    "qwen3.6-plus",
                    "qwen3.7-plus",
                    "qwen3.5-omni-plus",
                    "qwen3.5-omni-flash",
                    "qwen3.5-397b-a17b",
                    "qwen3.5-27b",
                    "Qwen/Qwen3.5-35B-A3B",
                    "QWEN3.6-PLUS",
                    "qwen4-plus"
                })
        void should_name_the_model_and_the_reason(String model) {
            assertThatThrownBy(() -> QwenTokenCountEstimator.forModel(model))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(model)
                    .hasMessageContaining("248,320")
                    .hasMessageContaining("usage.prompt_tokens");
        }
    }

    @Nested
    class Why_Qwen3_5_is_refused {

        /**
         * llama.cpp's {@code llama-tokenize} on Qwen3.6-35B-A3B's GGUF (pre-tokenizer {@code qwen35}, 248,320 ids,
         * {@code <|endoftext|>} 248044), as published with a public project's tokenizer notes: "transformers" is
         * [4549, 382], "人工智能" is [109015] and this Thai greeting is 8 tokens. Qwen3's vocabulary gives other ids, and
         * 14 tokens for the Thai: 75 % too many, which is why the Qwen3.5 names are refused instead.
         */
        @Test
        void should_show_that_Qwen3_s_vocabulary_gives_other_ids_and_counts_than_Qwen3_6_s() {
            assertThat(DEFAULT.encode("transformers"))
                    .containsExactly(4701, 388)
                    .isNotEqualTo(new int[] {4549, 382});
            assertThat(DEFAULT.encode("人工智能")).containsExactly(104455).isNotEqualTo(new int[] {109015});
            int qwen36ThaiTokens = 8;
            assertThat(DEFAULT.estimateTokenCountInText("สวัสดีครับ ผมชื่ออเล็กซ์"))
                    .isEqualTo(14)
                    .isNotEqualTo(qwen36ThaiTokens);
        }
    }

    @Nested
    class Other_names_are_refused {

        @ParameterizedTest
        @ValueSource(strings = {"deepseek-v3.2", "kimi-k2-thinking", "glm-4.6", "MiniMax-M2"})
        void should_refuse_third_party_models(String model) {
            assertThatThrownBy(() -> QwenTokenCountEstimator.forModel(model))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(model)
                    .hasMessageContaining("not a Qwen model");
        }

        @Test
        void should_refuse_a_name_of_no_known_family() {
            assertThatThrownBy(() -> QwenTokenCountEstimator.forModel("gpt-4o"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("gpt-4o")
                    .hasMessageContaining("no vocabulary is known");
        }

        @Test
        void should_refuse_a_blank_name() {
            assertThatThrownBy(() -> QwenTokenCountEstimator.forModel(" "))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("modelName");
        }
    }
}
