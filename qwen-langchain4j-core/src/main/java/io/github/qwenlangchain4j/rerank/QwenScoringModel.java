package io.github.qwenlangchain4j.rerank;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.TokenCountEstimator;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.scoring.ScoringModel;
import io.github.qwenlangchain4j.QwenConnectionBuilder;
import io.github.qwenlangchain4j.internal.client.QwenClient;
import io.github.qwenlangchain4j.internal.rerank.RerankModelSpec;
import io.github.qwenlangchain4j.internal.rerank.RerankTokens;
import io.github.qwenlangchain4j.internal.rerank.Reranker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A LangChain4j scoring model for Qwen's rerank models, same API key as chat: qwen3-rerank through the
 * OpenAI-compatible rerank API ({@code POST /compatible-api/v1/reranks}), the others through Model Studio's native
 * text rerank API ({@code POST /api/v1/services/rerank/text-rerank/text-rerank}); {@link Builder#endpoint} picks
 * one ({@link QwenRerankEndpoint}). Use it to re-rank retrieved content in a RAG pipeline:
 *
 * <pre>{@code
 * ScoringModel scoringModel = QwenScoringModel.builder()
 *         .apiKey(System.getenv("DASHSCOPE_API_KEY"))
 *         .build();
 * ContentAggregator aggregator = ReRankingContentAggregator.builder()
 *         .scoringModel(scoringModel)
 *         .minScore(0.5)
 *         .build();
 * }</pre>
 *
 * <p>{@link #scoreAll} returns one score per segment, in input order. Qwen takes at most 500 documents per request
 * (100 for qwen3-vl-rerank) and a limited number of tokens per request ({@code query tokens x documents + document
 * tokens}: for qwen3-rerank 120,000 in Singapore and 30,000 in Beijing, 30,000 for gte-rerank-v2, 120,000 for
 * qwen3-vl-rerank), so a long list is split over several requests, sent one after the other; the scores of a
 * query-document pair do not depend on the other documents, and the token usage is summed. Tokens are counted with
 * Qwen's own tokenizer when {@code qwen-langchain4j-tokenizer} is on the class path, else estimated locally on the
 * high side (every digit a token), unless {@link Builder#tokenCountEstimator} gives an estimator. A request Qwen still
 * refuses for its size is split in halves and sent again; a segment Qwen refuses even alone fails the call with an
 * error naming it. {@link #rerank} returns the {@link Builder#topN} best segments instead, best first.
 *
 * <p>Both APIs live on the same host as compatible mode: {@code region} picks it
 * ({@link io.github.qwenlangchain4j.QwenRegion#compatibleApiBaseUrl()},
 * {@link io.github.qwenlangchain4j.QwenRegion#nativeBaseUrl()}), and a compatible-mode {@code baseUrl} (a proxy,
 * {@code QwenMockServer}) is mapped to the endpoint's base on its host; the per-request limit follows the host's
 * region (the smallest documented one for other hosts). qwen3-rerank is served in Singapore and Beijing,
 * gte-rerank-v2 and qwen3-vl-rerank in Beijing. Errors, retries and logging (the key redacted) are those of the
 * chat models. Invalid input (a null or blank query, a null segment, {@code instruct} for a model that does
 * not take it, the compatible endpoint for a model it does not serve) is refused before anything is sent.
 * Thread-safe; build once and share.
 */
public class QwenScoringModel implements ScoringModel {

    /** The model used when none is configured. */
    public static final String DEFAULT_MODEL_NAME = "qwen3-rerank";

    private final QwenClient client;
    private final String modelName;
    private final Integer topN;
    private final String instruct;
    private final QwenRerankEndpoint endpoint;
    private final Reranker reranker;

    private QwenScoringModel(Builder builder, Function<QwenRerankEndpoint, QwenClient> newClient) {
        this.modelName = builder.modelName == null ? DEFAULT_MODEL_NAME : builder.modelName.strip();
        if (modelName.isEmpty()) {
            throw new IllegalArgumentException("modelName must not be blank, e.g. \"qwen3-rerank\"");
        }
        RerankModelSpec spec = RerankModelSpec.of(modelName, ""); // the limits every region accepts
        this.instruct = builder.instruct;
        if (instruct != null && instruct.isBlank()) {
            throw new IllegalArgumentException(
                    "instruct must not be blank; leave it unset for qwen3-rerank's default" + " (question answering)");
        }
        if (instruct != null && !spec.supportsInstruct()) {
            throw new IllegalArgumentException("instruct is only supported by qwen3-rerank, not by " + modelName
                    + "; remove it or use qwen3-rerank");
        }
        this.topN = builder.topN;
        if (topN != null && topN < 1) {
            throw new IllegalArgumentException("topN must be at least 1, but was " + topN);
        }
        this.endpoint = builder.endpoint != null
                ? builder.endpoint
                : spec.compatibleEndpoint() ? QwenRerankEndpoint.COMPATIBLE : QwenRerankEndpoint.NATIVE;
        if (endpoint == QwenRerankEndpoint.COMPATIBLE && spec.isKnown() && !spec.compatibleEndpoint()) {
            throw new IllegalArgumentException("the compatible rerank endpoint (/compatible-api/v1/reranks) serves"
                    + " qwen3-rerank only, not " + modelName + "; use endpoint(QwenRerankEndpoint.NATIVE)");
        }
        int maxDocuments =
                limit("maxDocumentsPerRequest", builder.maxDocumentsPerRequest, spec.maxDocumentsPerRequest(), spec);
        limit("maxTokensPerRequest", builder.maxTokensPerRequest, spec.maxTokensPerRequest(), null);
        this.client =
                newClient.apply(endpoint); // after the options: an invalid option is reported before a missing key
        RerankModelSpec served = RerankModelSpec.of(modelName, client.baseUrl()); // the limits of the host's region
        int maxTokens =
                builder.maxTokensPerRequest != null ? builder.maxTokensPerRequest : served.maxTokensPerRequest();
        TokenCountEstimator estimator = builder.tokenCountEstimator;
        this.reranker = new Reranker(
                client,
                endpoint == QwenRerankEndpoint.COMPATIBLE,
                modelName,
                served,
                instruct,
                maxDocuments,
                maxTokens,
                RerankTokens.counter(estimator, QwenScoringModel.class.getClassLoader()));
    }

    /** A configured limit, at least 1 and, for a known model's documents, at most what it accepts. */
    private static int limit(String name, Integer configured, int documented, RerankModelSpec spec) {
        if (configured == null) {
            return documented;
        }
        if (configured < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, but was " + configured);
        }
        if (spec != null && spec.isKnown() && configured > documented) {
            throw new IllegalArgumentException(
                    name + " " + configured + " exceeds what the model accepts per" + " request (" + documented + ")");
        }
        return configured;
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
     * Scores every segment against the query, splitting long lists over several requests.
     *
     * @param segments the segments to score
     * @param query    the query
     * @return one score per segment, in the order of {@code segments} (from 0 to 1, higher is more relevant), and
     *         the token usage summed over the requests; an empty list without a request for no segments
     * @throws IllegalArgumentException when the query is null or blank, or a segment is null
     */
    @Override
    public Response<List<Double>> scoreAll(List<TextSegment> segments, String query) {
        List<String> documents = texts(segments, query);
        if (documents.isEmpty()) {
            return Response.from(List.of());
        }
        Reranker.Result result = reranker.rank(query, documents, null);
        Double[] scores = new Double[documents.size()];
        for (Reranker.Scored scored : result.scored()) {
            scores[scored.index()] = scored.score();
        }
        return Response.from(List.of(scores), result.usage());
    }

    /**
     * The {@link Builder#topN} most relevant segments (all of them when it is not set), best first, with their
     * position in {@code segments} and their score. Each request asks Qwen for no more than {@code topN} results
     * ({@code top_n}).
     *
     * @param query    the query
     * @param segments the segments to rank
     * @return the best segments, best first (equal scores in input order), with the token usage summed
     * @throws IllegalArgumentException when the query is null or blank, or a segment is null
     */
    public Response<List<QwenRerankResult>> rerank(String query, List<TextSegment> segments) {
        List<String> documents = texts(segments, query);
        if (documents.isEmpty()) {
            return Response.from(List.of());
        }
        Reranker.Result result = reranker.rank(query, documents, topN == null ? documents.size() : topN);
        List<QwenRerankResult> ranked = new ArrayList<>(result.scored().size());
        for (Reranker.Scored scored : result.scored()) {
            ranked.add(new QwenRerankResult(scored.index(), segments.get(scored.index()), scored.score()));
        }
        return Response.from(List.copyOf(ranked), result.usage());
    }

    private static List<String> texts(List<TextSegment> segments, String query) {
        if (query == null || query.isBlank()) {
            throw new IllegalArgumentException("query must not be null or blank; Qwen cannot rank against it");
        }
        if (segments == null) {
            throw new IllegalArgumentException("segments must not be null");
        }
        List<String> texts = new ArrayList<>(segments.size());
        for (int i = 0; i < segments.size(); i++) {
            TextSegment segment = segments.get(i);
            if (segment == null) { // a TextSegment itself is never blank
                throw new IllegalArgumentException("segments[" + i + "] is null; Qwen cannot rank it");
            }
            texts.add(segment.text());
        }
        return texts;
    }

    /**
     * The rerank model.
     *
     * @return e.g. {@code qwen3-rerank}
     */
    public String modelName() {
        return modelName;
    }

    /**
     * The rerank API this model calls.
     *
     * @return {@link QwenRerankEndpoint#COMPATIBLE} for qwen3-rerank unless set otherwise, else
     *         {@link QwenRerankEndpoint#NATIVE}
     */
    public QwenRerankEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public String toString() {
        return "QwenScoringModel{modelName=" + modelName + ", endpoint=" + endpoint + ", topN=" + topN + ", instruct="
                + instruct + ", baseUrl=" + client.baseUrl() + ", apiKey=***}";
    }

    /** Builder of {@link QwenScoringModel}: the connection settings, and the rerank options below. */
    public static final class Builder extends QwenConnectionBuilder<QwenScoringModel, Builder> {

        private String modelName;
        private Integer topN;
        private String instruct;
        private Integer maxDocumentsPerRequest;
        private Integer maxTokensPerRequest;
        private TokenCountEstimator tokenCountEstimator;
        private QwenRerankEndpoint endpoint;

        private Builder() {}

        /**
         * The rerank model ({@code model}): {@code qwen3-rerank} (default), {@code gte-rerank-v2},
         * {@code qwen3-vl-rerank} (text documents), or any newer name.
         *
         * @param modelName the model name, or null for {@value QwenScoringModel#DEFAULT_MODEL_NAME}
         * @return this builder
         */
        public Builder modelName(String modelName) {
            this.modelName = modelName;
            return this;
        }

        /**
         * How many of the best segments {@link QwenScoringModel#rerank} returns ({@code top_n}); all when unset.
         * {@link QwenScoringModel#scoreAll} always scores every segment, as {@code ScoringModel} requires.
         *
         * @param topN at least 1, or null for all
         * @return this builder
         */
        public Builder topN(Integer topN) {
            this.topN = topN;
            return this;
        }

        /**
         * qwen3-rerank's task instruction ({@code instruct}), in English, e.g. {@code "Retrieve semantically similar
         * text."} for FAQ matching; Qwen's default is question answering ("Given a web search query, retrieve
         * relevant passages that answer the query."). Refused at build time for models that do not take it.
         *
         * @param instruct the instruction, or null for the model's default
         * @return this builder
         */
        public Builder instruct(String instruct) {
            this.instruct = instruct;
            return this;
        }

        /**
         * Documents per request; default and maximum from the model (500 for qwen3-rerank and gte-rerank-v2, 100
         * for qwen3-vl-rerank and unknown models).
         *
         * @param maxDocumentsPerRequest at least 1 and at most the model's maximum, or null for the maximum
         * @return this builder
         */
        public Builder maxDocumentsPerRequest(Integer maxDocumentsPerRequest) {
            this.maxDocumentsPerRequest = maxDocumentsPerRequest;
            return this;
        }

        /**
         * Which rerank API to call: {@link QwenRerankEndpoint#COMPATIBLE} ({@code /compatible-api/v1/reranks}, the
         * default for qwen3-rerank, the only model it serves) or {@link QwenRerankEndpoint#NATIVE} (DashScope's
         * text rerank API, the default for every other model). Both return the same scores.
         *
         * @param endpoint the endpoint, or null for the model's default
         * @return this builder
         */
        public Builder endpoint(QwenRerankEndpoint endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        /**
         * Tokens per request ({@code query tokens x documents + document tokens}); default from the model and the
         * region of the host called: qwen3-rerank 120,000 in Singapore and 30,000 in Beijing, gte-rerank-v2 30,000,
         * qwen3-vl-rerank 120,000; on any other host (another region, a proxy) the smallest documented figure.
         *
         * @param maxTokensPerRequest at least 1, or null for the model's
         * @return this builder
         */
        public Builder maxTokensPerRequest(Integer maxTokensPerRequest) {
            this.maxTokensPerRequest = maxTokensPerRequest;
            return this;
        }

        /**
         * Counts the tokens of the query and documents when splitting a long list over requests; default Qwen's own
         * tokenizer when {@code qwen-langchain4j-tokenizer} is on the class path, else a local estimate that errs on
         * the high side (it never counts a digit, a run of whitespace or a CJK character as less than Qwen does).
         *
         * @param tokenCountEstimator the estimator, or null for the default
         * @return this builder
         */
        public Builder tokenCountEstimator(TokenCountEstimator tokenCountEstimator) {
            this.tokenCountEstimator = tokenCountEstimator;
            return this;
        }

        /** Builds the model; fails when the API key is missing or an option is invalid for the model. */
        @Override
        public QwenScoringModel build() {
            return new QwenScoringModel(
                    this,
                    endpoint -> endpoint == QwenRerankEndpoint.COMPATIBLE
                            ? newCompatibleApiClient(Map.of())
                            : newNativeClient(Map.of()));
        }
    }
}
