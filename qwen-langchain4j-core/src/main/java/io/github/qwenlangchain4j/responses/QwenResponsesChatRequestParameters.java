package io.github.qwenlangchain4j.responses;

import static io.github.qwenlangchain4j.internal.mapper.ParameterTypes.mergeCustomParameters;
import static io.github.qwenlangchain4j.internal.mapper.ParameterTypes.or;

import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import io.github.qwenlangchain4j.QwenReasoningEffort;
import io.github.qwenlangchain4j.internal.mapper.ParameterTypes;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Request parameters of the Responses API models, per request or as a model's defaults. Besides LangChain4j's common
 * parameters (model, temperature, topP, maxOutputTokens, tools, tool choice, response format) they hold what only
 * the Responses API has: {@link #previousResponseId()} and {@link #conversationId()} to send only the new turn while
 * Qwen keeps the rest, {@link #builtInTools()} that run on Qwen's side, {@link #store()}, {@link #reasoningEffort()}
 * and {@link #enableThinking()}.
 *
 * <p>When a request's parameters are merged with the model's defaults, each field the request sets wins;
 * {@link #customParameters()} are merged key by key. A request's built-in tools replace the model's.
 *
 * <p>Qwen's ranges are checked before sending: {@code temperature} in [0, 2), {@code topP} in (0, 1],
 * {@code maxOutputTokens} 1 or more. {@code previousResponseId} and {@code conversationId} cannot be combined (a
 * conversation already carries its history), and neither works with {@code store(false)}: nothing would have been
 * kept to continue from.
 */
public class QwenResponsesChatRequestParameters extends DefaultChatRequestParameters {

    /** Parameters with nothing set. */
    public static final QwenResponsesChatRequestParameters EMPTY = builder().build();

    private final String previousResponseId;
    private final String conversationId;
    private final List<QwenBuiltInTool> builtInTools;
    private final Boolean store;
    private final Boolean enableThinking;
    private final QwenReasoningEffort reasoningEffort;
    private final Boolean parallelToolCalls;
    private final Map<String, Object> customParameters;

    /**
     * Creates the parameters a builder describes; for subclasses.
     *
     * @param builder the builder with the values
     * @throws IllegalArgumentException when a value is outside the range Qwen accepts, or the multi-turn options
     *         contradict each other (see the class description)
     */
    protected QwenResponsesChatRequestParameters(Builder builder) {
        super(builder);
        check(
                temperature() == null || (temperature() >= 0 && temperature() < 2),
                "temperature",
                "in [0, 2)",
                temperature());
        check(topP() == null || (topP() > 0 && topP() <= 1), "topP", "in (0, 1]", topP());
        check(
                maxOutputTokens() == null || maxOutputTokens() >= 1,
                "maxOutputTokens (max_output_tokens)",
                "1 or more",
                maxOutputTokens());
        if (builder.previousResponseId != null && builder.previousResponseId.isBlank()) {
            throw new IllegalArgumentException(
                    "previousResponseId must not be blank; leave it null to send the whole" + " conversation");
        }
        if (builder.conversationId != null && builder.conversationId.isBlank()) {
            throw new IllegalArgumentException("conversationId must not be blank");
        }
        if (builder.customParameters != null
                && builder.customParameters.keySet().stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("customParameters must not contain a null key");
        }
        this.previousResponseId = builder.previousResponseId;
        this.conversationId = builder.conversationId;
        this.builtInTools = builder.builtInTools == null ? null : List.copyOf(builder.builtInTools);
        this.store = builder.store;
        this.enableThinking = builder.enableThinking;
        this.reasoningEffort = builder.reasoningEffort;
        this.parallelToolCalls = builder.parallelToolCalls;
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
     * Checks the multi-turn options of a merged request (model defaults plus request), before it is sent.
     *
     * @throws IllegalArgumentException when they contradict each other
     */
    void validateMultiTurn() {
        if (previousResponseId != null && conversationId != null) {
            throw new IllegalArgumentException("previousResponseId and conversationId cannot be used together: a"
                    + " conversation already holds the earlier turns; pick one");
        }
        if (reasoningEffort != null
                && enableThinking != null
                && enableThinking == (reasoningEffort == QwenReasoningEffort.NONE)) {
            throw new IllegalArgumentException("enableThinking(" + enableThinking + ") contradicts reasoningEffort("
                    + reasoningEffort + "): "
                    + (reasoningEffort == QwenReasoningEffort.NONE ? "effort none" : "any effort but none")
                    + (enableThinking ? " turns thinking off" : " thinks")
                    + ". Set only reasoningEffort, which Qwen's reference recommends over enable_thinking");
        }
        if (Boolean.FALSE.equals(store) && (previousResponseId != null || conversationId != null)) {
            throw new IllegalArgumentException((previousResponseId != null ? "previousResponseId" : "conversationId")
                    + " needs stored responses, but store is false: Qwen keeps nothing to continue from. Remove"
                    + " store(false), or send the whole conversation instead");
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
     * The response this request continues ({@code previous_response_id}): Qwen prepends that response's input and
     * output, so the request only carries the new turn.
     *
     * @return the id of a stored response, or null
     */
    public String previousResponseId() {
        return previousResponseId;
    }

    /**
     * The conversation this request belongs to ({@code conversation}): Qwen prepends its items and appends this turn
     * to it. See {@link QwenConversations}.
     *
     * @return the conversation id, or null
     */
    public String conversationId() {
        return conversationId;
    }

    /**
     * Tools that run on Qwen's side ({@code tools} entries such as {@code {"type":"web_search"}}), beside the
     * function tools of {@link #toolSpecifications()}.
     *
     * @return the built-in tools, or null when not set
     */
    public List<QwenBuiltInTool> builtInTools() {
        return builtInTools;
    }

    /**
     * Whether Qwen stores the response so that it can be continued or retrieved ({@code store}).
     *
     * @return the setting, or null for Qwen's default
     */
    public Boolean store() {
        return store;
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
     * How much the model thinks ({@code reasoning.effort}); {@link QwenReasoningEffort#NONE} turns thinking off. Qwen's current reference recommends it over {@code enable_thinking}.
     *
     * @return the effort, or null for the model's default
     */
    public QwenReasoningEffort reasoningEffort() {
        return reasoningEffort;
    }

    /**
     * Whether the model thinks, as far as the parameters say: {@link #reasoningEffort()} wins ({@code none} is off),
     * then {@link #enableThinking()}.
     *
     * @return false when thinking is switched off, true when on, null when the model's default applies
     */
    public Boolean thinking() {
        return reasoningEffort != null ? Boolean.valueOf(reasoningEffort != QwenReasoningEffort.NONE) : enableThinking;
    }

    /**
     * Whether the model may call several function tools in one turn ({@code parallel_tool_calls}).
     *
     * @return the setting, or null for Qwen's default
     */
    public Boolean parallelToolCalls() {
        return parallelToolCalls;
    }

    /**
     * Extra top-level fields of the request body, for options this class does not type yet; they win over typed
     * fields of the same name.
     *
     * @return the fields, or null when not set
     */
    public Map<String, Object> customParameters() {
        return customParameters;
    }

    @Override
    public QwenResponsesChatRequestParameters overrideWith(ChatRequestParameters that) {
        return builder().overrideWith(this).overrideWith(that).build();
    }

    @Override
    public QwenResponsesChatRequestParameters defaultedBy(ChatRequestParameters that) {
        return builder().overrideWith(that).overrideWith(this).build();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof QwenResponsesChatRequestParameters that) || !super.equals(o)) {
            return false;
        }
        return Objects.equals(previousResponseId, that.previousResponseId)
                && Objects.equals(conversationId, that.conversationId)
                && Objects.equals(builtInTools, that.builtInTools)
                && Objects.equals(store, that.store)
                && Objects.equals(enableThinking, that.enableThinking)
                && Objects.equals(reasoningEffort, that.reasoningEffort)
                && Objects.equals(parallelToolCalls, that.parallelToolCalls)
                && Objects.equals(customParameters, that.customParameters);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                super.hashCode(),
                previousResponseId,
                conversationId,
                builtInTools,
                store,
                enableThinking,
                reasoningEffort,
                parallelToolCalls,
                customParameters);
    }

    @Override
    public String toString() {
        return "QwenResponsesChatRequestParameters{modelName=" + modelName() + ", temperature=" + temperature()
                + ", topP=" + topP() + ", maxOutputTokens=" + maxOutputTokens() + ", toolSpecifications="
                + toolSpecifications() + ", toolChoice=" + toolChoice() + ", responseFormat=" + responseFormat()
                + ", previousResponseId=" + previousResponseId + ", conversationId=" + conversationId
                + ", builtInTools=" + builtInTools + ", store=" + store + ", enableThinking=" + enableThinking
                + ", reasoningEffort=" + reasoningEffort + ", parallelToolCalls=" + parallelToolCalls
                + ", customParameters=" + customParameters + "}";
    }

    /** Builder of {@link QwenResponsesChatRequestParameters}; every field is optional. */
    public static class Builder extends DefaultChatRequestParameters.Builder<Builder> {

        private String previousResponseId;
        private String conversationId;
        private List<QwenBuiltInTool> builtInTools;
        private Boolean store;
        private Boolean enableThinking;
        private QwenReasoningEffort reasoningEffort;
        private Boolean parallelToolCalls;
        private Map<String, Object> customParameters;

        /** For {@link QwenResponsesChatRequestParameters#builder()} and subclasses. */
        protected Builder() {}

        /**
         * Copies every field {@code parameters} sets over this builder's values; the Responses-only fields too when
         * {@code parameters} is a {@link QwenResponsesChatRequestParameters}.
         *
         * @throws IllegalArgumentException when {@code parameters} are of another model's type (the other Qwen
         *         protocol's, another provider's), whose own options would be lost
         */
        @Override
        public Builder overrideWith(ChatRequestParameters parameters) {
            ParameterTypes.requireMergeable(
                    parameters,
                    QwenResponsesChatRequestParameters.class,
                    "QwenResponsesChatModel and QwenResponsesStreamingChatModel");
            super.overrideWith(parameters);
            if (parameters instanceof QwenResponsesChatRequestParameters qwen) {
                previousResponseId = or(qwen.previousResponseId, previousResponseId);
                conversationId = or(qwen.conversationId, conversationId);
                builtInTools = or(qwen.builtInTools, builtInTools);
                store = or(qwen.store, store);
                enableThinking = or(qwen.enableThinking, enableThinking);
                reasoningEffort = or(qwen.reasoningEffort, reasoningEffort);
                parallelToolCalls = or(qwen.parallelToolCalls, parallelToolCalls);
                customParameters = mergeCustomParameters(customParameters, qwen.customParameters);
            }
            return this;
        }

        /**
         * Continues a stored response ({@code previous_response_id}): send only the new user turn (or the tool
         * results) and Qwen adds the earlier ones.
         *
         * @param previousResponseId the id from {@link QwenResponsesChatResponseMetadata#responseId()}, or null
         * @return this builder
         */
        public Builder previousResponseId(String previousResponseId) {
            this.previousResponseId = previousResponseId;
            return this;
        }

        /**
         * Adds this turn to a conversation ({@code conversation}), whose items Qwen prepends.
         *
         * @param conversationId the id of a conversation made with {@link QwenConversations#create}, or null
         * @return this builder
         */
        public Builder conversationId(String conversationId) {
            this.conversationId = conversationId;
            return this;
        }

        /**
         * Tools that run on Qwen's side, such as {@link QwenBuiltInTool#webSearch()}.
         *
         * @param builtInTools the tools, or null for none
         * @return this builder
         */
        public Builder builtInTools(List<QwenBuiltInTool> builtInTools) {
            if (builtInTools != null && builtInTools.stream().anyMatch(Objects::isNull)) {
                throw new IllegalArgumentException("builtInTools must not contain null");
            }
            this.builtInTools = builtInTools;
            return this;
        }

        /**
         * Tools that run on Qwen's side, such as {@link QwenBuiltInTool#webSearch()}.
         *
         * @param builtInTools the tools
         * @return this builder
         */
        public Builder builtInTools(QwenBuiltInTool... builtInTools) {
            return builtInTools(Arrays.asList(builtInTools));
        }

        /**
         * Whether Qwen stores the response ({@code store}); needed to continue it with {@code previousResponseId}.
         *
         * @param store false to keep nothing on Qwen's side, or null for Qwen's default
         * @return this builder
         */
        public Builder store(Boolean store) {
            this.store = store;
            return this;
        }

        /**
         * Thinking mode of hybrid models ({@code enable_thinking}); reasoning reaches {@code onPartialThinking} and
         * {@code AiMessage.thinking()}.
         *
         * @param enableThinking true to think, false not to, null for the model's default
         * @return this builder
         */
        public Builder enableThinking(Boolean enableThinking) {
            this.enableThinking = enableThinking;
            return this;
        }

        /**
         * How much the model thinks ({@code reasoning.effort}): {@code none} (no thinking), {@code minimal},
         * {@code low}, {@code medium}, {@code high}, {@code xhigh} or {@code max}; Qwen maps a level a model lacks to
         * its nearest one. Qwen's current reference recommends it over {@link #enableThinking}.
         *
         * @param reasoningEffort the effort, or null for the model's default
         * @return this builder
         */
        public Builder reasoningEffort(QwenReasoningEffort reasoningEffort) {
            this.reasoningEffort = reasoningEffort;
            return this;
        }

        /**
         * Whether the model may call several function tools in one turn ({@code parallel_tool_calls}).
         *
         * @param parallelToolCalls the setting, or null for Qwen's default
         * @return this builder
         */
        public Builder parallelToolCalls(Boolean parallelToolCalls) {
            this.parallelToolCalls = parallelToolCalls;
            return this;
        }

        /**
         * Extra top-level fields of the request body, for options not typed here; they win over typed fields.
         *
         * @param customParameters field names and values, or null for none
         * @return this builder
         */
        public Builder customParameters(Map<String, Object> customParameters) {
            this.customParameters = customParameters;
            return this;
        }

        @Override
        public QwenResponsesChatRequestParameters build() {
            return new QwenResponsesChatRequestParameters(this);
        }
    }
}
