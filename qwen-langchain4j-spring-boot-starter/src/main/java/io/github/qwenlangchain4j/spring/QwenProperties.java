package io.github.qwenlangchain4j.spring;

import io.github.qwenlangchain4j.QwenRegion;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the Qwen models, bound from {@code langchain4j.qwen.*}. The connection properties at the top
 * level are shared by every model; {@code chat-model.*} configures both the {@code QwenChatModel} and the
 * {@code QwenStreamingChatModel} beans, {@code embedding-model.*} the {@code QwenEmbeddingModel} bean. Unset
 * properties are not passed to the builders, so the library's defaults apply.
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
 * <p>{@link #toString()} never shows the API key.
 */
@ConfigurationProperties(QwenProperties.PREFIX)
public class QwenProperties {

    /** The prefix of every Qwen property. */
    public static final String PREFIX = "langchain4j.qwen";

    /**
     * Model Studio API key, usually "${DASHSCOPE_API_KEY:}". Without a key no Qwen model bean is created. Keys are
     * bound to the region they were created in.
     */
    private String apiKey;

    /**
     * Region whose endpoint to call: singapore (the default), us-virginia, china-beijing or hong-kong. Ignored when
     * base-url is set.
     */
    private QwenRegion region;

    /**
     * Compatible-mode base URL, e.g. a proxy or a test server, such as
     * "https://dashscope-intl.aliyuncs.com/compatible-mode/v1". Wins over region.
     */
    private String baseUrl;

    /**
     * Read timeout of each call; for streams, the longest silence between two events. Default 60s.
     */
    private Duration timeout;

    /**
     * Retries after a rate limit (429), a server error (5xx), a timeout or a connection failure, with exponential
     * backoff. Default 2.
     */
    private Integer maxRetries;

    /** Whether to log each request at INFO through SLF4J (the API key is redacted). Default false. */
    private Boolean logRequests;

    /** Whether to log each response and stream event at INFO through SLF4J (the API key is redacted). Default false. */
    private Boolean logResponses;

    private final ChatModel chatModel = new ChatModel();

    private final EmbeddingModel embeddingModel = new EmbeddingModel();

    public String getApiKey() {
        return apiKey;
    }

    public void setApiKey(String apiKey) {
        this.apiKey = apiKey;
    }

    public QwenRegion getRegion() {
        return region;
    }

    public void setRegion(QwenRegion region) {
        this.region = region;
    }

    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    public Integer getMaxRetries() {
        return maxRetries;
    }

    public void setMaxRetries(Integer maxRetries) {
        this.maxRetries = maxRetries;
    }

    public Boolean getLogRequests() {
        return logRequests;
    }

    public void setLogRequests(Boolean logRequests) {
        this.logRequests = logRequests;
    }

    public Boolean getLogResponses() {
        return logResponses;
    }

    public void setLogResponses(Boolean logResponses) {
        this.logResponses = logResponses;
    }

    public ChatModel getChatModel() {
        return chatModel;
    }

    public EmbeddingModel getEmbeddingModel() {
        return embeddingModel;
    }

    /** Shows every property but the API key, which appears as {@code ***} when set. */
    @Override
    public String toString() {
        return "QwenProperties{apiKey=" + (apiKey == null ? "null" : "***") + ", region=" + region + ", baseUrl="
                + baseUrl + ", timeout=" + timeout + ", maxRetries=" + maxRetries + ", logRequests=" + logRequests
                + ", logResponses=" + logResponses + ", chatModel=" + chatModel + ", embeddingModel="
                + embeddingModel + '}';
    }

    /** {@code langchain4j.qwen.chat-model.*}: the defaults of the chat and streaming chat models. */
    public static class ChatModel {

        /** Whether to create the QwenChatModel and QwenStreamingChatModel beans (when an API key is set). */
        private boolean enabled = true;

        /** Model name, e.g. qwen-plus (the default), qwen-max, qwen-flash, qwen3-max, qwq-plus, qwen-vl-max. */
        private String modelName;

        /** Sampling temperature, from 0 (inclusive) to 2 (exclusive). */
        private Double temperature;

        /** Nucleus sampling threshold (top_p), from 0 (exclusive) to 1 (inclusive). */
        private Double topP;

        /** Sampling from the k most likely tokens (top_k); a Qwen option that OpenAI does not have. */
        private Integer topK;

        /** Maximum number of output tokens (max_tokens). */
        private Integer maxTokens;

        /** Stop sequences (stop): generation ends before any of them. */
        private List<String> stop;

        /** Random seed (seed), for more reproducible answers. */
        private Integer seed;

        /** Presence penalty (presence_penalty), from -2.0 to 2.0; positive values favour new topics. */
        private Double presencePenalty;

        /** Repetition penalty (repetition_penalty), greater than 0; 1.0 means no penalty. */
        private Double repetitionPenalty;

        /**
         * Thinking mode of hybrid models such as qwen-plus and qwen3 (enable_thinking). When on, the chat model
         * streams internally, because Qwen refuses non-streaming calls while thinking.
         */
        private Boolean enableThinking;

        /** Maximum number of tokens spent on thinking (thinking_budget); positive. */
        private Integer thinkingBudget;

        /** Whether the model may search the web (enable_search). */
        private Boolean enableSearch;

        private final SearchOptions searchOptions = new SearchOptions();

        /** High-resolution image input for vision models (vl_high_resolution_images). */
        private Boolean vlHighResolutionImages;

        /** Whether the built-in code interpreter may be used (enable_code_interpreter). */
        private Boolean enableCodeInterpreter;

        /** Whether several tools may be called at once (parallel_tool_calls); Qwen's default is false. */
        private Boolean parallelToolCalls;

        /**
         * Whether the thinking of earlier assistant messages is sent back as reasoning_content. Default false (it
         * costs input tokens and most models ignore it).
         */
        private Boolean sendThinking;

        /**
         * Extra top-level JSON fields for every request; they win over the typed options of the same name. Keys are
         * sent as written; a dot nests an object unless the key is in brackets ("[a.b]"). Values from .properties
         * files are strings; YAML keeps numbers, booleans, lists and nested objects.
         */
        private Map<String, Object> customParameters = new LinkedHashMap<>();

        /** Extra HTTP headers for every chat request. */
        private Map<String, String> customHeaders = new LinkedHashMap<>();

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getModelName() {
            return modelName;
        }

        public void setModelName(String modelName) {
            this.modelName = modelName;
        }

        public Double getTemperature() {
            return temperature;
        }

        public void setTemperature(Double temperature) {
            this.temperature = temperature;
        }

        public Double getTopP() {
            return topP;
        }

        public void setTopP(Double topP) {
            this.topP = topP;
        }

        public Integer getTopK() {
            return topK;
        }

        public void setTopK(Integer topK) {
            this.topK = topK;
        }

        public Integer getMaxTokens() {
            return maxTokens;
        }

        public void setMaxTokens(Integer maxTokens) {
            this.maxTokens = maxTokens;
        }

        public List<String> getStop() {
            return stop;
        }

        public void setStop(List<String> stop) {
            this.stop = stop;
        }

        public Integer getSeed() {
            return seed;
        }

        public void setSeed(Integer seed) {
            this.seed = seed;
        }

        public Double getPresencePenalty() {
            return presencePenalty;
        }

        public void setPresencePenalty(Double presencePenalty) {
            this.presencePenalty = presencePenalty;
        }

        public Double getRepetitionPenalty() {
            return repetitionPenalty;
        }

        public void setRepetitionPenalty(Double repetitionPenalty) {
            this.repetitionPenalty = repetitionPenalty;
        }

        public Boolean getEnableThinking() {
            return enableThinking;
        }

        public void setEnableThinking(Boolean enableThinking) {
            this.enableThinking = enableThinking;
        }

        public Integer getThinkingBudget() {
            return thinkingBudget;
        }

        public void setThinkingBudget(Integer thinkingBudget) {
            this.thinkingBudget = thinkingBudget;
        }

        public Boolean getEnableSearch() {
            return enableSearch;
        }

        public void setEnableSearch(Boolean enableSearch) {
            this.enableSearch = enableSearch;
        }

        public SearchOptions getSearchOptions() {
            return searchOptions;
        }

        public Boolean getVlHighResolutionImages() {
            return vlHighResolutionImages;
        }

        public void setVlHighResolutionImages(Boolean vlHighResolutionImages) {
            this.vlHighResolutionImages = vlHighResolutionImages;
        }

        public Boolean getEnableCodeInterpreter() {
            return enableCodeInterpreter;
        }

        public void setEnableCodeInterpreter(Boolean enableCodeInterpreter) {
            this.enableCodeInterpreter = enableCodeInterpreter;
        }

        public Boolean getParallelToolCalls() {
            return parallelToolCalls;
        }

        public void setParallelToolCalls(Boolean parallelToolCalls) {
            this.parallelToolCalls = parallelToolCalls;
        }

        public Boolean getSendThinking() {
            return sendThinking;
        }

        public void setSendThinking(Boolean sendThinking) {
            this.sendThinking = sendThinking;
        }

        public Map<String, Object> getCustomParameters() {
            return customParameters;
        }

        public void setCustomParameters(Map<String, Object> customParameters) {
            this.customParameters = customParameters;
        }

        public Map<String, String> getCustomHeaders() {
            return customHeaders;
        }

        public void setCustomHeaders(Map<String, String> customHeaders) {
            this.customHeaders = customHeaders;
        }

        @Override
        public String toString() {
            return "ChatModel{enabled=" + enabled + ", modelName=" + modelName + ", temperature=" + temperature
                    + ", topP=" + topP + ", topK=" + topK + ", maxTokens=" + maxTokens + ", stop=" + stop
                    + ", seed=" + seed + ", presencePenalty=" + presencePenalty + ", repetitionPenalty="
                    + repetitionPenalty + ", enableThinking=" + enableThinking + ", thinkingBudget=" + thinkingBudget
                    + ", enableSearch=" + enableSearch + ", searchOptions=" + searchOptions
                    + ", vlHighResolutionImages=" + vlHighResolutionImages + ", enableCodeInterpreter="
                    + enableCodeInterpreter + ", parallelToolCalls=" + parallelToolCalls + ", sendThinking="
                    + sendThinking + ", customParameters=" + customParameters + ", customHeaders="
                    + headerNames(customHeaders) + '}';
        }
    }

    /** Header values may be credentials: only the names are shown. */
    static Object headerNames(Map<String, String> headers) {
        return headers == null ? null : headers.keySet();
    }

    /** {@code langchain4j.qwen.chat-model.search-options.*}: options of web search (search_options). */
    public static class SearchOptions {

        /** Whether the model must search, instead of deciding by itself (forced_search). */
        private Boolean forcedSearch;

        /** Search strategy (search_strategy): turbo (Qwen's default, fast), max (more sources), agent or agent_max. */
        private String searchStrategy;

        /** Whether vertical-domain search extensions may be used (enable_search_extension). */
        private Boolean enableSearchExtension;

        /** Only consider pages from the last this many days (freshness); Qwen accepts 7, 30, 180 and 365. */
        private Integer freshness;

        /** Restrict the search to these sites (assigned_site_list). */
        private List<String> assignedSiteList;

        public Boolean getForcedSearch() {
            return forcedSearch;
        }

        public void setForcedSearch(Boolean forcedSearch) {
            this.forcedSearch = forcedSearch;
        }

        public String getSearchStrategy() {
            return searchStrategy;
        }

        public void setSearchStrategy(String searchStrategy) {
            this.searchStrategy = searchStrategy;
        }

        public Boolean getEnableSearchExtension() {
            return enableSearchExtension;
        }

        public void setEnableSearchExtension(Boolean enableSearchExtension) {
            this.enableSearchExtension = enableSearchExtension;
        }

        public Integer getFreshness() {
            return freshness;
        }

        public void setFreshness(Integer freshness) {
            this.freshness = freshness;
        }

        public List<String> getAssignedSiteList() {
            return assignedSiteList;
        }

        public void setAssignedSiteList(List<String> assignedSiteList) {
            this.assignedSiteList = assignedSiteList;
        }

        /** Whether any search option is set. */
        boolean isEmpty() {
            return forcedSearch == null && searchStrategy == null && enableSearchExtension == null && freshness == null
                    && assignedSiteList == null;
        }

        @Override
        public String toString() {
            return "SearchOptions{forcedSearch=" + forcedSearch + ", searchStrategy=" + searchStrategy
                    + ", enableSearchExtension=" + enableSearchExtension + ", freshness=" + freshness
                    + ", assignedSiteList=" + assignedSiteList + '}';
        }
    }

    /** {@code langchain4j.qwen.embedding-model.*}: the embedding model (needs qwen-langchain4j-embeddings). */
    public static class EmbeddingModel {

        /** Whether to create the QwenEmbeddingModel bean (when an API key is set and the embeddings module is present). */
        private boolean enabled = true;

        /** Model name: text-embedding-v4 (the default), text-embedding-v3, -v2 or -v1. */
        private String modelName;

        /**
         * Vector size (dimensions). text-embedding-v4: 2048, 1536, 1024 (default), 768, 512, 256, 128 or 64; v3: 1024,
         * 768 or 512; v1/v2: 1536 only. Other values fail at startup.
         */
        private Integer dimensions;

        /** Inputs per request; default and maximum from the model (10 for v3/v4, 25 for v1/v2). */
        private Integer maxSegmentsPerBatch;

        /** Batches in flight at once per embedAll call. Default 8. */
        private Integer maxConcurrentRequests;

        /** Extra HTTP headers for every embedding request. */
        private Map<String, String> customHeaders = new LinkedHashMap<>();

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getModelName() {
            return modelName;
        }

        public void setModelName(String modelName) {
            this.modelName = modelName;
        }

        public Integer getDimensions() {
            return dimensions;
        }

        public void setDimensions(Integer dimensions) {
            this.dimensions = dimensions;
        }

        public Integer getMaxSegmentsPerBatch() {
            return maxSegmentsPerBatch;
        }

        public void setMaxSegmentsPerBatch(Integer maxSegmentsPerBatch) {
            this.maxSegmentsPerBatch = maxSegmentsPerBatch;
        }

        public Integer getMaxConcurrentRequests() {
            return maxConcurrentRequests;
        }

        public void setMaxConcurrentRequests(Integer maxConcurrentRequests) {
            this.maxConcurrentRequests = maxConcurrentRequests;
        }

        public Map<String, String> getCustomHeaders() {
            return customHeaders;
        }

        public void setCustomHeaders(Map<String, String> customHeaders) {
            this.customHeaders = customHeaders;
        }

        @Override
        public String toString() {
            return "EmbeddingModel{enabled=" + enabled + ", modelName=" + modelName + ", dimensions=" + dimensions
                    + ", maxSegmentsPerBatch=" + maxSegmentsPerBatch + ", maxConcurrentRequests="
                    + maxConcurrentRequests + ", customHeaders=" + headerNames(customHeaders) + '}';
        }
    }
}
