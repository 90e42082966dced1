package io.github.qwenlangchain4j;

import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Chat request parameters with every Qwen-only option, typed. Use it per request
 * ({@code ChatRequest.builder().parameters(QwenChatRequestParameters.builder()...build())}) or as a model's
 * defaults. When a request's parameters are merged with the model's defaults, each field the request sets wins and
 * every other field keeps the default; {@link #customParameters()} are merged key by key.
 *
 * <p>Qwen differs from OpenAI here: {@code frequencyPenalty} is not supported (Qwen silently ignores it, so the
 * models refuse it; use {@link #repetitionPenalty()} or {@code presencePenalty}), and {@link #parallelToolCalls()}
 * defaults to {@code false} on Qwen.
 */
public class QwenChatRequestParameters extends DefaultChatRequestParameters {

    /** Parameters with nothing set. */
    public static final QwenChatRequestParameters EMPTY = builder().build();

    private final Integer seed;
    private final Double repetitionPenalty;
    private final Boolean enableThinking;
    private final Integer thinkingBudget;
    private final Boolean enableSearch;
    private final QwenSearchOptions searchOptions;
    private final Boolean vlHighResolutionImages;
    private final Boolean enableCodeInterpreter;
    private final Boolean parallelToolCalls;
    private final Map<String, Object> customParameters;

    protected QwenChatRequestParameters(Builder builder) {
        super(builder);
        if (builder.thinkingBudget != null && builder.thinkingBudget <= 0) {
            throw new IllegalArgumentException("thinkingBudget must be a positive number of tokens, but was "
                    + builder.thinkingBudget);
        }
        if (builder.repetitionPenalty != null && builder.repetitionPenalty <= 0) {
            throw new IllegalArgumentException("repetitionPenalty must be greater than 0 (1.0 means no penalty), but was "
                    + builder.repetitionPenalty);
        }
        if (builder.customParameters != null && builder.customParameters.containsKey(null)) {
            throw new IllegalArgumentException("customParameters must not contain a null key");
        }
        this.seed = builder.seed;
        this.repetitionPenalty = builder.repetitionPenalty;
        this.enableThinking = builder.enableThinking;
        this.thinkingBudget = builder.thinkingBudget;
        this.enableSearch = builder.enableSearch;
        this.searchOptions = builder.searchOptions;
        this.vlHighResolutionImages = builder.vlHighResolutionImages;
        this.enableCodeInterpreter = builder.enableCodeInterpreter;
        this.parallelToolCalls = builder.parallelToolCalls;
        this.customParameters = builder.customParameters == null
                ? null
                : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(builder.customParameters));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Random seed for reproducible sampling ({@code seed}). */
    public Integer seed() {
        return seed;
    }

    /** Penalty for repeating tokens, 1.0 = none ({@code repetition_penalty}). */
    public Double repetitionPenalty() {
        return repetitionPenalty;
    }

    /** Thinking mode of hybrid models ({@code enable_thinking}). */
    public Boolean enableThinking() {
        return enableThinking;
    }

    /** Maximum tokens to spend on thinking ({@code thinking_budget}). */
    public Integer thinkingBudget() {
        return thinkingBudget;
    }

    /** Web search ({@code enable_search}). */
    public Boolean enableSearch() {
        return enableSearch;
    }

    /** Options of web search ({@code search_options}). */
    public QwenSearchOptions searchOptions() {
        return searchOptions;
    }

    /** High-resolution image input for vision models ({@code vl_high_resolution_images}). */
    public Boolean vlHighResolutionImages() {
        return vlHighResolutionImages;
    }

    /** The built-in code interpreter of models that have one ({@code enable_code_interpreter}). */
    public Boolean enableCodeInterpreter() {
        return enableCodeInterpreter;
    }

    /** Whether the model may call several tools at once ({@code parallel_tool_calls}; Qwen's default is false). */
    public Boolean parallelToolCalls() {
        return parallelToolCalls;
    }

    /**
     * Extra top-level JSON fields sent as given, for options this class does not know yet. They win over the typed
     * fields of the same name.
     */
    public Map<String, Object> customParameters() {
        return customParameters;
    }

    @Override
    public QwenChatRequestParameters overrideWith(ChatRequestParameters that) {
        return builder().overrideWith(this).overrideWith(that).build();
    }

    @Override
    public QwenChatRequestParameters defaultedBy(ChatRequestParameters that) {
        return builder().overrideWith(that).overrideWith(this).build();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof QwenChatRequestParameters that) || !super.equals(o)) {
            return false;
        }
        return Objects.equals(seed, that.seed)
                && Objects.equals(repetitionPenalty, that.repetitionPenalty)
                && Objects.equals(enableThinking, that.enableThinking)
                && Objects.equals(thinkingBudget, that.thinkingBudget)
                && Objects.equals(enableSearch, that.enableSearch)
                && Objects.equals(searchOptions, that.searchOptions)
                && Objects.equals(vlHighResolutionImages, that.vlHighResolutionImages)
                && Objects.equals(enableCodeInterpreter, that.enableCodeInterpreter)
                && Objects.equals(parallelToolCalls, that.parallelToolCalls)
                && Objects.equals(customParameters, that.customParameters);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), seed, repetitionPenalty, enableThinking, thinkingBudget, enableSearch,
                searchOptions, vlHighResolutionImages, enableCodeInterpreter, parallelToolCalls, customParameters);
    }

    @Override
    public String toString() {
        return "QwenChatRequestParameters{modelName=" + modelName() + ", temperature=" + temperature()
                + ", topP=" + topP() + ", topK=" + topK() + ", frequencyPenalty=" + frequencyPenalty()
                + ", presencePenalty=" + presencePenalty() + ", maxOutputTokens=" + maxOutputTokens()
                + ", stopSequences=" + stopSequences() + ", toolSpecifications=" + toolSpecifications()
                + ", toolChoice=" + toolChoice() + ", responseFormat=" + responseFormat() + ", seed=" + seed
                + ", repetitionPenalty=" + repetitionPenalty + ", enableThinking=" + enableThinking
                + ", thinkingBudget=" + thinkingBudget + ", enableSearch=" + enableSearch
                + ", searchOptions=" + searchOptions + ", vlHighResolutionImages=" + vlHighResolutionImages
                + ", enableCodeInterpreter=" + enableCodeInterpreter + ", parallelToolCalls=" + parallelToolCalls
                + ", customParameters=" + customParameters + '}';
    }

    /** Builder of {@link QwenChatRequestParameters}; has every builder method of the common parameters too. */
    public static class Builder extends DefaultChatRequestParameters.Builder<Builder> {

        private Integer seed;
        private Double repetitionPenalty;
        private Boolean enableThinking;
        private Integer thinkingBudget;
        private Boolean enableSearch;
        private QwenSearchOptions searchOptions;
        private Boolean vlHighResolutionImages;
        private Boolean enableCodeInterpreter;
        private Boolean parallelToolCalls;
        private Map<String, Object> customParameters;

        /**
         * Copies every field {@code parameters} sets over this builder's values; Qwen-only fields too when
         * {@code parameters} is a {@link QwenChatRequestParameters}.
         */
        @Override
        public Builder overrideWith(ChatRequestParameters parameters) {
            super.overrideWith(parameters);
            if (parameters instanceof QwenChatRequestParameters qwen) {
                seed = or(qwen.seed, seed);
                repetitionPenalty = or(qwen.repetitionPenalty, repetitionPenalty);
                enableThinking = or(qwen.enableThinking, enableThinking);
                thinkingBudget = or(qwen.thinkingBudget, thinkingBudget);
                enableSearch = or(qwen.enableSearch, enableSearch);
                searchOptions = or(qwen.searchOptions, searchOptions);
                vlHighResolutionImages = or(qwen.vlHighResolutionImages, vlHighResolutionImages);
                enableCodeInterpreter = or(qwen.enableCodeInterpreter, enableCodeInterpreter);
                parallelToolCalls = or(qwen.parallelToolCalls, parallelToolCalls);
                if (qwen.customParameters != null) {
                    Map<String, Object> merged =
                            customParameters == null ? new LinkedHashMap<>() : new LinkedHashMap<>(customParameters);
                    merged.putAll(qwen.customParameters);
                    customParameters = merged;
                }
            }
            return this;
        }

        private static <T> T or(T preferred, T fallback) {
            return preferred != null ? preferred : fallback;
        }

        public Builder seed(Integer seed) {
            this.seed = seed;
            return this;
        }

        public Builder repetitionPenalty(Double repetitionPenalty) {
            this.repetitionPenalty = repetitionPenalty;
            return this;
        }

        public Builder enableThinking(Boolean enableThinking) {
            this.enableThinking = enableThinking;
            return this;
        }

        public Builder thinkingBudget(Integer thinkingBudget) {
            this.thinkingBudget = thinkingBudget;
            return this;
        }

        public Builder enableSearch(Boolean enableSearch) {
            this.enableSearch = enableSearch;
            return this;
        }

        public Builder searchOptions(QwenSearchOptions searchOptions) {
            this.searchOptions = searchOptions;
            return this;
        }

        public Builder vlHighResolutionImages(Boolean vlHighResolutionImages) {
            this.vlHighResolutionImages = vlHighResolutionImages;
            return this;
        }

        public Builder enableCodeInterpreter(Boolean enableCodeInterpreter) {
            this.enableCodeInterpreter = enableCodeInterpreter;
            return this;
        }

        public Builder parallelToolCalls(Boolean parallelToolCalls) {
            this.parallelToolCalls = parallelToolCalls;
            return this;
        }

        public Builder customParameters(Map<String, Object> customParameters) {
            this.customParameters = customParameters == null ? null : new LinkedHashMap<>(customParameters);
            return this;
        }

        @Override
        public QwenChatRequestParameters build() {
            return new QwenChatRequestParameters(this);
        }
    }
}
