package io.github.qwenlangchain4j.internal.catalog;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.catalog.ModelDescription;
import dev.langchain4j.model.catalog.ModelType;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * Maps a model of Model Studio's list to LangChain4j's {@link ModelDescription}:
 *
 * <ul>
 *   <li>{@code name} is the model id ({@code model}), {@code displayName} Qwen's {@code name} when not blank,
 *       {@code description} Qwen's;
 *   <li>{@code provider} is {@link ModelProvider#OTHER}, as for the chat models: LangChain4j has no value for
 *       Alibaba Cloud; {@code owner} is the model's author ({@code provider}: {@code qwen}, {@code deepseek}, ...);
 *   <li>{@code type} from the capabilities, else from the modalities ({@link #typeOf});
 *   <li>{@code maxInputTokens} is {@code model_info.max_input_tokens}, else the context window;
 *       {@code maxOutputTokens} is {@code max_output_tokens}, else the limit while thinking; larger values than an
 *       {@code int} holds are capped;
 *   <li>{@code createdAt} is {@code published_time} ({@code yyyy-MM-dd HH:mm:ss}), read as China Standard Time
 *       (UTC+8), Model Studio's console time, the page naming no zone; null when absent or unreadable.
 * </ul>
 */
public final class ModelDescriptions {

    private static final DateTimeFormatter PUBLISHED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final ZoneOffset CONSOLE_TIME = ZoneOffset.ofHours(8);

    private ModelDescriptions() {}

    /**
     * The description of one listed model.
     *
     * @param model a model with a non-blank id
     * @return its description
     */
    public static ModelDescription of(ModelList.Model model) {
        ModelList.ModelInfo info = model.modelInfo();
        return ModelDescription.builder()
                .name(model.model())
                .displayName(blankToNull(model.name()))
                .description(blankToNull(model.description()))
                .provider(ModelProvider.OTHER)
                .owner(blankToNull(model.provider()))
                .type(typeOf(model))
                .maxInputTokens(info == null ? null : tokens(info.maxInputTokens(), info.contextWindow()))
                .maxOutputTokens(info == null ? null : tokens(info.maxOutputTokens(), info.reasoningMaxOutputTokens()))
                .createdAt(publishedAt(model.publishedTime()))
                .build();
    }

    /**
     * The kind of model. From the capabilities first: {@code TR} (text embedding) and {@code ME} (multimodal
     * embedding) are {@link ModelType#EMBEDDING}; {@code TG}, {@code Reasoning}, {@code VU} and
     * {@code Multimodal-Omni} {@link ModelType#CHAT}; {@code IG} {@link ModelType#IMAGE_GENERATION}; {@code ASR} and
     * {@code Realtime-ASR} {@link ModelType#AUDIO_TRANSCRIPTION}; {@code TTS} and {@code Realtime-Text-to-Speech}
     * {@link ModelType#AUDIO_GENERATION}; the others (video, 3D, realtime conversation and translation)
     * {@link ModelType#OTHER}. Rerank models, which no capability names, are {@link ModelType#SCORING} by their id
     * ({@code *rerank*}). Without capabilities, the modalities decide: an image out is image generation, audio out
     * of text alone is audio generation, text out is chat; else null, as LangChain4j has a type unknown.
     */
    static ModelType typeOf(ModelList.Model model) {
        String id = model.model().toLowerCase(Locale.ROOT);
        List<String> capabilities = lowerCase(model.capabilities());
        if (id.contains("rerank")) {
            return ModelType.SCORING;
        }
        if (capabilities.contains("tr") || capabilities.contains("me")) {
            return ModelType.EMBEDDING;
        }
        if (capabilities.contains("tg")
                || capabilities.contains("reasoning")
                || capabilities.contains("vu")
                || capabilities.contains("multimodal-omni")) {
            return ModelType.CHAT;
        }
        if (capabilities.contains("ig")) {
            return ModelType.IMAGE_GENERATION;
        }
        if (capabilities.contains("asr") || capabilities.contains("realtime-asr")) {
            return ModelType.AUDIO_TRANSCRIPTION;
        }
        if (capabilities.contains("tts") || capabilities.contains("realtime-text-to-speech")) {
            return ModelType.AUDIO_GENERATION;
        }
        if (!capabilities.isEmpty()) {
            return ModelType.OTHER;
        }
        ModelList.InferenceMetadata modalities = model.inferenceMetadata();
        if (modalities == null) {
            return null;
        }
        List<String> in = lowerCase(modalities.requestModality());
        List<String> out = lowerCase(modalities.responseModality());
        if (out.contains("image")) {
            return ModelType.IMAGE_GENERATION;
        }
        if (out.contains("audio") && !out.contains("text") && in.equals(List.of("text"))) {
            return ModelType.AUDIO_GENERATION;
        }
        if (out.contains("text")) {
            return ModelType.CHAT;
        }
        return out.isEmpty() ? null : ModelType.OTHER;
    }

    private static Integer tokens(Long value, Long fallback) {
        Long chosen = value != null ? value : fallback;
        if (chosen == null || chosen <= 0) {
            return null;
        }
        return (int) Math.min(chosen, Integer.MAX_VALUE);
    }

    private static Instant publishedAt(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(text.strip(), PUBLISHED).toInstant(CONSOLE_TIME);
        } catch (DateTimeParseException e) {
            return null; // one unreadable date does not cost the whole list
        }
    }

    private static List<String> lowerCase(List<String> values) {
        return values == null
                ? List.of()
                : values.stream()
                        .filter(v -> v != null)
                        .map(v -> v.strip().toLowerCase(Locale.ROOT))
                        .toList();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
