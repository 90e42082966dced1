package io.github.qwenlangchain4j.catalog;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.catalog.ModelCatalog;
import dev.langchain4j.model.catalog.ModelDescription;
import io.github.qwenlangchain4j.QwenConnectionBuilder;
import io.github.qwenlangchain4j.QwenRegion;
import io.github.qwenlangchain4j.internal.catalog.ModelPages;
import io.github.qwenlangchain4j.internal.client.QwenClient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * LangChain4j's {@link ModelCatalog} over Model Studio's "List models" API ({@code GET /api/v1/models},
 * alibabacloud.com/help/en/model-studio/list-models), same API key as chat:
 *
 * <pre>{@code
 * ModelCatalog catalog = QwenModelCatalog.builder()
 *         .apiKey(System.getenv("DASHSCOPE_API_KEY"))
 *         .build();
 * for (ModelDescription model : catalog.listModels()) {
 *     System.out.println(model.name() + " " + model.type() + " " + model.maxInputTokens());
 * }
 * }</pre>
 *
 * <p>{@link #listModels()} reads every page and returns each model once, in Qwen's order: its id as {@code name},
 * Qwen's display name and description, its author as {@code owner} ({@code qwen}, {@code deepseek}, ...), its kind
 * ({@code CHAT}, {@code EMBEDDING}, {@code IMAGE_GENERATION}, {@code AUDIO_TRANSCRIPTION}, {@code AUDIO_GENERATION},
 * {@code SCORING} for rerank models, {@code OTHER} for video and realtime models), its input and output token limits
 * and its release date. {@link #provider()} and every model's provider are {@link ModelProvider#OTHER}, as for the
 * chat models: LangChain4j has no value for Alibaba Cloud. Filters ({@link Builder#providers},
 * {@link Builder#capabilities}, {@link Builder#name}) narrow the list on Qwen's side.
 *
 * <p>The list lives on the native API's host ({@code https://<host>/api/v1/models}): the region's shared domain in
 * Singapore ({@code dashscope-intl.aliyuncs.com}), Hong Kong and US (Virginia), your {@code workspace}'s domain
 * ({@code https://{WorkspaceId}.{region}.maas.aliyuncs.com/api/v1/models}) anywhere, and a compatible-mode
 * {@code baseUrl} (a proxy, {@code QwenMockServer}) is mapped to {@code /api/v1} on its host. In China (Beijing)
 * Model Studio documents the list on workspace domains only, so that region needs {@code workspace(...)}: without
 * one, {@link #listModels()} fails before sending anything. Errors,
 * retries and logging (the key redacted) are those of the chat models. Thread-safe; build once and share.
 */
public class QwenModelCatalog implements ModelCatalog {

    /** The models asked for per page when none is configured. */
    public static final int DEFAULT_PAGE_SIZE = 100;

    private static final Set<String> LANGUAGES = Set.of("en-US", "zh-CN");

    private final QwenClient client;
    private final Map<String, List<String>> filters;
    private final int pageSize;
    private final String unservedHost;

    private QwenModelCatalog(Builder builder) {
        this.pageSize = builder.pageSize == null ? DEFAULT_PAGE_SIZE : builder.pageSize;
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be at least 1, but was " + pageSize);
        }
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (builder.name != null) {
            query.put("name", List.of(nonBlank("name", builder.name)));
        }
        if (builder.language != null) {
            String language = builder.language.strip();
            if (!LANGUAGES.contains(language)) {
                throw new IllegalArgumentException("language must be \"en-US\" or \"zh-CN\" (the values the List"
                        + " models API takes), but was \"" + builder.language + "\"");
            }
            query.put("language", List.of(language));
        }
        putAll(query, "providers", builder.providers);
        putAll(query, "capabilities", builder.capabilities);
        this.filters = Collections.unmodifiableMap(query); // in order, for readable logs
        this.client = builder.nativeClient(); // after the options: an invalid option is reported before a missing key
        // Refused when listing rather than here, so that an application built for Beijing without a workspace
        // (whose Spring context holds this catalog whether it uses it or not) still starts.
        this.unservedHost = client.baseUrl().equals(QwenRegion.CHINA_BEIJING.nativeBaseUrl())
                ? "Model Studio serves the model list in China (Beijing) on workspace domains only"
                        + " (https://{WorkspaceId}.cn-beijing.maas.aliyuncs.com/api/v1/models), not on "
                        + client.baseUrl() + "; set workspace(\"<your workspace id>\") as well as the region"
                        + " (langchain4j.qwen.workspace with Spring Boot)"
                : null;
    }

    private static void putAll(Map<String, List<String>> query, String name, List<String> values) {
        if (values == null || values.isEmpty()) {
            return;
        }
        List<String> checked = new ArrayList<>(values.size());
        for (String value : values) {
            checked.add(nonBlank(name, value));
        }
        query.put(name, List.copyOf(checked));
    }

    private static String nonBlank(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not hold a null or blank value; leave it unset for all");
        }
        return value.strip();
    }

    /**
     * A builder; only {@link QwenConnectionBuilder#apiKey(String) apiKey} is required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Every model Model Studio lists for this key (and the filters), reading all pages.
     *
     * @return the models, each once, in Qwen's order; empty when none matches
     * @throws IllegalStateException before any request, in China (Beijing) without a workspace
     * @throws dev.langchain4j.exception.AuthenticationException when the key is refused (e.g. from another region)
     * @throws RuntimeException another of LangChain4j's exceptions when the call fails, as for chat
     */
    @Override
    public List<ModelDescription> listModels() {
        if (unservedHost != null) {
            throw new IllegalStateException(unservedHost);
        }
        return ModelPages.readAll(client, filters, pageSize);
    }

    /**
     * The provider of this catalog.
     *
     * @return {@link ModelProvider#OTHER}, as for this library's chat models
     */
    @Override
    public ModelProvider provider() {
        return ModelProvider.OTHER;
    }

    @Override
    public String toString() {
        return "QwenModelCatalog{filters=" + filters + ", pageSize=" + pageSize + ", baseUrl=" + client.baseUrl()
                + ", apiKey=***}";
    }

    /** Builder of {@link QwenModelCatalog}: the connection settings, and the filters and paging below. */
    public static final class Builder extends QwenConnectionBuilder<QwenModelCatalog, Builder> {

        private Integer pageSize;
        private String name;
        private String language;
        private List<String> providers;
        private List<String> capabilities;

        private Builder() {}

        /**
         * The models asked for per request ({@code page_size}); {@link QwenModelCatalog#listModels()} reads every
         * page whatever the size.
         *
         * @param pageSize at least 1, or null for {@value QwenModelCatalog#DEFAULT_PAGE_SIZE}
         * @return this builder
         */
        public Builder pageSize(Integer pageSize) {
            this.pageSize = pageSize;
            return self();
        }

        /**
         * Lists only models whose name contains this text ({@code name}, a fuzzy search on Qwen's side).
         *
         * @param name e.g. {@code qwen3}; null for all
         * @return this builder
         */
        public Builder name(String name) {
            this.name = name;
            return self();
        }

        /**
         * The language of display names and descriptions ({@code language}).
         *
         * @param language {@code en-US} or {@code zh-CN}; null for Qwen's default
         * @return this builder
         */
        public Builder language(String language) {
            this.language = language;
            return self();
        }

        /**
         * Lists only the models of these authors ({@code providers}, sent once per value): e.g. {@code qwen},
         * {@code deepseek}, {@code zhipu-ai}, {@code moonshot-ai}, {@code mini-max}, {@code wan}.
         *
         * @param providers the authors; none for all
         * @return this builder
         */
        public Builder providers(String... providers) {
            this.providers = providers == null ? null : Arrays.asList(providers.clone());
            return self();
        }

        /**
         * Lists only models of these kinds ({@code capabilities}, sent once per value; a model of any of them is
         * listed): e.g. {@code TG} (text generation), {@code Reasoning}, {@code VU} (vision), {@code TR} (text
         * embedding), {@code ME} (multimodal embedding), {@code IG} (image), {@code ASR}, {@code TTS}.
         *
         * @param capabilities the kinds; none for all
         * @return this builder
         */
        public Builder capabilities(String... capabilities) {
            this.capabilities = capabilities == null ? null : Arrays.asList(capabilities.clone());
            return self();
        }

        private QwenClient nativeClient() {
            return newNativeClient(Map.of());
        }

        @Override
        public QwenModelCatalog build() {
            return new QwenModelCatalog(this);
        }
    }
}
