package io.github.qwenlangchain4j.internal.api;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /chat/completions}. Qwen-only options are top-level fields. {@code toolChoice} is either
 * the string {@code "auto"}/{@code "none"} or a {@link ToolChoiceFunction}. {@code modalities} and {@code audio}
 * ask a Qwen-Omni model for a spoken answer. {@code customParameters} are written as top-level fields of their own
 * names, after the typed ones (null or empty: none); a typed field they name is left null by the request mapper, so
 * that the custom value is the only one sent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ChatCompletionRequest(
        String model,
        List<Message> messages,
        Double temperature,
        Double topP,
        Integer topK,
        Integer maxTokens,
        Integer maxCompletionTokens,
        List<String> stop,
        Integer seed,
        Double presencePenalty,
        Double repetitionPenalty,
        Boolean enableThinking,
        Integer thinkingBudget,
        String reasoningEffort,
        Boolean preserveThinking,
        Boolean enableSearch,
        SearchOptions searchOptions,
        Boolean vlHighResolutionImages,
        Boolean enableCodeInterpreter,
        Boolean parallelToolCalls,
        List<String> modalities,
        AudioOutput audio,
        List<Tool> tools,
        Object toolChoice,
        ResponseFormat responseFormat,
        Boolean stream,
        StreamOptions streamOptions,
        @JsonAnyGetter Map<String, Object> customParameters) {

    /** A request with nothing but a model and messages: every option left to Qwen's defaults. */
    public static ChatCompletionRequest of(String model, List<Message> messages) {
        return new ChatCompletionRequest(
                model, messages, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** {@code "audio": {"voice": "Cherry", "format": "wav"}}: how a Qwen-Omni model speaks its answer. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AudioOutput(String voice, String format) {}
}
