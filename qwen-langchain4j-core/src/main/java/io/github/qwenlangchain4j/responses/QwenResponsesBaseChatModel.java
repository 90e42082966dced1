package io.github.qwenlangchain4j.responses;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ToolChoice;
import io.github.qwenlangchain4j.QwenConnectionBuilder;
import io.github.qwenlangchain4j.QwenReasoningEffort;
import io.github.qwenlangchain4j.QwenRegion;
import io.github.qwenlangchain4j.internal.client.QwenClient;
import io.github.qwenlangchain4j.internal.responses.ResponsesRequestMapper;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@link QwenResponsesChatModel} and {@link QwenResponsesStreamingChatModel} share: the client for the Responses
 * API, the default request parameters, the checks made before sending, and the builder. Not meant to be extended
 * outside this library.
 */
public abstract class QwenResponsesBaseChatModel {

    /** The model used when none is configured; Qwen's Responses API reference lists it for every region. */
    public static final String DEFAULT_MODEL_NAME = "qwen3.5-plus";

    static final String RESPONSES = "/responses";

    /** Header of Qwen's session cache for multi-turn calls chained with {@code previous_response_id}. */
    static final String SESSION_CACHE_HEADER = "x-dashscope-session-cache";

    /** Qwen refuses fewer: "Invalid 'max_output_tokens': must be greater than or equal to 16". */
    static final int MIN_MAX_OUTPUT_TOKENS = 16;

    final QwenClient client;
    final QwenResponsesChatRequestParameters defaultParameters;
    final List<ChatModelListener> listeners;

    QwenResponsesBaseChatModel(Builder<?, ?> builder) {
        this.defaultParameters = builder.defaultParameters();
        this.client = builder.responsesClient();
        this.listeners = builder.listeners == null ? List.of() : List.copyOf(builder.listeners);
    }

    /**
     * The model's default parameters: what the builder set, merged over {@code defaultRequestParameters}.
     *
     * @return the default parameters; {@link QwenResponsesChatRequestParameters#modelName()} is never null
     */
    public QwenResponsesChatRequestParameters defaultRequestParameters() {
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
     * None: Qwen's "Create a response" reference (alibabacloud.com/help/en/model-studio/qwen-api-via-openai-responses)
     * documents no structured-output field ({@code text.format} is not among the parameters it processes, and "any
     * OpenAI parameters not mentioned are ignored"), so JSON schema output is not declared: LangChain4j's AI services
     * then put the schema in the prompt themselves. A {@code ResponseFormat} given explicitly still reaches the model,
     * as an instruction with the schema.
     *
     * @return an empty set
     */
    public Set<Capability> supportedCapabilities() {
        return Set.of();
    }

    /** Merges a request's parameters over the model's defaults (the request wins field by field). */
    QwenResponsesChatRequestParameters parametersOf(ChatRequestParameters requestParameters) {
        return defaultParameters.overrideWith(requestParameters);
    }

    /**
     * The body to send, after the checks Qwen would otherwise fail the call for (or, worse, silently ignore).
     *
     * @throws IllegalArgumentException when the request breaks one of Qwen's documented rules
     */
    Object body(List<ChatMessage> messages, QwenResponsesChatRequestParameters parameters, boolean stream) {
        check(messages, parameters);
        return ResponsesRequestMapper.toBody(messages, parameters, stream);
    }

    private static void check(List<ChatMessage> messages, QwenResponsesChatRequestParameters parameters) {
        parameters.validateMultiTurn();
        if (parameters.maxOutputTokens() != null && parameters.maxOutputTokens() < MIN_MAX_OUTPUT_TOKENS) {
            throw new IllegalArgumentException("maxOutputTokens must be at least " + MIN_MAX_OUTPUT_TOKENS
                    + " for Qwen's Responses API, but was " + parameters.maxOutputTokens());
        }
        List<QwenBuiltInTool> builtIns = parameters.builtInTools() == null ? List.of() : parameters.builtInTools();
        Set<String> types = new HashSet<>();
        builtIns.forEach(tool -> types.add(tool.type()));
        if (types.contains("web_extractor") && !types.contains("web_search")) {
            throw new IllegalArgumentException("The web_extractor built-in tool needs webSearch() beside it: Qwen"
                    + " extracts the pages web search finds");
        }
        if (types.contains("web_extractor") && Boolean.FALSE.equals(parameters.thinking())) {
            throw new IllegalArgumentException("The web_extractor built-in tool only works in thinking mode (Qwen:"
                    + " \"Normal mode does not support web_extractor\"); remove "
                    + (parameters.reasoningEffort() != null ? "reasoningEffort(NONE)" : "enableThinking(false)"));
        }
        if (types.contains("image_search") && !hasImage(messages)) {
            throw new IllegalArgumentException("The image_search built-in tool searches by an image in the input, but"
                    + " no user message has one; use webSearchImage() to search by text");
        }
        int functions = parameters.toolSpecifications() == null
                ? 0
                : parameters.toolSpecifications().size();
        if (parameters.toolChoice() == ToolChoice.REQUIRED && functions + builtIns.size() > 1) {
            throw new IllegalArgumentException(
                    "Qwen's Responses API allows toolChoice REQUIRED only with a single tool,"
                            + " but " + (functions + builtIns.size())
                            + " are given; pass only the tool that must be called, or"
                            + " use ToolChoice.AUTO");
        }
    }

    private static boolean hasImage(List<ChatMessage> messages) {
        for (ChatMessage message : messages) {
            if (message instanceof UserMessage user
                    && user.contents().stream().anyMatch(ImageContent.class::isInstance)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "{modelName=" + defaultParameters.modelName() + ", baseUrl="
                + client.baseUrl() + ", apiKey=***}";
    }

    /**
     * The builder both Responses models share. Options set here are the model's defaults; a request's
     * {@link QwenResponsesChatRequestParameters} override them field by field. Only {@link #apiKey} is required;
     * {@link #region} picks the region's {@link QwenRegion#responsesBaseUrl() Responses base URL}.
     *
     * @param <M> the model it builds
     * @param <B> the concrete builder, so that chained calls keep their type
     */
    public abstract static class Builder<M, B extends Builder<M, B>> extends QwenConnectionBuilder<M, B> {

        private List<ChatModelListener> listeners;
        private Boolean sessionCache;
        private ChatRequestParameters defaultRequestParameters;
        private final QwenResponsesChatRequestParameters.Builder parameters =
                QwenResponsesChatRequestParameters.builder();

        Builder() {}

        /**
         * The model ({@code model}), e.g. {@code qwen3.5-plus} (default), {@code qwen3-max}, {@code qwen3.6-plus},
         * {@code qwen-plus}; see Qwen's Responses API reference for the models it serves.
         *
         * @param modelName the model name, or null for {@value QwenResponsesBaseChatModel#DEFAULT_MODEL_NAME}
         * @return this builder
         */
        public B modelName(String modelName) {
            parameters.modelName(modelName);
            return self();
        }

        /**
         * Sampling temperature ({@code temperature}), in [0, 2). Set either this or {@link #topP}, not both.
         *
         * @param temperature the temperature, or null for the model's default
         * @return this builder
         */
        public B temperature(Double temperature) {
            parameters.temperature(temperature);
            return self();
        }

        /**
         * Nucleus sampling ({@code top_p}), in (0, 1].
         *
         * @param topP the probability mass, or null for the model's default
         * @return this builder
         */
        public B topP(Double topP) {
            parameters.topP(topP);
            return self();
        }

        /**
         * Most tokens to generate ({@code max_output_tokens}), at least 16; a response that reaches it is
         * {@code incomplete} (finish reason LENGTH).
         *
         * @param maxTokens the limit, or null for the model's
         * @return this builder
         */
        public B maxTokens(Integer maxTokens) {
            parameters.maxOutputTokens(maxTokens);
            return self();
        }

        /**
         * Thinking mode of hybrid models ({@code enable_thinking}); the reasoning reaches {@code AiMessage.thinking()}
         * and {@code onPartialThinking}.
         *
         * @param enableThinking true to think, false not to, null for the model's default
         * @return this builder
         */
        public B enableThinking(Boolean enableThinking) {
            parameters.enableThinking(enableThinking);
            return self();
        }

        /**
         * How much the model thinks ({@code reasoning.effort}): {@code none} (no thinking), {@code minimal},
         * {@code low}, {@code medium}, {@code high}, {@code xhigh} or {@code max}; Qwen's current reference recommends
         * it over {@link #enableThinking}, and maps a level a model lacks to its nearest one.
         *
         * @param reasoningEffort the effort, or null for the model's default
         * @return this builder
         */
        public B reasoningEffort(QwenReasoningEffort reasoningEffort) {
            parameters.reasoningEffort(reasoningEffort);
            return self();
        }

        /**
         * Tools that run on Qwen's side in every request, e.g. {@link QwenBuiltInTool#webSearch()}; a request's own
         * built-in tools replace these.
         *
         * @param builtInTools the tools
         * @return this builder
         */
        public B builtInTools(QwenBuiltInTool... builtInTools) {
            parameters.builtInTools(builtInTools);
            return self();
        }

        /**
         * Tools that run on Qwen's side in every request.
         *
         * @param builtInTools the tools, or null for none
         * @return this builder
         */
        public B builtInTools(List<QwenBuiltInTool> builtInTools) {
            parameters.builtInTools(builtInTools);
            return self();
        }

        /**
         * Whether Qwen stores responses ({@code store}; Qwen's default is to store them for 7 days): needed to
         * continue one with {@code previousResponseId}.
         *
         * @param store false to keep nothing on Qwen's side, or null for Qwen's default
         * @return this builder
         */
        public B store(Boolean store) {
            parameters.store(store);
            return self();
        }

        /**
         * Qwen's session cache ({@code x-dashscope-session-cache: enable}): Qwen caches the context of a conversation
         * chained with {@code previousResponseId}, so that later turns bill the cached part at a tenth of the input
         * price (creating the cache costs 125 %; it lives 5 minutes, renewed on each hit, from 1,024 tokens).
         *
         * @param sessionCache true to enable it; null or false (Qwen's default) not to
         * @return this builder
         */
        public B sessionCache(Boolean sessionCache) {
            this.sessionCache = sessionCache;
            return self();
        }

        /**
         * Whether the model may call several function tools in one turn ({@code parallel_tool_calls}).
         *
         * @param parallelToolCalls the setting, or null for Qwen's default
         * @return this builder
         */
        public B parallelToolCalls(Boolean parallelToolCalls) {
            parameters.parallelToolCalls(parallelToolCalls);
            return self();
        }

        /**
         * Structured output: a JSON schema (or plain JSON), given to the model as an instruction (the Responses API
         * documents no structured-output field).
         *
         * @param responseFormat the format, or null for text
         * @return this builder
         */
        public B responseFormat(ResponseFormat responseFormat) {
            parameters.responseFormat(responseFormat);
            return self();
        }

        /**
         * Extra top-level fields of every request body, for options not typed here (e.g.
         * {@code Map.of("reasoning", Map.of("effort", "high"))}); they win over typed fields.
         *
         * @param customParameters field names and values, or null for none
         * @return this builder
         */
        public B customParameters(Map<String, Object> customParameters) {
            parameters.customParameters(customParameters);
            return self();
        }

        /**
         * Default request parameters (LangChain4j's or {@link QwenResponsesChatRequestParameters}); the options set on
         * this builder win over them.
         *
         * @param defaultRequestParameters the parameters, or null
         * @return this builder
         */
        public B defaultRequestParameters(ChatRequestParameters defaultRequestParameters) {
            this.defaultRequestParameters = defaultRequestParameters;
            return self();
        }

        /**
         * Listeners notified of every request, response and error.
         *
         * @param listeners the listeners, or null for none
         * @return this builder
         */
        public B listeners(List<ChatModelListener> listeners) {
            this.listeners = listeners;
            return self();
        }

        /** A client for the region's Responses base URL, with the session-cache header when it is on. */
        QwenClient responsesClient() {
            return newClient(
                    QwenRegion::responsesBaseUrl,
                    Boolean.TRUE.equals(sessionCache) ? Map.of(SESSION_CACHE_HEADER, "enable") : Map.of());
        }

        QwenResponsesChatRequestParameters defaultParameters() {
            QwenResponsesChatRequestParameters.Builder merged = QwenResponsesChatRequestParameters.builder();
            if (defaultRequestParameters != null) {
                merged.overrideWith(defaultRequestParameters);
            }
            merged.overrideWith(parameters.build());
            if (merged.build().modelName() == null) {
                merged.modelName(DEFAULT_MODEL_NAME);
            }
            return merged.build();
        }

        /**
         * Builds the model; fails when the API key is missing or a setting is invalid.
         *
         * @return the model
         */
        @Override
        public abstract M build();
    }
}
