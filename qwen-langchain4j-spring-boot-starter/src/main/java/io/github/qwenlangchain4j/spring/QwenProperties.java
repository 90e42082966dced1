package io.github.qwenlangchain4j.spring;

import io.github.qwenlangchain4j.QwenRegion;
import io.github.qwenlangchain4j.rerank.QwenRerankEndpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Configuration of the Qwen models, bound from {@code langchain4j.qwen.*}. The connection properties at the top
 * level are shared by every model; {@code chat-model.*} configures both the {@code QwenChatModel} and the
 * {@code QwenStreamingChatModel} beans, {@code embedding-model.*} the {@code QwenEmbeddingModel} bean and
 * {@code responses-model.*} (off unless {@code responses-model.enabled=true}) the {@code QwenResponsesChatModel},
 * {@code QwenResponsesStreamingChatModel} and {@code QwenConversations} beans. Unset properties are not passed to the
 * builders, so the library's defaults apply.
 *
 * <pre>
 * langchain4j:
 *   qwen:
 *     api-key: ${DASHSCOPE_API_KEY:}
 *     region: singapore
 *     chat-model:
 *       model-name: qwen-plus
 *       temperature: 0.7
 * </pre>
 *
 * <p>Bound through its constructor (immutable); {@link #toString()} never shows the API key. The descriptions of the
 * {@code @param} tags below are the ones IDEs show, through the metadata spring-boot-configuration-processor
 * generates.
 *
 * @param apiKey Model Studio API key, usually "${DASHSCOPE_API_KEY:}". Without a key no Qwen model bean is created.
 *     Keys are bound to the region they were created in.
 * @param region Region whose endpoint to call: singapore (the default), us-virginia, china-beijing or hong-kong.
 *     Ignored when base-url is set.
 * @param workspace Workspace id (e.g. ws-a1b2c3d4e5f6, from the Workspace Details page of the Model Studio console):
 *     every bean calls the workspace's dedicated domain {WorkspaceId}.{region}.maas.aliyuncs.com, which Model Studio
 *     recommends over the shared one; it accepts only that workspace's API keys. Not together with base-url; a named
 *     model that sets its own region or base-url does not use it.
 * @param baseUrl Compatible-mode base URL, e.g. a proxy or a test server, such as
 *     "https://dashscope-intl.aliyuncs.com/compatible-mode/v1". Wins over region.
 * @param timeout Read timeout of each call; for streams, the longest silence between two events. Default 60s.
 * @param maxRetries Retries after a rate limit (429), a server error (5xx), a timeout or a connection failure, with
 *     exponential backoff. Default 2.
 * @param maxConcurrentCalls At most this many Qwen calls at once, shared by every bean calling the same host; a call
 *     beyond it waits, and its wait counts toward its timeout. Default: no limit, every call and stream starts at once.
 * @param logRequests Whether to log each request at INFO through SLF4J (the API key is redacted). Default false.
 * @param logResponses Whether to log each response and stream event at INFO through SLF4J (the API key is
 *     redacted). Default false.
 * @param chatModel Options of the QwenChatModel and QwenStreamingChatModel beans.
 * @param embeddingModel Options of the QwenEmbeddingModel bean (needs qwen-langchain4j-embeddings).
 * @param responsesModel Options of the QwenResponsesChatModel and QwenResponsesStreamingChatModel beans (Responses
 *     API); off unless responses-model.enabled is true.
 * @param scoringModel Options of the QwenScoringModel bean (re-ranking, e.g. for ReRankingContentAggregator).
 * @param proxy HTTP(S) or SOCKS proxy every Qwen bean goes through, with optional Basic credentials for an HTTP proxy.
 * @param chatModels Further chat models by name, each giving a QwenChatModel bean named NAMEChatModel and a
 *     QwenStreamingChatModel bean named NAMEStreamingChatModel (e.g. chat-models.router gives routerChatModel); same
 *     options as chat-model, plus api-key, region, base-url, timeout, max-retries, log-requests and log-responses
 *     overriding the shared ones. The chat-model beans stay the @Primary ones.
 * @param embeddingModels Further embedding models by name, each giving a QwenEmbeddingModel bean named
 *     NAMEEmbeddingModel; same options as embedding-model, plus the connection overrides of chat-models.
 */
@ConfigurationProperties(QwenProperties.PREFIX)
public record QwenProperties(
        String apiKey,
        QwenRegion region,
        String workspace,
        String baseUrl,
        Duration timeout,
        Integer maxRetries,
        Integer maxConcurrentCalls,
        Boolean logRequests,
        Boolean logResponses,
        @DefaultValue ChatModel chatModel,
        @DefaultValue EmbeddingModel embeddingModel,
        @DefaultValue ResponsesModel responsesModel,
        @DefaultValue ScoringModel scoringModel,
        @DefaultValue Proxy proxy,
        Map<String, ChatModel> chatModels,
        Map<String, EmbeddingModel> embeddingModels) {

    /** The prefix of every Qwen property. */
    public static final String PREFIX = "langchain4j.qwen";

    /**
     * Binds the properties; a {@code null} chat, embedding or Responses model section, as only a direct call can
     * give, gets its defaults.
     *
     * @param apiKey the value of {@code langchain4j.qwen.api-key}
     * @param region the value of {@code langchain4j.qwen.region}
     * @param workspace the value of {@code langchain4j.qwen.workspace}
     * @param baseUrl the value of {@code langchain4j.qwen.base-url}
     * @param timeout the value of {@code langchain4j.qwen.timeout}
     * @param maxRetries the value of {@code langchain4j.qwen.max-retries}
     * @param maxConcurrentCalls the value of {@code langchain4j.qwen.max-concurrent-calls}
     * @param logRequests the value of {@code langchain4j.qwen.log-requests}
     * @param logResponses the value of {@code langchain4j.qwen.log-responses}
     * @param chatModel the {@code langchain4j.qwen.chat-model.*} section
     * @param embeddingModel the {@code langchain4j.qwen.embedding-model.*} section
     * @param responsesModel the {@code langchain4j.qwen.responses-model.*} section
     * @param scoringModel the {@code langchain4j.qwen.scoring-model.*} section
     * @param proxy the {@code langchain4j.qwen.proxy.*} section
     * @param chatModels the {@code langchain4j.qwen.chat-models.*} sections, by name
     * @param embeddingModels the {@code langchain4j.qwen.embedding-models.*} sections, by name
     */
    public QwenProperties {
        chatModel = chatModel != null ? chatModel : ChatModel.DEFAULTS;
        embeddingModel = embeddingModel != null ? embeddingModel : EmbeddingModel.DEFAULTS;
        responsesModel = responsesModel != null ? responsesModel : ResponsesModel.DEFAULTS;
        scoringModel = scoringModel != null ? scoringModel : ScoringModel.DEFAULTS;
        proxy = proxy != null ? proxy : Proxy.NONE;
        chatModels = copy(chatModels);
        embeddingModels = copy(embeddingModels);
    }

    /**
     * Shows every property but the API key, which appears as {@code ***} when set.
     *
     * @return the properties, without the API key
     */
    @Override
    public String toString() {
        return "QwenProperties{apiKey=" + (apiKey == null ? "null" : "***") + ", region=" + region + ", workspace="
                + workspace + ", baseUrl="
                + baseUrl + ", timeout=" + timeout + ", maxRetries=" + maxRetries + ", maxConcurrentCalls="
                + maxConcurrentCalls + ", logRequests=" + logRequests
                + ", logResponses=" + logResponses + ", chatModel=" + chatModel + ", embeddingModel="
                + embeddingModel + ", responsesModel=" + responsesModel + ", scoringModel=" + scoringModel + ", proxy="
                + proxy + ", chatModels=" + chatModels + ", embeddingModels=" + embeddingModels + '}';
    }

    /**
     * {@code langchain4j.qwen.proxy.*}: the proxy every Qwen bean goes through. HTTPS calls pass an HTTP proxy
     * through a CONNECT tunnel, so the proxy sees neither the API key nor the conversation.
     *
     * @param type Proxy type: http (the default) or socks; direct to bypass a proxy the JVM would otherwise use.
     * @param host Host name or address of the proxy; no proxy when unset.
     * @param port Port of the proxy; required with host.
     * @param username User for an HTTP proxy that asks for Basic authentication (407); sent to the proxy only.
     * @param password Password of that user; never logged, masked in /actuator/configprops and /actuator/env.
     */
    public record Proxy(java.net.Proxy.Type type, String host, Integer port, String username, String password) {

        static final Proxy NONE = new Proxy(null, null, null, null, null);

        /**
         * Binds the proxy options.
         *
         * @param type the value of {@code langchain4j.qwen.proxy.type}
         * @param host the value of {@code langchain4j.qwen.proxy.host}
         * @param port the value of {@code langchain4j.qwen.proxy.port}
         * @param username the value of {@code langchain4j.qwen.proxy.username}
         * @param password the value of {@code langchain4j.qwen.proxy.password}
         */
        public Proxy {}

        /**
         * Shows every option but the password, which appears as {@code ***} when set.
         *
         * @return the options, without the password
         */
        @Override
        public String toString() {
            return "Proxy{type=" + type + ", host=" + host + ", port=" + port + ", username=" + username + ", password="
                    + (password == null ? "null" : "***") + '}';
        }
    }

    /**
     * {@code langchain4j.qwen.chat-model.*}: the defaults of the chat and streaming chat models.
     *
     * @param enabled Whether to create the QwenChatModel and QwenStreamingChatModel beans (when an API key is set).
     * @param modelName Model name, e.g. qwen-plus (the default), qwen-max, qwen-flash, qwen3-max, qwq-plus,
     *     qwen-vl-max.
     * @param temperature Sampling temperature, from 0 (inclusive) to 2 (exclusive).
     * @param topP Nucleus sampling threshold (top_p), from 0 (exclusive) to 1 (inclusive).
     * @param topK Sampling from the k most likely tokens (top_k); a Qwen option that OpenAI does not have.
     * @param maxTokens Maximum number of output tokens (max_tokens). From qwen4-max-preview on it limits reasoning and
     *     answer together; on earlier models the answer alone or both, by model and thinking budget.
     * @param maxCompletionTokens Maximum number of reasoning and answer tokens together (max_completion_tokens),
     *     instead of max-tokens (set one of the two).
     * @param stop Stop sequences (stop): generation ends before any of them.
     * @param seed Random seed (seed), for more reproducible answers.
     * @param presencePenalty Presence penalty (presence_penalty), from -2.0 to 2.0; positive values favour new topics.
     * @param repetitionPenalty Repetition penalty (repetition_penalty), greater than 0; 1.0 means no penalty.
     * @param enableThinking Thinking mode of hybrid models such as qwen-plus and qwen3 (enable_thinking). When on,
     *     the chat model streams internally, because Qwen refuses non-streaming calls while thinking.
     * @param thinkingBudget Maximum number of tokens spent on thinking (thinking_budget); positive.
     * @param reasoningEffort How hard the model thinks (reasoning_effort), on Qwen3.8 and later (e.g. qwen3.8-max):
     *     none, minimal, low, medium, high, xhigh or max; none switches thinking off. Other known models refuse it.
     * @param preserveThinking Whether the reasoning of earlier turns stays in the model's context
     *     (preserve_thinking), on Qwen3.5 and later (e.g. qwen3.6-plus); earlier thinking is then sent back as
     *     reasoning_content. Other known models refuse it.
     * @param enableSearch Whether the model may search the web (enable_search).
     * @param searchOptions Options of web search (search_options).
     * @param vlHighResolutionImages High-resolution image input for vision models (vl_high_resolution_images).
     * @param enableCodeInterpreter Whether the built-in code interpreter may be used (enable_code_interpreter).
     * @param parallelToolCalls Whether several tools may be called at once (parallel_tool_calls); Qwen's default is
     *     false.
     * @param sendThinking Whether the thinking of earlier assistant messages is sent back as reasoning_content.
     *     Default false (it costs input tokens and most models ignore it).
     * @param customParameters Extra top-level JSON fields for every request; they win over the typed options of the
     *     same name. Keys are sent as written; a dot nests an object unless the key is in brackets ("[a.b]"). Values
     *     from .properties files are strings; YAML keeps numbers, booleans, lists and nested objects.
     * @param customHeaders Extra HTTP headers for every chat request.
     * @param cacheSystemMessages Whether the system instructions are marked for Qwen's explicit context cache
     *     (cache_control on the system message): later requests starting with the same instructions read them at 10%
     *     of the input price. Default false.
     * @param cacheConversation Whether the last message of each request is marked for Qwen's explicit context cache,
     *     so that the next turn reads the history before it from the cache. Default false.
     * @param audioOutput Spoken answers of Qwen-Omni models (modalities ["text","audio"] and audio {voice, format}).
     */
    public record ChatModel(
            @DefaultValue("true") boolean enabled,
            String modelName,
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
            @DefaultValue SearchOptions searchOptions,
            Boolean vlHighResolutionImages,
            Boolean enableCodeInterpreter,
            Boolean parallelToolCalls,
            Boolean sendThinking,
            Map<String, Object> customParameters,
            Map<String, String> customHeaders,
            Boolean cacheSystemMessages,
            Boolean cacheConversation,
            @DefaultValue AudioOutput audioOutput) {

        static final ChatModel DEFAULTS = new ChatModel(
                true, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null);

        /**
         * Binds the chat model options; the lists and maps are copied, unmodifiable and in their order. Unset maps are
         * empty, an unset list stays {@code null} (and is not sent).
         *
         * @param enabled the value of {@code langchain4j.qwen.chat-model.enabled}
         * @param modelName the value of {@code langchain4j.qwen.chat-model.model-name}
         * @param temperature the value of {@code langchain4j.qwen.chat-model.temperature}
         * @param topP the value of {@code langchain4j.qwen.chat-model.top-p}
         * @param topK the value of {@code langchain4j.qwen.chat-model.top-k}
         * @param maxTokens the value of {@code langchain4j.qwen.chat-model.max-tokens}
         * @param maxCompletionTokens the value of {@code langchain4j.qwen.chat-model.max-completion-tokens}
         * @param stop the value of {@code langchain4j.qwen.chat-model.stop}
         * @param seed the value of {@code langchain4j.qwen.chat-model.seed}
         * @param presencePenalty the value of {@code langchain4j.qwen.chat-model.presence-penalty}
         * @param repetitionPenalty the value of {@code langchain4j.qwen.chat-model.repetition-penalty}
         * @param enableThinking the value of {@code langchain4j.qwen.chat-model.enable-thinking}
         * @param thinkingBudget the value of {@code langchain4j.qwen.chat-model.thinking-budget}
         * @param reasoningEffort the value of {@code langchain4j.qwen.chat-model.reasoning-effort}
         * @param preserveThinking the value of {@code langchain4j.qwen.chat-model.preserve-thinking}
         * @param enableSearch the value of {@code langchain4j.qwen.chat-model.enable-search}
         * @param searchOptions the {@code langchain4j.qwen.chat-model.search-options.*} section
         * @param vlHighResolutionImages the value of {@code langchain4j.qwen.chat-model.vl-high-resolution-images}
         * @param enableCodeInterpreter the value of {@code langchain4j.qwen.chat-model.enable-code-interpreter}
         * @param parallelToolCalls the value of {@code langchain4j.qwen.chat-model.parallel-tool-calls}
         * @param sendThinking the value of {@code langchain4j.qwen.chat-model.send-thinking}
         * @param customParameters the value of {@code langchain4j.qwen.chat-model.custom-parameters}
         * @param customHeaders the value of {@code langchain4j.qwen.chat-model.custom-headers}
         * @param cacheSystemMessages the value of {@code langchain4j.qwen.chat-model.cache-system-messages}
         * @param cacheConversation the value of {@code langchain4j.qwen.chat-model.cache-conversation}
         * @param audioOutput the {@code langchain4j.qwen.chat-model.audio-output.*} section
         */
        public ChatModel {
            stop = copy(stop);
            searchOptions = searchOptions != null ? searchOptions : SearchOptions.NONE;
            audioOutput = audioOutput != null ? audioOutput : AudioOutput.NONE;
            customParameters = copy(customParameters);
            customHeaders = copy(customHeaders);
        }

        /**
         * Shows every option; of the custom headers, whose values may be credentials, only the names.
         *
         * @return the options, without header values
         */
        @Override
        public String toString() {
            return "ChatModel{enabled=" + enabled + ", modelName=" + modelName + ", temperature=" + temperature
                    + ", topP=" + topP + ", topK=" + topK + ", maxTokens=" + maxTokens + ", maxCompletionTokens="
                    + maxCompletionTokens + ", stop=" + stop + ", seed=" + seed + ", presencePenalty=" + presencePenalty
                    + ", repetitionPenalty="
                    + repetitionPenalty + ", enableThinking=" + enableThinking + ", thinkingBudget=" + thinkingBudget
                    + ", reasoningEffort=" + reasoningEffort + ", preserveThinking=" + preserveThinking
                    + ", enableSearch=" + enableSearch + ", searchOptions=" + searchOptions
                    + ", vlHighResolutionImages=" + vlHighResolutionImages + ", enableCodeInterpreter="
                    + enableCodeInterpreter + ", parallelToolCalls=" + parallelToolCalls + ", sendThinking="
                    + sendThinking + ", customParameters=" + customParameters + ", customHeaders="
                    + customHeaders.keySet() + ", cacheSystemMessages=" + cacheSystemMessages + ", cacheConversation="
                    + cacheConversation + ", audioOutput=" + audioOutput + '}';
        }
    }

    /**
     * {@code langchain4j.qwen.chat-model.audio-output.*}: how a Qwen-Omni model speaks its answers (audio). Setting a
     * voice turns spoken answers on; models that answer in text only refuse it when called.
     *
     * @param voice Voice of the spoken answer (audio.voice), e.g. Cherry, Ethan, Serena or Chelsie (every Omni model);
     *     Qwen checks the voice against the model.
     * @param format Audio format (audio.format). Default wav (raw 16-bit PCM at 24 kHz, as Qwen sends it).
     */
    public record AudioOutput(String voice, String format) {

        static final AudioOutput NONE = new AudioOutput(null, null);

        /**
         * Binds the audio output options.
         *
         * @param voice the value of {@code langchain4j.qwen.chat-model.audio-output.voice}
         * @param format the value of {@code langchain4j.qwen.chat-model.audio-output.format}
         */
        public AudioOutput {}

        /** Whether no audio option is set. */
        boolean isEmpty() {
            return voice == null && format == null;
        }

        /**
         * Shows both options.
         *
         * @return the options
         */
        @Override
        public String toString() {
            return "AudioOutput{voice=" + voice + ", format=" + format + '}';
        }
    }

    /**
     * {@code langchain4j.qwen.chat-model.search-options.*}: options of web search (search_options).
     *
     * @param forcedSearch Whether the model must search, instead of deciding by itself (forced_search).
     * @param searchStrategy Search strategy (search_strategy): turbo (Qwen's default, fast), max (more sources), agent
     *     or agent_max.
     * @param enableSearchExtension Whether vertical-domain search extensions may be used (enable_search_extension).
     * @param freshness Only consider pages from the last this many days (freshness); Qwen accepts 7, 30, 180 and 365.
     * @param assignedSiteList Restrict the search to these sites (assigned_site_list).
     */
    public record SearchOptions(
            Boolean forcedSearch,
            String searchStrategy,
            Boolean enableSearchExtension,
            Integer freshness,
            List<String> assignedSiteList) {

        static final SearchOptions NONE = new SearchOptions(null, null, null, null, null);

        /**
         * Binds the search options; the site list is copied, unmodifiable. Unset, it stays {@code null} (and is not
         * sent).
         *
         * @param forcedSearch the value of {@code langchain4j.qwen.chat-model.search-options.forced-search}
         * @param searchStrategy the value of {@code langchain4j.qwen.chat-model.search-options.search-strategy}
         * @param enableSearchExtension the value of {@code langchain4j.qwen.chat-model.search-options.enable-search-extension}
         * @param freshness the value of {@code langchain4j.qwen.chat-model.search-options.freshness}
         * @param assignedSiteList the value of {@code langchain4j.qwen.chat-model.search-options.assigned-site-list}
         */
        public SearchOptions {
            assignedSiteList = copy(assignedSiteList);
        }

        /** Whether no search option is set. */
        boolean isEmpty() {
            return forcedSearch == null
                    && searchStrategy == null
                    && enableSearchExtension == null
                    && freshness == null
                    && assignedSiteList == null;
        }

        /**
         * Shows every option.
         *
         * @return the options
         */
        @Override
        public String toString() {
            return "SearchOptions{forcedSearch=" + forcedSearch + ", searchStrategy=" + searchStrategy
                    + ", enableSearchExtension=" + enableSearchExtension + ", freshness=" + freshness
                    + ", assignedSiteList=" + assignedSiteList + '}';
        }
    }

    /**
     * {@code langchain4j.qwen.embedding-model.*}: the embedding model (needs qwen-langchain4j-embeddings).
     *
     * @param enabled Whether to create the QwenEmbeddingModel bean (when an API key is set and the embeddings module
     *     is present).
     * @param modelName Model name: text-embedding-v4 (the default), text-embedding-v3, -v2 or -v1.
     * @param dimensions Vector size (dimensions). text-embedding-v4: 2048, 1536, 1024 (default), 768, 512, 256, 128 or
     *     64; v3: 1024, 768 or 512; v1/v2: 1536 only. Other values fail at startup.
     * @param maxSegmentsPerBatch Inputs per request; default and maximum from the model (10 for v3/v4, 25 for v1/v2).
     * @param maxConcurrentRequests Batches in flight at once per embedAll call. Default 8.
     * @param rateLimitPatience How long an embedAll call keeps retrying requests Qwen refuses with 429 while none of
     *     its requests succeeds (the requests are paced meanwhile). Default 2m; 0 retries 429s per max-retries only.
     * @param customHeaders Extra HTTP headers for every embedding request.
     */
    public record EmbeddingModel(
            @DefaultValue("true") boolean enabled,
            String modelName,
            Integer dimensions,
            Integer maxSegmentsPerBatch,
            Integer maxConcurrentRequests,
            Duration rateLimitPatience,
            Map<String, String> customHeaders) {

        static final EmbeddingModel DEFAULTS = new EmbeddingModel(true, null, null, null, null, null, null);

        /**
         * Binds the embedding model options; the custom headers are copied, unmodifiable and in their order. Unset,
         * they are empty.
         *
         * @param enabled the value of {@code langchain4j.qwen.embedding-model.enabled}
         * @param modelName the value of {@code langchain4j.qwen.embedding-model.model-name}
         * @param dimensions the value of {@code langchain4j.qwen.embedding-model.dimensions}
         * @param maxSegmentsPerBatch the value of {@code langchain4j.qwen.embedding-model.max-segments-per-batch}
         * @param maxConcurrentRequests the value of {@code langchain4j.qwen.embedding-model.max-concurrent-requests}
         * @param rateLimitPatience the value of {@code langchain4j.qwen.embedding-model.rate-limit-patience}
         * @param customHeaders the value of {@code langchain4j.qwen.embedding-model.custom-headers}
         */
        public EmbeddingModel {
            customHeaders = copy(customHeaders);
        }

        /**
         * Shows every option; of the custom headers, whose values may be credentials, only the names.
         *
         * @return the options, without header values
         */
        @Override
        public String toString() {
            return "EmbeddingModel{enabled=" + enabled + ", modelName=" + modelName + ", dimensions=" + dimensions
                    + ", maxSegmentsPerBatch=" + maxSegmentsPerBatch + ", maxConcurrentRequests="
                    + maxConcurrentRequests + ", rateLimitPatience=" + rateLimitPatience + ", customHeaders="
                    + customHeaders.keySet() + '}';
        }
    }

    /**
     * {@code langchain4j.qwen.responses-model.*}: the Responses API models (built-in tools such as web search and
     * the code interpreter, multi-turn by previous response id), which also give a QwenConversations bean.
     *
     * <p>Off by default: they are LangChain4j {@code ChatModel} and {@code StreamingChatModel}s too, and a second
     * bean of those types would make by-type lookups that demand exactly one (such as langchain4j-spring's
     * {@code @AiService} in its automatic wiring mode) ambiguous. When on, they are registered as {@code @Fallback}
     * beans, so that a plain {@code ChatModel} or {@code StreamingChatModel} injection point still gets the chat-model
     * (Chat Completions) bean, and a Responses model only when it is the only one; inject
     * {@code QwenResponsesChatModel} or {@code QwenResponsesStreamingChatModel} to get them.
     *
     * @param enabled Whether to create the QwenResponsesChatModel, QwenResponsesStreamingChatModel and
     *     QwenConversations beans (when an API key is set). Default false. Plain ChatModel and StreamingChatModel
     *     injection keeps getting the chat-model beans: the Responses beans are fallbacks.
     * @param modelName Model name, e.g. qwen3.5-plus (the default), qwen3.5-flash, qwen3-max, qwen3.6-plus, qwen-plus,
     *     qwen-flash; the Responses API serves fewer models than Chat Completions.
     * @param temperature Sampling temperature, from 0 (inclusive) to 2 (exclusive).
     * @param topP Nucleus sampling threshold (top_p), from 0 (exclusive) to 1 (inclusive).
     * @param maxTokens Maximum number of output tokens (max_output_tokens); Qwen requires at least 16.
     * @param enableThinking Thinking mode of hybrid models (enable_thinking). web_extractor needs it on.
     * @param reasoningEffort How hard the model thinks (reasoning.effort), which Qwen's Responses reference recommends
     *     over enable-thinking: none (no thinking), minimal, low, medium, high, xhigh or max; Qwen maps a level a model
     *     lacks to its nearest one.
     * @param builtInTools Built-in tools Qwen runs on its side in every request, by type: web_search, web_extractor
     *     (needs web_search beside it and thinking on), code_interpreter, web_search_image, image_search (needs an
     *     image in the input). Tools that need options (file_search, mcp) cannot be given here: define the models
     *     as your own beans with QwenBuiltInTool.fileSearch(...) or mcp(...).
     * @param store Whether Qwen stores the responses (store); Qwen's default is true, for 7 days. Continuing a
     *     response by its id needs them stored.
     * @param sessionCache Whether to enable Qwen's session cache (x-dashscope-session-cache: enable) for turns
     *     chained by previous response id: the cached context bills at 10 % of the input price, creating it at 125 %.
     *     Default false.
     * @param parallelToolCalls Whether several function tools may be called in one turn (parallel_tool_calls).
     * @param customParameters Extra top-level JSON fields for every request, e.g. reasoning.effort; they win over
     *     the typed options of the same name. Values from .properties files are strings; YAML keeps numbers,
     *     booleans, lists and nested objects.
     * @param customHeaders Extra HTTP headers for every Responses and Conversations request.
     */
    public record ResponsesModel(
            @DefaultValue("false") boolean enabled,
            String modelName,
            Double temperature,
            Double topP,
            Integer maxTokens,
            Boolean enableThinking,
            String reasoningEffort,
            List<String> builtInTools,
            Boolean store,
            Boolean sessionCache,
            Boolean parallelToolCalls,
            Map<String, Object> customParameters,
            Map<String, String> customHeaders) {

        static final ResponsesModel DEFAULTS =
                new ResponsesModel(false, null, null, null, null, null, null, null, null, null, null, null, null);

        /**
         * Binds the Responses model options; the list and maps are copied, unmodifiable and in their order. Unset
         * maps are empty, an unset tool list stays {@code null} (no built-in tools).
         *
         * @param enabled the value of {@code langchain4j.qwen.responses-model.enabled}
         * @param modelName the value of {@code langchain4j.qwen.responses-model.model-name}
         * @param temperature the value of {@code langchain4j.qwen.responses-model.temperature}
         * @param topP the value of {@code langchain4j.qwen.responses-model.top-p}
         * @param maxTokens the value of {@code langchain4j.qwen.responses-model.max-tokens}
         * @param enableThinking the value of {@code langchain4j.qwen.responses-model.enable-thinking}
         * @param reasoningEffort the value of {@code langchain4j.qwen.responses-model.reasoning-effort}
         * @param builtInTools the value of {@code langchain4j.qwen.responses-model.built-in-tools}
         * @param store the value of {@code langchain4j.qwen.responses-model.store}
         * @param sessionCache the value of {@code langchain4j.qwen.responses-model.session-cache}
         * @param parallelToolCalls the value of {@code langchain4j.qwen.responses-model.parallel-tool-calls}
         * @param customParameters the value of {@code langchain4j.qwen.responses-model.custom-parameters}
         * @param customHeaders the value of {@code langchain4j.qwen.responses-model.custom-headers}
         */
        public ResponsesModel {
            builtInTools = copy(builtInTools);
            customParameters = copy(customParameters);
            customHeaders = copy(customHeaders);
        }

        /**
         * Shows every option; of the custom headers, whose values may be credentials, only the names.
         *
         * @return the options, without header values
         */
        @Override
        public String toString() {
            return "ResponsesModel{enabled=" + enabled + ", modelName=" + modelName + ", temperature=" + temperature
                    + ", topP=" + topP + ", maxTokens=" + maxTokens + ", enableThinking=" + enableThinking
                    + ", reasoningEffort=" + reasoningEffort + ", builtInTools=" + builtInTools + ", store=" + store
                    + ", sessionCache=" + sessionCache
                    + ", parallelToolCalls=" + parallelToolCalls + ", customParameters=" + customParameters
                    + ", customHeaders=" + customHeaders.keySet() + '}';
        }
    }

    /**
     * {@code langchain4j.qwen.scoring-model.*}: the rerank model, a LangChain4j ScoringModel (Qwen's OpenAI-compatible
     * rerank API for qwen3-rerank, Model Studio's native text rerank API for the others; same key and host as the
     * other models).
     *
     * @param enabled Whether to create the QwenScoringModel bean (when an API key is set and the application defines
     *     no ScoringModel of its own).
     * @param modelName Model name: qwen3-rerank (the default), gte-rerank-v2 or qwen3-vl-rerank (both served in
     *     Beijing).
     * @param topN How many of the best segments QwenScoringModel.rerank returns (top_n); all when unset. scoreAll,
     *     which ReRankingContentAggregator uses, always scores every segment.
     * @param instruct qwen3-rerank's task instruction (instruct), in English, e.g. "Retrieve semantically similar
     *     text."; Qwen's default is question answering. Other models refuse it at startup.
     * @param maxDocumentsPerRequest Documents per request; default and maximum from the model (500 for qwen3-rerank
     *     and gte-rerank-v2, 100 for qwen3-vl-rerank). Longer lists are split over requests.
     * @param maxTokensPerRequest Tokens per request (query tokens x documents + document tokens); default from the
     *     model and the region: qwen3-rerank 120,000 in Singapore and 30,000 in Beijing, gte-rerank-v2 30,000,
     *     qwen3-vl-rerank 120,000 (on other hosts the smallest documented figure).
     * @param customHeaders Extra HTTP headers for every rerank request.
     * @param endpoint Which rerank API to call: compatible (POST /compatible-api/v1/reranks, the default for
     *     qwen3-rerank, the only model it serves) or native (POST /api/v1/services/rerank/text-rerank/text-rerank, the
     *     default for the other models).
     */
    public record ScoringModel(
            @DefaultValue("true") boolean enabled,
            String modelName,
            Integer topN,
            String instruct,
            Integer maxDocumentsPerRequest,
            Integer maxTokensPerRequest,
            Map<String, String> customHeaders,
            QwenRerankEndpoint endpoint) {

        static final ScoringModel DEFAULTS = new ScoringModel(true, null, null, null, null, null, null, null);

        /**
         * Binds the scoring model options; the custom headers are copied, unmodifiable and in their order. Unset,
         * they are empty.
         *
         * @param enabled the value of {@code langchain4j.qwen.scoring-model.enabled}
         * @param modelName the value of {@code langchain4j.qwen.scoring-model.model-name}
         * @param topN the value of {@code langchain4j.qwen.scoring-model.top-n}
         * @param instruct the value of {@code langchain4j.qwen.scoring-model.instruct}
         * @param maxDocumentsPerRequest the value of {@code langchain4j.qwen.scoring-model.max-documents-per-request}
         * @param maxTokensPerRequest the value of {@code langchain4j.qwen.scoring-model.max-tokens-per-request}
         * @param customHeaders the value of {@code langchain4j.qwen.scoring-model.custom-headers}
         * @param endpoint the value of {@code langchain4j.qwen.scoring-model.endpoint}
         */
        public ScoringModel {
            customHeaders = copy(customHeaders);
        }

        /**
         * Shows every option; of the custom headers, whose values may be credentials, only the names.
         *
         * @return the options, without header values
         */
        @Override
        public String toString() {
            return "ScoringModel{enabled=" + enabled + ", modelName=" + modelName + ", topN=" + topN + ", instruct="
                    + instruct + ", maxDocumentsPerRequest=" + maxDocumentsPerRequest + ", maxTokensPerRequest="
                    + maxTokensPerRequest + ", customHeaders=" + customHeaders.keySet() + ", endpoint=" + endpoint
                    + '}';
        }
    }

    /** An unmodifiable copy in the same order, {@code null} elements allowed; {@code null} stays {@code null}. */
    private static <T> List<T> copy(List<T> list) {
        return list == null ? null : Collections.unmodifiableList(new ArrayList<>(list));
    }

    /** An unmodifiable copy in the same order, {@code null} values allowed; {@code null} gives an empty map. */
    private static <V> Map<String, V> copy(Map<String, V> map) {
        return map == null || map.isEmpty()
                ? Collections.emptyMap()
                : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
