package io.github.qwenlangchain4j;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormat;
import io.github.qwenlangchain4j.internal.client.QwenClient;
import io.github.qwenlangchain4j.internal.mapper.CallPlan;
import io.github.qwenlangchain4j.internal.mapper.CallPlanner;
import io.github.qwenlangchain4j.internal.mapper.ChatRequestMapper;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@link QwenChatModel} and {@link QwenStreamingChatModel} share: the HTTP client, the default request
 * parameters and the builder. Not meant to be extended outside this library.
 */
public abstract class QwenBaseChatModel {

    /** The model used when none is configured. */
    public static final String DEFAULT_MODEL_NAME = "qwen-plus";

    static final String CHAT_COMPLETIONS = "/chat/completions";

    /** Each refusal teaches the planner one thing; more than this many plans for one call is not a planning problem. */
    static final int MAX_PLANS = 3;

    final QwenClient client;
    final CallPlanner planner = new CallPlanner();
    final QwenChatRequestParameters defaultParameters;
    final boolean sendThinking;
    final List<ChatModelListener> listeners;

    QwenBaseChatModel(Builder<?, ?> builder) {
        this.defaultParameters = builder.defaultParameters();
        ChatRequestMapper.validateParameters(defaultParameters);
        this.client = builder.newClient();
        this.sendThinking = Boolean.TRUE.equals(builder.sendThinking);
        this.listeners = builder.listeners == null ? List.of() : List.copyOf(builder.listeners);
    }

    /**
     * The model's default parameters: what the builder set, merged over {@code defaultRequestParameters}.
     *
     * @return the default parameters; {@link QwenChatRequestParameters#modelName()} is never null
     */
    public QwenChatRequestParameters defaultRequestParameters() {
        return defaultParameters;
    }

    /**
     * The listeners notified of every request, response and error of this model.
     *
     * @return the listeners, in the order they were given; empty when none were set
     */
    public List<ChatModelListener> listeners() {
        return listeners;
    }

    /**
     * LangChain4j has no constant for Alibaba Cloud, so Qwen reports {@link ModelProvider#OTHER}.
     *
     * @return {@link ModelProvider#OTHER}
     */
    public ModelProvider provider() {
        return ModelProvider.OTHER;
    }

    /**
     * JSON schemas are supported on every Qwen model: the schema goes to the model as a system instruction, with
     * {@code json_object} mode when the model is not thinking (on a model that thinks by default, thinking is
     * switched off for that call unless the caller asked for it).
     *
     * @return {@link Capability#RESPONSE_FORMAT_JSON_SCHEMA}
     */
    public Set<Capability> supportedCapabilities() {
        return Set.of(Capability.RESPONSE_FORMAT_JSON_SCHEMA);
    }

    /** The body to send for these messages and merged parameters, as {@code plan} says. */
    Object body(List<ChatMessage> messages, QwenChatRequestParameters parameters, CallPlan plan) {
        return ChatRequestMapper.toRequest(messages, parameters, plan, sendThinking);
    }

    /**
     * Whether {@code failure} is a 400 refusal of how {@code plan} sent the request (must stream, was thinking) from
     * which the planner learned something, so that planning again sends it differently.
     */
    boolean learnedFrom(RuntimeException failure, CallPlan plan) {
        return failure instanceof InvalidRequestException
                && failure.getCause() instanceof QwenApiError error
                && planner.learnFrom(error.qwenMessage(), plan);
    }

    /** Merges a request's parameters over the model's defaults (the request wins field by field). */
    QwenChatRequestParameters parametersOf(ChatRequestParameters requestParameters) {
        // chat() has merged already; merging again is idempotent and covers callers of doChat() directly.
        return defaultParameters.overrideWith(requestParameters);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "{modelName=" + defaultParameters.modelName() + ", baseUrl="
                + client.baseUrl() + ", apiKey=***}";
    }

    /**
     * The builder both chat models share. Options set here are the model's defaults; a request's
     * {@link QwenChatRequestParameters} override them field by field. Only {@link #apiKey} is required.
     *
     * @param <M> the model it builds
     * @param <B> the concrete builder, so that chained calls keep their type
     */
    public abstract static class Builder<M, B extends Builder<M, B>> extends QwenConnectionBuilder<M, B> {

        private List<ChatModelListener> listeners;
        private Boolean sendThinking;
        private ChatRequestParameters defaultRequestParameters;
        private final QwenChatRequestParameters.Builder parameters = QwenChatRequestParameters.builder();

        Builder() {}

        /**
         * The model ({@code model}), e.g. {@code qwen-plus} (default), {@code qwen-max}, {@code qwen3-coder-plus}.
         *
         * @param modelName the model name, or null for {@value QwenBaseChatModel#DEFAULT_MODEL_NAME}
         * @return this builder
         */
        public B modelName(String modelName) {
            parameters.modelName(modelName);
            return self();
        }

        /**
         * Sampling temperature ({@code temperature}), in [0, 2): higher is more varied, lower more deterministic. Set
         * either this or {@link #topP}, not both.
         *
         * @param temperature the temperature, or null for the model's default
         * @return this builder
         */
        public B temperature(Double temperature) {
            parameters.temperature(temperature);
            return self();
        }

        /**
         * Nucleus sampling ({@code top_p}), in (0, 1]: sample only from the most likely tokens whose probabilities
         * add up to this value.
         *
         * @param topP the probability mass, or null for the model's default
         * @return this builder
         */
        public B topP(Double topP) {
            parameters.topP(topP);
            return self();
        }

        /**
         * Sampling from the k most likely tokens ({@code top_k}); a Qwen option OpenAI does not have. Qwen ignores it
         * when it is greater than 100.
         *
         * @param topK a positive number of candidate tokens, or null for the model's default
         * @return this builder
         */
        public B topK(Integer topK) {
            parameters.topK(topK);
            return self();
        }

        /**
         * Maximum output tokens ({@code max_tokens}); a longer answer is cut off with finish reason {@code LENGTH}. The
         * upper limit depends on the model.
         *
         * @param maxTokens a positive number of tokens, or null for the model's maximum
         * @return this builder
         */
        public B maxTokens(Integer maxTokens) {
            parameters.maxOutputTokens(maxTokens);
            return self();
        }

        /**
         * Most tokens of reasoning and answer together ({@code max_completion_tokens}), instead of
         * {@link #maxTokens(Integer)}: on models before {@code qwen4-max-preview}, {@code max_tokens} may limit the
         * answer alone; see {@link QwenChatRequestParameters.Builder#maxCompletionTokens(Integer)}.
         *
         * @param maxCompletionTokens a positive number of tokens, or null for none
         * @return this builder
         */
        public B maxCompletionTokens(Integer maxCompletionTokens) {
            parameters.maxCompletionTokens(maxCompletionTokens);
            return self();
        }

        /**
         * Stop sequences ({@code stop}): generation stops before any of them would be produced.
         *
         * @param stop the sequences, or null for none
         * @return this builder
         */
        public B stop(List<String> stop) {
            parameters.stopSequences(stop);
            return self();
        }

        /**
         * Random seed ({@code seed}), in [0, 2<sup>31</sup> - 1]: the same seed and request make the output as
         * reproducible as the model allows.
         *
         * @param seed the seed, or null for a random one
         * @return this builder
         */
        public B seed(Integer seed) {
            parameters.seed(seed);
            return self();
        }

        /**
         * Presence penalty ({@code presence_penalty}), in [-2, 2]: positive values make the model less likely to repeat
         * what is already in the text.
         *
         * @param presencePenalty the penalty, or null for the model's default
         * @return this builder
         */
        public B presencePenalty(Double presencePenalty) {
            parameters.presencePenalty(presencePenalty);
            return self();
        }

        /**
         * Penalty on repetition, 1.0 = none ({@code repetition_penalty}); Qwen has no {@code frequency_penalty}.
         *
         * @param repetitionPenalty a value greater than 0 (above 1.0 repeats less), or null for the model's default
         * @return this builder
         */
        public B repetitionPenalty(Double repetitionPenalty) {
            parameters.repetitionPenalty(repetitionPenalty);
            return self();
        }

        /**
         * Thinking mode of hybrid models ({@code enable_thinking}). When true, {@link QwenChatModel} streams
         * internally, because Qwen refuses non-streaming calls while thinking.
         *
         * @param enableThinking true to think, false not to, or null for the model's default
         * @return this builder
         */
        public B enableThinking(Boolean enableThinking) {
            parameters.enableThinking(enableThinking);
            return self();
        }

        /**
         * Maximum tokens spent on thinking ({@code thinking_budget}).
         *
         * @param thinkingBudget a positive number of tokens, or null for the model's default
         * @return this builder
         */
        public B thinkingBudget(Integer thinkingBudget) {
            parameters.thinkingBudget(thinkingBudget);
            return self();
        }

        /**
         * How hard the model thinks ({@code reasoning_effort}), on Qwen3.8 and later; see
         * {@link QwenChatRequestParameters.Builder#reasoningEffort(QwenReasoningEffort)}.
         *
         * @param reasoningEffort the effort, or null for the model's default
         * @return this builder
         */
        public B reasoningEffort(QwenReasoningEffort reasoningEffort) {
            parameters.reasoningEffort(reasoningEffort);
            return self();
        }

        /**
         * Keeps the reasoning of earlier turns in the model's context ({@code preserve_thinking}), on Qwen3.5 and
         * later; see {@link QwenChatRequestParameters.Builder#preserveThinking(Boolean)}.
         *
         * @param preserveThinking true to keep it, or null for the model's default (not kept)
         * @return this builder
         */
        public B preserveThinking(Boolean preserveThinking) {
            parameters.preserveThinking(preserveThinking);
            return self();
        }

        /**
         * Web search ({@code enable_search}): the model may search the web before it answers.
         *
         * @param enableSearch true to allow web search, or null for Qwen's default (off)
         * @return this builder
         */
        public B enableSearch(Boolean enableSearch) {
            parameters.enableSearch(enableSearch);
            return self();
        }

        /**
         * Options of web search ({@code search_options}); they only apply when {@link #enableSearch} is true.
         *
         * @param searchOptions the options, or null for Qwen's defaults
         * @return this builder
         */
        public B searchOptions(QwenSearchOptions searchOptions) {
            parameters.searchOptions(searchOptions);
            return self();
        }

        /**
         * High-resolution image input for vision models ({@code vl_high_resolution_images}): more image tokens, finer
         * detail.
         *
         * @param vlHighResolutionImages true for high resolution, or null for Qwen's default (off)
         * @return this builder
         */
        public B vlHighResolutionImages(Boolean vlHighResolutionImages) {
            parameters.vlHighResolutionImages(vlHighResolutionImages);
            return self();
        }

        /**
         * The built-in code interpreter ({@code enable_code_interpreter}), on the models that have one.
         *
         * @param enableCodeInterpreter true to let the model run code, or null for Qwen's default (off)
         * @return this builder
         */
        public B enableCodeInterpreter(Boolean enableCodeInterpreter) {
            parameters.enableCodeInterpreter(enableCodeInterpreter);
            return self();
        }

        /**
         * Whether several tools may be called at once ({@code parallel_tool_calls}); Qwen's default is false.
         *
         * @param parallelToolCalls true to allow parallel tool calls, or null for Qwen's default
         * @return this builder
         */
        public B parallelToolCalls(Boolean parallelToolCalls) {
            parameters.parallelToolCalls(parallelToolCalls);
            return self();
        }

        /**
         * Marks the system instructions of every request for Qwen's explicit context cache; see
         * {@link QwenChatRequestParameters.Builder#cacheSystemMessages(Boolean)} and {@link QwenContextCache}.
         *
         * @param cacheSystemMessages true to mark them, or null/false not to
         * @return this builder
         */
        public B cacheSystemMessages(Boolean cacheSystemMessages) {
            parameters.cacheSystemMessages(cacheSystemMessages);
            return self();
        }

        /**
         * Marks the last message of every request for Qwen's explicit context cache, so that each turn reads the
         * history before it from the cache; see {@link QwenChatRequestParameters.Builder#cacheConversation(Boolean)}
         * and {@link QwenContextCache}.
         *
         * @param cacheConversation true to mark it, or null/false not to
         * @return this builder
         */
        public B cacheConversation(Boolean cacheConversation) {
            parameters.cacheConversation(cacheConversation);
            return self();
        }

        /**
         * A spoken answer from a Qwen-Omni model on every request; see
         * {@link QwenChatRequestParameters.Builder#audioOutput(QwenAudioOutput)}.
         *
         * @param audioOutput the voice and format, or null for text-only answers
         * @return this builder
         */
        public B audioOutput(QwenAudioOutput audioOutput) {
            parameters.audioOutput(audioOutput);
            return self();
        }

        /**
         * Default response format. JSON is sent as {@code json_object}; a JSON schema also goes to the model as a
         * system instruction, which works on every Qwen model.
         *
         * @param responseFormat the format, or null for text
         * @return this builder
         */
        public B responseFormat(ResponseFormat responseFormat) {
            parameters.responseFormat(responseFormat);
            return self();
        }

        /**
         * Whether the thinking of earlier assistant messages is sent back as {@code reasoning_content}; default
         * false (it costs input tokens and most models ignore it).
         *
         * @param sendThinking true to send earlier thinking back, or null for the default (false)
         * @return this builder
         */
        public B sendThinking(Boolean sendThinking) {
            this.sendThinking = sendThinking;
            return self();
        }

        /**
         * Extra top-level JSON fields for every request; they win over typed options of the same name.
         *
         * @param customParameters field names and JSON-serialisable values, or null for none
         * @return this builder
         */
        public B customParameters(Map<String, Object> customParameters) {
            parameters.customParameters(customParameters);
            return self();
        }

        /**
         * Defaults for every request; the typed builder options above win over them.
         *
         * @param defaultRequestParameters the defaults (a {@link QwenChatRequestParameters} to include Qwen-only
         *        options), or null for none
         * @return this builder
         */
        public B defaultRequestParameters(ChatRequestParameters defaultRequestParameters) {
            this.defaultRequestParameters = defaultRequestParameters;
            return self();
        }

        /**
         * Listeners notified of every request, response and error of the model.
         *
         * @param listeners the listeners, or null for none
         * @return this builder
         */
        public B listeners(List<ChatModelListener> listeners) {
            this.listeners = listeners;
            return self();
        }

        QwenChatRequestParameters defaultParameters() {
            QwenChatRequestParameters.Builder merged = QwenChatRequestParameters.builder();
            if (defaultRequestParameters != null) {
                merged.overrideWith(defaultRequestParameters);
            }
            merged.overrideWith(parameters.build());
            QwenChatRequestParameters result = merged.build();
            if (result.modelName() == null) {
                result = merged.modelName(DEFAULT_MODEL_NAME).build();
            }
            return result;
        }

        /**
         * Builds the model; fails when the API key is missing or an option is invalid.
         *
         * @return the model
         * @throws IllegalArgumentException when the API key is missing or an option is out of range
         */
        public abstract M build();
    }
}
