package io.github.qwenlangchain4j.tokenizer.internal;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which vocabulary and image block size a model name means: the one table the estimator chooses by. The first row
 * whose pattern matches the whole name (lower case, without a {@code Qwen/} or other organisation prefix) decides;
 * a row without a vision setting refuses the name with its reason.
 *
 * <p>Sources: model families from Model Studio's model list (alibabacloud.com/help/en/model-studio/models); the
 * vocabulary of Qwen2, Qwen2.5 and Qwen3 (151,643 BPE tokens) from their Hugging Face tokenizers; Qwen3.5's own
 * vocabulary (vocab_size 248,320 in its config.json, {@code <|endoftext|>} at 248044) from Qwen3.5's open weights;
 * the block sizes from the "image token" section of Model Studio's vision guide (32 pixels for Qwen3-VL,
 * qwen-vl-max-2025-08-13, qwen-vl-plus-2025-08-15 and qwen-vl-plus-2025-07-10; 28 for QVQ and the other Qwen2.5-VL
 * models).
 */
public final class ModelFamilies {

    /** What a supported model name is counted with. */
    public record Family(String name, VisionTokens vision) {}

    private record Row(Pattern pattern, String family, VisionTokens vision, String refusal) {}

    private static final String LATER_VOCABULARY =
            "Qwen3.5 and later models (qwen3.5-plus, qwen3.5-flash, qwen3.6-plus,"
                    + " qwen3.7-plus, qwen3.5-omni-*, the open-weight Qwen3.5 sizes, ...) tokenize with their own vocabulary"
                    + " (248,320 ids, other merges and a pre-tokenizer that keeps combining marks with letters), which this"
                    + " library does not ship: counted with Qwen3's vocabulary, their counts would be silently off. Read the"
                    + " usage.prompt_tokens Qwen returns for these models, or use new QwenTokenCountEstimator() knowing that"
                    + " it counts with Qwen3's vocabulary";

    private static final String OTHER_PROVIDER = "it is not a Qwen model: third-party models served by Model Studio"
            + " (DeepSeek, Kimi, GLM, MiniMax, Llama, ...) tokenize with their own vocabularies";

    private static final List<Row> ROWS = List.of(
            refused("qwen3\\.(?:[5-9]|\\d{2,})(?:[-.].*)?", LATER_VOCABULARY),
            refused("qwen(?:[4-9]|\\d{2,})(?:[-.].*)?", LATER_VOCABULARY),
            // Vision models with 28-pixel blocks: QVQ and Qwen2.5-VL (the dated qwen-vl snapshots before 2025-07).
            row(
                    "qvq.*|qwen2\\.5-vl.*|qwen2-vl.*|qwen-vl-(?:max|plus)-(?:2024|2025-0[1-6]).*|qwen-vl-ocr-(?:2024|2025-0).*",
                    "Qwen2.5-VL and QVQ",
                    VisionTokens.BLOCKS_28),
            row("qwen2\\.5-omni.*|qwen-omni-turbo.*", "Qwen2.5-Omni", VisionTokens.BLOCKS_28),
            row("qwen3-vl.*|qwen-vl-.*", "Qwen3-VL and qwen-vl", VisionTokens.BLOCKS_32),
            row("qwen3(?:-.*)?|qwq.*", "Qwen3", VisionTokens.BLOCKS_32),
            row("qwen2\\.5(?:-.*)?|qwen2(?:-.*)?", "Qwen2 and Qwen2.5", VisionTokens.BLOCKS_28),
            // The commercial lines of Qwen3 (qwen-max, qwen-plus, qwen-flash, qwen-turbo, qwen-long, qwen-coder-*,
            // qwen-math-*, qwen-mt-*, ...).
            row("qwen-.*", "Qwen3 (commercial)", VisionTokens.BLOCKS_32),
            refused(
                    "deepseek.*|kimi.*|moonshot.*|glm.*|chatglm.*|minimax.*|abab.*|llama.*|baichuan.*|yi-.*",
                    OTHER_PROVIDER));

    private ModelFamilies() {}

    /**
     * The family of {@code modelName}.
     *
     * @throws IllegalArgumentException for a blank name, a Qwen3.5 or later model, a third-party model, or a name no
     *     row knows, naming the model and saying why and what to do instead
     */
    public static Family of(String modelName) {
        if (modelName == null || modelName.isBlank()) {
            throw new IllegalArgumentException("modelName must not be blank");
        }
        String name = modelName.strip().toLowerCase(Locale.ROOT);
        name = name.substring(name.lastIndexOf('/') + 1);
        for (Row row : ROWS) {
            if (row.pattern().matcher(name).matches()) {
                if (row.refusal() != null) {
                    throw new IllegalArgumentException(
                            "QwenTokenCountEstimator cannot count tokens for " + modelName + ": " + row.refusal());
                }
                return new Family(row.family(), row.vision());
            }
        }
        throw new IllegalArgumentException("QwenTokenCountEstimator cannot count tokens for " + modelName
                + ": no vocabulary is known for this model name. Qwen2, Qwen2.5 and Qwen3 models (qwen3-*, qwen-plus,"
                + " qwen-max, qwen-flash, qwen3-vl-plus, ...) are counted with the vocabulary in this jar;"
                + " new QwenTokenCountEstimator() counts any text with it");
    }

    private static Row row(String pattern, String family, VisionTokens vision) {
        return new Row(Pattern.compile(pattern), family, vision, null);
    }

    private static Row refused(String pattern, String reason) {
        return new Row(Pattern.compile(pattern), null, null, reason);
    }
}
