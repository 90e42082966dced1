package io.github.qwenlangchain4j;

import static io.github.qwenlangchain4j.internal.mapper.ParameterTypes.mergeCustomParameters;
import static io.github.qwenlangchain4j.internal.mapper.ParameterTypes.or;

import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import io.github.qwenlangchain4j.internal.mapper.ParameterTypes;
import java.util.Collections;
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
    private final Integer maxCompletionTokens;
    private final Boolean enableThinking;
    private final Integer thinkingBudget;
    private final QwenReasoningEffort reasoningEffort;
    private final Boolean preserveThinking;
    private final Boolean enableSearch;
    private final QwenSearchOptions searchOptions;
    private final Boolean vlHighResolutionImages;
    private final Boolean enableCodeInterpreter;
    private final Boolean parallelToolCalls;
    private final Boolean cacheSystemMessages;
    private final Boolean cacheConversation;
    private final QwenAudioOutput audioOutput;
    private final Map<String, Object> customParameters;

    /**
     * Creates the parameters a builder describes; for subclasses.
     *
     * @param builder the builder with the values
     * @throws IllegalArgumentException when a value is outside the range Qwen accepts ({@code temperature} [0, 2),
     *         {@code topP} (0, 1], {@code topK} 0 or more, {@code maxOutputTokens} and {@code maxCompletionTokens} 1 or
     *         more (and not both),
     *         {@code presencePenalty} [-2, 2], {@code seed} 0 or more, {@code thinkingBudget} and
     *         {@code repetitionPenalty} positive), or {@code customParameters} has a null key
     */
    protected QwenChatRequestParameters(Builder builder) {
        super(builder);
        // Qwen's own ranges ("Range of temperature should be [0.0, 2.0)", "Range of top_p should be (0.0, 1.0]"):
        // refused here, before anything is sent, and named after the builder option.
        check(
                temperature() == null || (temperature() >= 0 && temperature() < 2),
                "temperature",
                "in [0, 2)",
                temperature());
        check(topP() == null || (topP() > 0 && topP() <= 1), "topP", "in (0, 1]", topP());
        check(topK() == null || topK() >= 0, "topK", "0 or more", topK());
        check(
                maxOutputTokens() == null || maxOutputTokens() >= 1,
                "maxOutputTokens (max_tokens)",
                "1 or more",
                maxOutputTokens());
        check(
                builder.maxCompletionTokens == null || builder.maxCompletionTokens >= 1,
                "maxCompletionTokens (max_completion_tokens)",
                "1 or more",
                builder.maxCompletionTokens);
        if (maxOutputTokens() != null && builder.maxCompletionTokens != null) {
            throw new IllegalArgumentException("maxOutputTokens (max_tokens) and maxCompletionTokens"
                    + " (max_completion_tokens) are both set: they limit the same output, give one of them");
        }
        check(
                presencePenalty() == null || (presencePenalty() >= -2 && presencePenalty() <= 2),
                "presencePenalty",
                "in [-2, 2]",
                presencePenalty());
        check(builder.seed == null || builder.seed >= 0, "seed", "0 or more", builder.seed);
        if (builder.thinkingBudget != null && builder.thinkingBudget <= 0) {
            throw new IllegalArgumentException(
                    "thinkingBudget must be a positive number of tokens, but was " + builder.thinkingBudget);
        }
        if (builder.repetitionPenalty != null && builder.repetitionPenalty <= 0) {
            throw new IllegalArgumentException(
                    "repetitionPenalty must be greater than 0 (1.0 means no penalty), but was "
                            + builder.repetitionPenalty);
        }
        if (builder.customParameters != null
                && builder.customParameters.keySet().stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("customParameters must not contain a null key");
        }
        this.seed = builder.seed;
        this.repetitionPenalty = builder.repetitionPenalty;
        this.maxCompletionTokens = builder.maxCompletionTokens;
        this.enableThinking = builder.enableThinking;
        this.thinkingBudget = builder.thinkingBudget;
        this.reasoningEffort = builder.reasoningEffort;
        this.preserveThinking = builder.preserveThinking;
        this.enableSearch = builder.enableSearch;
        this.searchOptions = builder.searchOptions;
        this.vlHighResolutionImages = builder.vlHighResolutionImages;
        this.enableCodeInterpreter = builder.enableCodeInterpreter;
        this.parallelToolCalls = builder.parallelToolCalls;
        this.cacheSystemMessages = builder.cacheSystemMessages;
        this.cacheConversation = builder.cacheConversation;
        this.audioOutput = builder.audioOutput;
        this.customParameters = builder.customParameters == null
                ? null
                : Collections.unmodifiableMap(new LinkedHashMap<>(builder.customParameters));
    }

    private static void check(boolean valid, String option, String range, Object value) {
        if (!valid) {
            throw new IllegalArgumentException(option + " must be " + range + " for Qwen, but was " + value);
        }
    }

    /**
     * A builder with nothing set.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Random seed for reproducible sampling ({@code seed}).
     *
     * @return the seed, or null when not set
     */
    public Integer seed() {
        return seed;
    }

    /**
     * Penalty for repeating tokens, 1.0 = none ({@code repetition_penalty}).
     *
     * @return the penalty, or null when not set
     */
    public Double repetitionPenalty() {
        return repetitionPenalty;
    }

    /**
     * Most tokens of reasoning and answer together ({@code max_completion_tokens}), the limit Model Studio names for
     * that; {@link #maxOutputTokens()} ({@code max_tokens}) limits the same on {@code qwen4-max-preview} and later
     * models, and on earlier ones the answer alone or both, by model and thinking budget.
     *
     * @return the limit, or null when not set
     */
    public Integer maxCompletionTokens() {
        return maxCompletionTokens;
    }

    /**
     * Thinking mode of hybrid models ({@code enable_thinking}).
     *
     * @return whether the model should think, or null for the model's default
     */
    public Boolean enableThinking() {
        return enableThinking;
    }

    /**
     * Maximum tokens to spend on thinking ({@code thinking_budget}).
     *
     * @return the budget in tokens, or null when not set
     */
    public Integer thinkingBudget() {
        return thinkingBudget;
    }

    /**
     * How hard the model thinks ({@code reasoning_effort}), on the models that take it (Qwen3.8 and later).
     *
     * @return the effort, or null for the model's default
     */
    public QwenReasoningEffort reasoningEffort() {
        return reasoningEffort;
    }

    /**
     * Whether the reasoning of earlier turns stays in the model's context ({@code preserve_thinking}), on Qwen3.5 and
     * later; earlier assistant thinking is then sent back as {@code reasoning_content}.
     *
     * @return true to keep it, false not to, or null for the model's default (not kept)
     */
    public Boolean preserveThinking() {
        return preserveThinking;
    }

    /**
     * Web search ({@code enable_search}).
     *
     * @return whether web search is allowed, or null when not set
     */
    public Boolean enableSearch() {
        return enableSearch;
    }

    /**
     * Options of web search ({@code search_options}).
     *
     * @return the options, or null when not set
     */
    public QwenSearchOptions searchOptions() {
        return searchOptions;
    }

    /**
     * High-resolution image input for vision models ({@code vl_high_resolution_images}).
     *
     * @return whether images are read in high resolution, or null when not set
     */
    public Boolean vlHighResolutionImages() {
        return vlHighResolutionImages;
    }

    /**
     * The built-in code interpreter of models that have one ({@code enable_code_interpreter}).
     *
     * @return whether the code interpreter is on, or null when not set
     */
    public Boolean enableCodeInterpreter() {
        return enableCodeInterpreter;
    }

    /**
     * Whether the model may call several tools at once ({@code parallel_tool_calls}; Qwen's default is false).
     *
     * @return whether parallel tool calls are allowed, or null when not set
     */
    public Boolean parallelToolCalls() {
        return parallelToolCalls;
    }

    /**
     * Whether the system instructions are marked for Qwen's explicit context cache ({@code cache_control}); see
     * {@link QwenContextCache}.
     *
     * @return true to mark them, false not to, or null when not set (not marked)
     */
    public Boolean cacheSystemMessages() {
        return cacheSystemMessages;
    }

    /**
     * Whether the last message of each request is marked for Qwen's explicit context cache, so that the next turn
     * of the conversation reads everything up to it from the cache; see {@link QwenContextCache}.
     *
     * @return true to mark it, false not to, or null when not set (not marked)
     */
    public Boolean cacheConversation() {
        return cacheConversation;
    }

    /**
     * A spoken answer from a Qwen-Omni model ({@code modalities: ["text","audio"]} and {@code audio}).
     *
     * @return the voice and format, or null for a text-only answer
     */
    public QwenAudioOutput audioOutput() {
        return audioOutput;
    }

    /**
     * Extra top-level JSON fields sent as given, for options this class does not know yet. They win over the typed
     * fields of the same name.
     *
     * @return an unmodifiable map of field names to values, or null when not set
     */
    public Map<String, Object> customParameters() {
        return customParameters;
    }

    @Override
    public QwenChatRequestParameters overrideWith(ChatRequestParameters that) {
        // These parameters are immutable, so merging nothing over them (a request without parameters gets
        // LangChain4j's EMPTY), or them over themselves, is them: no copy. Every sync and streaming call merges twice
        // (LangChain4j's chat() and our doChat()), which was two builders and two copies per call in the profile.
        if (that == this || that == DefaultChatRequestParameters.EMPTY) {
            return this;
        }
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
                && Objects.equals(maxCompletionTokens, that.maxCompletionTokens)
                && Objects.equals(enableThinking, that.enableThinking)
                && Objects.equals(thinkingBudget, that.thinkingBudget)
                && Objects.equals(reasoningEffort, that.reasoningEffort)
                && Objects.equals(preserveThinking, that.preserveThinking)
                && Objects.equals(enableSearch, that.enableSearch)
                && Objects.equals(searchOptions, that.searchOptions)
                && Objects.equals(vlHighResolutionImages, that.vlHighResolutionImages)
                && Objects.equals(enableCodeInterpreter, that.enableCodeInterpreter)
                && Objects.equals(parallelToolCalls, that.parallelToolCalls)
                && Objects.equals(cacheSystemMessages, that.cacheSystemMessages)
                && Objects.equals(cacheConversation, that.cacheConversation)
                && Objects.equals(audioOutput, that.audioOutput)
                && Objects.equals(customParameters, that.customParameters);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                super.hashCode(),
                seed,
                repetitionPenalty,
                maxCompletionTokens,
                enableThinking,
                thinkingBudget,
                reasoningEffort,
                preserveThinking,
                enableSearch,
                searchOptions,
                vlHighResolutionImages,
                enableCodeInterpreter,
                parallelToolCalls,
                cacheSystemMessages,
                cacheConversation,
                audioOutput,
                customParameters);
    }

    @Override
    public String toString() {
        return "QwenChatRequestParameters{modelName=" + modelName() + ", temperature=" + temperature()
                + ", topP=" + topP() + ", topK=" + topK() + ", frequencyPenalty=" + frequencyPenalty()
                + ", presencePenalty=" + presencePenalty() + ", maxOutputTokens=" + maxOutputTokens()
                + ", stopSequences=" + stopSequences() + ", toolSpecifications=" + toolSpecifications()
                + ", toolChoice=" + toolChoice() + ", responseFormat=" + responseFormat() + ", seed=" + seed
                + ", repetitionPenalty=" + repetitionPenalty + ", maxCompletionTokens=" + maxCompletionTokens
                + ", enableThinking=" + enableThinking
                + ", thinkingBudget=" + thinkingBudget + ", reasoningEffort=" + reasoningEffort
                + ", preserveThinking=" + preserveThinking + ", enableSearch=" + enableSearch
                + ", searchOptions=" + searchOptions + ", vlHighResolutionImages=" + vlHighResolutionImages
                + ", enableCodeInterpreter=" + enableCodeInterpreter + ", parallelToolCalls=" + parallelToolCalls
                + ", cacheSystemMessages=" + cacheSystemMessages + ", cacheConversation=" + cacheConversation
                + ", audioOutput=" + audioOutput
                + ", customParameters=" + customParameters + '}';
    }

    /** Builder of {@link QwenChatRequestParameters}; has every builder method of the common parameters too. */
    public static class Builder extends DefaultChatRequestParameters.Builder<Builder> {

        private Integer seed;
        private Double repetitionPenalty;
        private Integer maxCompletionTokens;
        private Boolean enableThinking;
        private Integer thinkingBudget;
        private QwenReasoningEffort reasoningEffort;
        private Boolean preserveThinking;
        private Boolean enableSearch;
        private QwenSearchOptions searchOptions;
        private Boolean vlHighResolutionImages;
        private Boolean enableCodeInterpreter;
        private Boolean parallelToolCalls;
        private Boolean cacheSystemMessages;
        private Boolean cacheConversation;
        private QwenAudioOutput audioOutput;
        private Map<String, Object> customParameters;

        /**
         * Copies every field {@code parameters} sets over this builder's values; Qwen-only fields too when
         * {@code parameters} is a {@link QwenChatRequestParameters}.
         *
         * @throws IllegalArgumentException when {@code parameters} are of another model's type (the other Qwen
         *         protocol's, another provider's), whose own options would be lost
         */
        @Override
        public Builder overrideWith(ChatRequestParameters parameters) {
            ParameterTypes.requireMergeable(
                    parameters, QwenChatRequestParameters.class, "QwenChatModel and QwenStreamingChatModel");
            super.overrideWith(parameters);
            if (parameters != null && parameters.maxOutputTokens() != null) {
                maxCompletionTokens = null; // one output limit: the overriding side's
            }
            if (parameters instanceof QwenChatRequestParameters qwen) {
                seed = or(qwen.seed, seed);
                repetitionPenalty = or(qwen.repetitionPenalty, repetitionPenalty);
                if (qwen.maxCompletionTokens != null) {
                    maxCompletionTokens = qwen.maxCompletionTokens;
                    maxOutputTokens(null);
                }
                enableThinking = or(qwen.enableThinking, enableThinking);
                thinkingBudget = or(qwen.thinkingBudget, thinkingBudget);
                reasoningEffort = or(qwen.reasoningEffort, reasoningEffort);
                preserveThinking = or(qwen.preserveThinking, preserveThinking);
                enableSearch = or(qwen.enableSearch, enableSearch);
                searchOptions = or(qwen.searchOptions, searchOptions);
                vlHighResolutionImages = or(qwen.vlHighResolutionImages, vlHighResolutionImages);
                enableCodeInterpreter = or(qwen.enableCodeInterpreter, enableCodeInterpreter);
                parallelToolCalls = or(qwen.parallelToolCalls, parallelToolCalls);
                cacheSystemMessages = or(qwen.cacheSystemMessages, cacheSystemMessages);
                cacheConversation = or(qwen.cacheConversation, cacheConversation);
                audioOutput = or(qwen.audioOutput, audioOutput);
                customParameters = mergeCustomParameters(customParameters, qwen.customParameters);
            }
            return this;
        }

        /**
         * Random seed ({@code seed}), in [0, 2<sup>31</sup> - 1], for output as reproducible as the model allows.
         *
         * @param seed the seed, or null for a random one
         * @return this builder
         */
        public Builder seed(Integer seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Penalty on repetition ({@code repetition_penalty}): 1.0 is none, above 1.0 repeats less.
         *
         * @param repetitionPenalty a value greater than 0, or null for the model's default
         * @return this builder
         */
        public Builder repetitionPenalty(Double repetitionPenalty) {
            this.repetitionPenalty = repetitionPenalty;
            return this;
        }

        /**
         * Most tokens of reasoning and answer together ({@code max_completion_tokens}), instead of
         * {@code maxOutputTokens} ({@code max_tokens}), which on models before {@code qwen4-max-preview} may limit
         * the answer alone. Give one of the two; when parameters are merged (a request's over a model's), the limit
         * the overriding side sets replaces the other's, whichever of the two it is.
         *
         * @param maxCompletionTokens a positive number of tokens, or null for none
         * @return this builder
         */
        public Builder maxCompletionTokens(Integer maxCompletionTokens) {
            this.maxCompletionTokens = maxCompletionTokens;
            return this;
        }

        /**
         * Thinking mode of hybrid models ({@code enable_thinking}).
         *
         * @param enableThinking true to think, false not to, or null for the model's default
         * @return this builder
         */
        public Builder enableThinking(Boolean enableThinking) {
            this.enableThinking = enableThinking;
            return this;
        }

        /**
         * Maximum tokens spent on thinking ({@code thinking_budget}).
         *
         * @param thinkingBudget a positive number of tokens, or null for the model's default
         * @return this builder
         */
        public Builder thinkingBudget(Integer thinkingBudget) {
            this.thinkingBudget = thinkingBudget;
            return this;
        }

        /**
         * How hard the model thinks ({@code reasoning_effort}), on the models that take it (Qwen3.8 and later; other
         * known models ignore it, so they refuse it). {@link QwenReasoningEffort#NONE} switches thinking off, and
         * contradicts {@code enableThinking(true)}. Sent only when the request thinks (or to switch thinking off).
         *
         * @param reasoningEffort the effort, or null for the model's default
         * @return this builder
         */
        public Builder reasoningEffort(QwenReasoningEffort reasoningEffort) {
            this.reasoningEffort = reasoningEffort;
            return this;
        }

        /**
         * Keeps the reasoning of earlier turns in the model's context ({@code preserve_thinking}), on Qwen3.5 and later
         * (other known models refuse it): earlier assistant thinking is sent back as {@code reasoning_content}, and the
         * model reads it. Helps agents and tool loops stay consistent across turns, at the cost of longer prompts.
         *
         * @param preserveThinking true to keep it, or null for the model's default (not kept)
         * @return this builder
         */
        public Builder preserveThinking(Boolean preserveThinking) {
            this.preserveThinking = preserveThinking;
            return this;
        }

        /**
         * Web search ({@code enable_search}).
         *
         * @param enableSearch true to allow web search, or null for Qwen's default (off)
         * @return this builder
         */
        public Builder enableSearch(Boolean enableSearch) {
            this.enableSearch = enableSearch;
            return this;
        }

        /**
         * Options of web search ({@code search_options}); they only apply when web search is on.
         *
         * @param searchOptions the options, or null for Qwen's defaults
         * @return this builder
         */
        public Builder searchOptions(QwenSearchOptions searchOptions) {
            this.searchOptions = searchOptions;
            return this;
        }

        /**
         * High-resolution image input for vision models ({@code vl_high_resolution_images}).
         *
         * @param vlHighResolutionImages true for high resolution, or null for Qwen's default (off)
         * @return this builder
         */
        public Builder vlHighResolutionImages(Boolean vlHighResolutionImages) {
            this.vlHighResolutionImages = vlHighResolutionImages;
            return this;
        }

        /**
         * The built-in code interpreter ({@code enable_code_interpreter}), on the models that have one.
         *
         * @param enableCodeInterpreter true to let the model run code, or null for Qwen's default (off)
         * @return this builder
         */
        public Builder enableCodeInterpreter(Boolean enableCodeInterpreter) {
            this.enableCodeInterpreter = enableCodeInterpreter;
            return this;
        }

        /**
         * Whether several tools may be called at once ({@code parallel_tool_calls}); Qwen's default is false.
         *
         * @param parallelToolCalls true to allow parallel tool calls, or null for Qwen's default
         * @return this builder
         */
        public Builder parallelToolCalls(Boolean parallelToolCalls) {
            this.parallelToolCalls = parallelToolCalls;
            return this;
        }

        /**
         * Marks the system instructions for Qwen's explicit context cache ({@code cache_control: {"type":
         * "ephemeral"}} on the first system message, which holds every system message but Qwen-Long document
         * references): the prompt up to them is cached for about 5 minutes, and later requests with the same prefix
         * read it at a tenth of the input price. See {@link QwenContextCache} for the models and the rules.
         *
         * @param cacheSystemMessages true to mark them, or null/false not to
         * @return this builder
         */
        public Builder cacheSystemMessages(Boolean cacheSystemMessages) {
            this.cacheSystemMessages = cacheSystemMessages;
            return this;
        }

        /**
         * Marks the last message of each request for Qwen's explicit context cache, so that the next turn of a
         * conversation (or the next step of an agent's tool loop) reads the whole history from the cache. See
         * {@link QwenContextCache}.
         *
         * @param cacheConversation true to mark it, or null/false not to
         * @return this builder
         */
        public Builder cacheConversation(Boolean cacheConversation) {
            this.cacheConversation = cacheConversation;
            return this;
        }

        /**
         * Asks a Qwen-Omni model to speak its answer too ({@code modalities: ["text","audio"]}, {@code audio:
         * {voice, format}}). Omni models only stream; {@link QwenChatModel} streams internally and puts the audio on
         * {@link QwenChatResponseMetadata#audio()}; streaming handlers that implement
         * {@link QwenStreamingAudioHandler} get it piece by piece.
         *
         * @param audioOutput the voice and format, or null for a text-only answer
         * @return this builder
         */
        public Builder audioOutput(QwenAudioOutput audioOutput) {
            this.audioOutput = audioOutput;
            return this;
        }

        /**
         * Extra top-level JSON fields for the request, sent as given; they win over typed fields of the same name.
         * When parameters are merged, these are merged key by key.
         *
         * @param customParameters field names and JSON-serialisable values (copied), or null for none
         * @return this builder
         */
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
