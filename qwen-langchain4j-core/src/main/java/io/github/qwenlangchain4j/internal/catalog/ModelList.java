package io.github.qwenlangchain4j.internal.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * One page of Model Studio's model list, {@code GET /api/v1/models} ("List models",
 * alibabacloud.com/help/en/model-studio/list-models): {@code {"code", "message", "success", "output": {"total",
 * "page_no", "page_size", "models": [...]}, "request_id"}}. Only the fields the catalog maps are read; prices,
 * features, snapshots and retirement dates are left out.
 *
 * @param success   false when Qwen refused the request in a 200 body
 * @param code      Qwen's error code when {@code success} is false, else null
 * @param message   Qwen's error message when {@code success} is false, else null
 * @param output    the page
 * @param requestId the request id
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ModelList(Boolean success, String code, String message, Output output, String requestId) {

    /**
     * @param total    the models that match the query, over all pages
     * @param pageNo   this page's number, from 1
     * @param pageSize the models per page
     * @param models   this page's models
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Output(Integer total, Integer pageNo, Integer pageSize, List<Model> models) {}

    /**
     * One model.
     *
     * @param model             the model id used in API calls, e.g. {@code qwen3-max}
     * @param name              its display name, e.g. {@code Qwen3-Max} (in the {@code language} asked for)
     * @param description       what it does
     * @param provider          its author, e.g. {@code qwen}, {@code deepseek}
     * @param capabilities      its kinds ({@code TG} text generation, {@code Reasoning}, {@code VU}, {@code IG},
     *                          {@code VG}, {@code ASR}, {@code TTS}, {@code TR}, {@code ME}, ...)
     * @param publishedTime     its release time, {@code yyyy-MM-dd HH:mm:ss}, or null
     * @param inferenceMetadata its input and output modalities
     * @param modelInfo         its token limits
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Model(
            String model,
            String name,
            String description,
            String provider,
            List<String> capabilities,
            String publishedTime,
            InferenceMetadata inferenceMetadata,
            ModelInfo modelInfo) {}

    /**
     * @param requestModality  what the model takes: {@code Text}, {@code Image}, {@code Audio}, {@code Video}
     * @param responseModality what it produces, the same values
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record InferenceMetadata(List<String> requestModality, List<String> responseModality) {}

    /**
     * Token limits; null means none or not applicable.
     *
     * @param contextWindow            the whole context window
     * @param maxInputTokens           the most input tokens
     * @param maxOutputTokens          the most output tokens
     * @param reasoningMaxInputTokens  the most input tokens while thinking
     * @param reasoningMaxOutputTokens the most output tokens while thinking
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ModelInfo(
            Long contextWindow,
            Long maxInputTokens,
            Long maxOutputTokens,
            Long reasoningMaxInputTokens,
            Long reasoningMaxOutputTokens) {}
}
