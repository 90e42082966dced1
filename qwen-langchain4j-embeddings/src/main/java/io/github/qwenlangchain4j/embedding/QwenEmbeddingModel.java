package io.github.qwenlangchain4j.embedding;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.message.ContentType;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.embedding.DimensionAwareEmbeddingModel;
import dev.langchain4j.model.embedding.listener.EmbeddingModelListener;
import dev.langchain4j.model.embedding.request.EmbeddingInput;
import dev.langchain4j.model.embedding.request.EmbeddingInputType;
import dev.langchain4j.model.embedding.request.EmbeddingParameter;
import dev.langchain4j.model.embedding.request.EmbeddingRequest;
import dev.langchain4j.model.embedding.request.EmbeddingRequestParameters;
import dev.langchain4j.model.embedding.response.EmbeddingResponse;
import dev.langchain4j.model.embedding.response.EmbeddingResponseMetadata;
import dev.langchain4j.model.output.Response;
import io.github.qwenlangchain4j.QwenConnectionBuilder;
import io.github.qwenlangchain4j.embedding.internal.BatchEmbedder;
import io.github.qwenlangchain4j.embedding.internal.EmbeddingModelSpec;
import io.github.qwenlangchain4j.internal.client.QwenClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A LangChain4j embedding model for Qwen's {@code text-embedding-*} models, built for RAG ingestion.
 *
 * <pre>{@code
 * EmbeddingModel model = QwenEmbeddingModel.builder()
 *         .apiKey(System.getenv("DASHSCOPE_API_KEY"))
 *         .dimensions(512)
 *         .build();
 * List<Embedding> vectors = model.embedAll(segments).content();
 * }</pre>
 *
 * <p>Qwen takes at most 10 inputs per request for text-embedding-v3/v4 (25 for v1/v2), so {@code embedAll}
 * splits its input into batches, sends up to {@link Builder#maxConcurrentRequests} of them at a time and returns
 * the vectors in input order with the token usage summed. Once 429s persist, the requests are started evenly at a
 * little under the rate that gets through (measured from the refusals among what was sent; the pace creeps up
 * slowly while nothing is refused), and the refused batch is retried for as long as the call makes progress
 * ({@link Builder#rateLimitPatience}), so an ingestion rides out Qwen's per-minute limits; other failures are
 * retried per {@code maxRetries}. If a batch still fails, the call fails with the mapped exception naming the inputs
 * that failed; no partial result is returned. {@code embed(EmbeddingRequest)} honours a per-request model name,
 * dimensions and {@linkplain dev.langchain4j.model.embedding.request.EmbeddingInputType input type}: {@code QUERY}
 * and {@code DOCUMENT} are Qwen's {@code text_type}, which only DashScope's native text embedding API takes, so such a
 * request goes there (same host, key and batching; see {@link #supportedParameters()}). The
 * {@link Builder#listeners listeners} hear every call, whichever method started it. Invalid input (a
 * null list, an empty or blank segment, a dimension the model does not offer) is refused before anything is sent.
 * Thread-safe; build once and share.
 */
public class QwenEmbeddingModel extends DimensionAwareEmbeddingModel {

    /** The model used when none is configured. */
    public static final String DEFAULT_MODEL_NAME = "text-embedding-v4";

    /**
     * Default number of batches in flight per call. Eight requests at once cut the wall time of a bulk ingestion
     * about eightfold while staying well inside the request quotas Model Studio accounts start with; above that,
     * 429s become likely, and the adaptive back-off then spends time recovering rather than embedding.
     */
    public static final int DEFAULT_MAX_CONCURRENT_REQUESTS = 8;

    /**
     * Default {@link Builder#rateLimitPatience}: two minutes without a single successful request. Qwen's request and
     * token limits are per minute, so a call that outlives one full window of refusals is not going to get through.
     */
    public static final Duration DEFAULT_RATE_LIMIT_PATIENCE = Duration.ofMinutes(2);

    private final QwenClient client;
    private final QwenClient nativeClient;
    private final String modelName;
    private final Integer dimensions;
    private final Integer maxSegmentsPerBatch;
    private final int maxConcurrentRequests;
    private final Duration rateLimitPatience;
    private final List<EmbeddingModelListener> listeners;

    private QwenEmbeddingModel(Builder builder, Supplier<QwenClient> newClient, Supplier<QwenClient> newNativeClient) {
        this.modelName = builder.modelName == null ? DEFAULT_MODEL_NAME : builder.modelName;
        if (modelName.isBlank()) {
            throw new IllegalArgumentException("modelName must be set, e.g. \"text-embedding-v4\"");
        }
        EmbeddingModelSpec spec = EmbeddingModelSpec.of(modelName);
        spec.checkDimension(modelName, builder.dimensions);
        this.dimensions = builder.dimensions;
        if (builder.maxSegmentsPerBatch != null) {
            checkBatchSize(modelName, spec, builder.maxSegmentsPerBatch);
        }
        this.maxSegmentsPerBatch = builder.maxSegmentsPerBatch;
        this.maxConcurrentRequests =
                builder.maxConcurrentRequests == null ? DEFAULT_MAX_CONCURRENT_REQUESTS : builder.maxConcurrentRequests;
        if (maxConcurrentRequests < 1) {
            throw new IllegalArgumentException(
                    "maxConcurrentRequests must be at least 1, but was " + maxConcurrentRequests);
        }
        this.rateLimitPatience =
                builder.rateLimitPatience == null ? DEFAULT_RATE_LIMIT_PATIENCE : builder.rateLimitPatience;
        if (rateLimitPatience.isNegative()) {
            throw new IllegalArgumentException(
                    "rateLimitPatience must be zero or positive, but was " + rateLimitPatience);
        }
        this.client = newClient.get(); // after the options: an invalid option is reported before a missing key
        this.nativeClient = newNativeClient.get();
        this.listeners = builder.listeners == null ? List.of() : List.copyOf(builder.listeners);
        this.dimension = dimensions != null ? dimensions : spec.defaultDimension();
    }

    /**
     * A builder; only {@link io.github.qwenlangchain4j.QwenConnectionBuilder#apiKey(String) apiKey} is required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Embeds every segment; see the class documentation for batching, concurrency and failure behaviour.
     *
     * @throws IllegalArgumentException when {@code textSegments} is null or contains a null, empty or blank segment
     */
    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> textSegments) {
        if (textSegments == null) {
            throw new IllegalArgumentException("textSegments must not be null");
        }
        for (int i = 0; i < textSegments.size(); i++) {
            if (textSegments.get(i) == null) {
                throw new IllegalArgumentException("textSegments[" + i + "] is null");
            }
        }
        return super.embedAll(textSegments);
    }

    /**
     * Refuses empty or blank text inputs, naming the index, before LangChain4j's listener handling runs: with
     * listeners attached it turns every input into a {@code TextSegment} first, which fails on blank text with a
     * message that does not say which input.
     */
    @Override
    public EmbeddingResponse embed(EmbeddingRequest request) {
        List<EmbeddingInput> inputs = request.inputs();
        for (int i = 0; i < inputs.size(); i++) {
            if (Set.of(ContentType.TEXT).equals(inputs.get(i).contentTypes())) {
                checkNotBlank(i, inputs.get(i).text());
            }
        }
        return super.embed(request);
    }

    @Override
    public EmbeddingResponse doEmbed(EmbeddingRequest request) {
        EmbeddingRequestParameters parameters = request.parameters();
        String model = parameters != null && parameters.modelName() != null ? parameters.modelName() : modelName;
        Integer requestedDimensions =
                parameters != null && parameters.dimensions() != null ? parameters.dimensions() : dimensions;
        EmbeddingModelSpec spec = EmbeddingModelSpec.of(model);
        spec.checkDimension(model, requestedDimensions);
        List<String> texts = texts(request.inputs());
        if (texts.isEmpty()) {
            return EmbeddingResponse.builder()
                    .embeddings(List.of())
                    .metadata(
                            EmbeddingResponseMetadata.builder().modelName(model).build())
                    .build();
        }
        // A configured batch size applies to any model, but never above what a known model of this request accepts.
        int batchSize = maxSegmentsPerBatch == null
                ? spec.maxInputsPerRequest()
                : spec.isKnown() ? Math.min(maxSegmentsPerBatch, spec.maxInputsPerRequest()) : maxSegmentsPerBatch;
        // text_type exists only in DashScope's native API: a request with an input type goes there
        EmbeddingInputType inputType = parameters == null ? null : parameters.inputType();
        BatchEmbedder embedder = inputType == null
                ? new BatchEmbedder(client, maxConcurrentRequests, rateLimitPatience)
                : new BatchEmbedder(
                        nativeClient,
                        maxConcurrentRequests,
                        rateLimitPatience,
                        inputType.name().toLowerCase(Locale.ROOT));
        BatchEmbedder.Result result = embedder.embed(model, requestedDimensions, texts, batchSize);
        return EmbeddingResponse.builder()
                .embeddings(result.embeddings())
                .metadata(EmbeddingResponseMetadata.builder()
                        .modelName(result.modelName() != null ? result.modelName() : model)
                        .tokenUsage(result.tokenUsage())
                        .build())
                .build();
    }

    private static List<String> texts(List<EmbeddingInput> inputs) {
        List<String> texts = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            String text = inputs.get(i).text();
            checkNotBlank(i, text);
            texts.add(text);
        }
        return texts;
    }

    private static void checkNotBlank(int index, String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("Input " + index + " is empty or blank; Qwen cannot embed it."
                    + " Remove empty segments before embedding.");
        }
    }

    private static void checkBatchSize(String modelName, EmbeddingModelSpec spec, int maxSegmentsPerBatch) {
        if (maxSegmentsPerBatch < 1) {
            throw new IllegalArgumentException(
                    "maxSegmentsPerBatch must be at least 1, but was " + maxSegmentsPerBatch);
        }
        if (spec.isKnown() && maxSegmentsPerBatch > spec.maxInputsPerRequest()) {
            throw new IllegalArgumentException("maxSegmentsPerBatch " + maxSegmentsPerBatch + " exceeds what "
                    + modelName + " accepts per request (" + spec.maxInputsPerRequest() + ")");
        }
    }

    /** The dimension without a request when the model or {@code dimensions} tells it; otherwise null. */
    @Override
    protected Integer knownDimension() {
        return dimension;
    }

    @Override
    public String modelName() {
        return modelName;
    }

    /**
     * Per-request model name, dimensions and input type are honoured. An input type ({@code QUERY} or
     * {@code DOCUMENT}) is Qwen's {@code text_type}, which only DashScope's native text embedding API takes
     * ({@code POST /api/v1/services/embeddings/text-embedding/text-embedding} on the same host and key): a request
     * with one is sent there, one without to compatible mode's {@code /embeddings}.
     */
    @Override
    public Set<EmbeddingParameter<?>> supportedParameters() {
        return Set.of(
                EmbeddingRequestParameters.MODEL_NAME,
                EmbeddingRequestParameters.DIMENSIONS,
                EmbeddingRequestParameters.INPUT_TYPE);
    }

    @Override
    public List<EmbeddingModelListener> listeners() {
        return listeners;
    }

    @Override
    public ModelProvider provider() {
        return ModelProvider.OTHER;
    }

    @Override
    public String toString() {
        return "QwenEmbeddingModel{modelName=" + modelName + ", dimensions=" + dimensions + ", baseUrl="
                + client.baseUrl() + ", apiKey=***}";
    }

    /** Builder of {@link QwenEmbeddingModel}: the connection settings, and the embedding options below. */
    public static final class Builder extends QwenConnectionBuilder<QwenEmbeddingModel, Builder> {

        private String modelName;
        private Integer dimensions;
        private Integer maxSegmentsPerBatch;
        private Integer maxConcurrentRequests;
        private Duration rateLimitPatience;
        private List<EmbeddingModelListener> listeners;

        private Builder() {}

        /**
         * The embedding model ({@code model}): {@code text-embedding-v4} (default), {@code -v3}, {@code -v2},
         * {@code -v1}, or any newer name.
         *
         * @param modelName the model name, or null for {@value QwenEmbeddingModel#DEFAULT_MODEL_NAME}
         * @return this builder
         */
        public Builder modelName(String modelName) {
            this.modelName = modelName;
            return this;
        }

        /**
         * Vector size ({@code dimensions}). v4: 2048, 1536, 1024 (default), 768, 512, 256, 128, 64; v3: 1024, 768,
         * 512; v1/v2: 1536 only. Other values are refused for these models when the model is built.
         *
         * @param dimensions one of the sizes the model offers, or null for the model's default
         * @return this builder
         */
        public Builder dimensions(Integer dimensions) {
            this.dimensions = dimensions;
            return this;
        }

        /**
         * Inputs per request; default and maximum from the model (10 for v3/v4, 25 for v1/v2, 10 if unknown).
         *
         * @param maxSegmentsPerBatch at least 1 and at most the model's maximum, or null for the maximum
         * @return this builder
         */
        public Builder maxSegmentsPerBatch(Integer maxSegmentsPerBatch) {
            this.maxSegmentsPerBatch = maxSegmentsPerBatch;
            return this;
        }

        /**
         * Batches in flight at once per call; default {@link QwenEmbeddingModel#DEFAULT_MAX_CONCURRENT_REQUESTS}.
         * Once 429s persist, the starts of requests are paced as well.
         *
         * @param maxConcurrentRequests at least 1, or null for the default
         * @return this builder
         */
        public Builder maxConcurrentRequests(Integer maxConcurrentRequests) {
            this.maxConcurrentRequests = maxConcurrentRequests;
            return this;
        }

        /**
         * How long a call keeps retrying the requests Qwen refuses with 429 ({@code limit_requests},
         * {@code limit_burst_rate}, {@code Throttling.*}) while none of its requests succeeds; default
         * {@link QwenEmbeddingModel#DEFAULT_RATE_LIMIT_PATIENCE}. Qwen's limits are per minute and come without
         * {@code Retry-After}, so an ingestion rides them out: refused batches are sent again, after a short pause
         * or at the pace, while the others go on, and the call fails only when no request has succeeded for this
         * long. {@link Duration#ZERO} retries 429s like other failures, per {@code maxRetries}.
         *
         * @param rateLimitPatience zero or more, or null for the default
         * @return this builder
         */
        public Builder rateLimitPatience(Duration rateLimitPatience) {
            this.rateLimitPatience = rateLimitPatience;
            return this;
        }

        /**
         * Listeners notified of every embedding request, response and error of the model.
         *
         * @param listeners the listeners, or null for none
         * @return this builder
         */
        public Builder listeners(List<EmbeddingModelListener> listeners) {
            this.listeners = listeners;
            return this;
        }

        /** Builds the model; fails when the API key is missing or an option is invalid for the model. */
        @Override
        public QwenEmbeddingModel build() {
            return new QwenEmbeddingModel(this, this::newClient, () -> newNativeClient(Map.of()));
        }
    }
}
