package io.github.qwenlangchain4j.internal.rerank;

import dev.langchain4j.model.output.TokenUsage;
import io.github.qwenlangchain4j.internal.client.ErrorMapper;
import io.github.qwenlangchain4j.internal.client.QwenClient;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * Ranks documents against a query through the native text rerank endpoint, one request per
 * {@linkplain RerankBatches batch}, sent one after the other through the client (retries, error mapping and
 * redaction as for chat). Relevance scores are absolute (each is the model's judgement of one query-document
 * pair), so the batches' results merge into one ranking as if one request had carried them all.
 */
public final class Reranker {

    /** The path under the native base URL ({@code https://<host>/api/v1}). */
    public static final String PATH = "/services/rerank/text-rerank/text-rerank";

    /** Orders best first, then by input position, so that equal scores keep the input order. */
    private static final Comparator<Scored> BEST_FIRST =
            Comparator.comparingDouble(Scored::score).reversed().thenComparingInt(Scored::index);

    /**
     * One document's score.
     *
     * @param index the document's position in the call's list
     * @param score its relevance score
     */
    public record Scored(int index, double score) {}

    /**
     * @param scored the scores, best first
     * @param usage  the summed usage, or null when Qwen reported none
     */
    public record Result(List<Scored> scored, TokenUsage usage) {}

    private final QwenClient client;
    private final String model;
    private final RerankModelSpec spec;
    private final String instruct;
    private final int maxDocumentsPerRequest;
    private final int maxTokensPerRequest;
    private final ToIntFunction<String> tokens;

    public Reranker(
            QwenClient client,
            String model,
            RerankModelSpec spec,
            String instruct,
            int maxDocumentsPerRequest,
            int maxTokensPerRequest,
            ToIntFunction<String> tokens) {
        this.client = client;
        this.model = model;
        this.spec = spec;
        this.instruct = instruct;
        this.maxDocumentsPerRequest = maxDocumentsPerRequest;
        this.maxTokensPerRequest = maxTokensPerRequest;
        this.tokens = tokens;
    }

    /**
     * Scores the documents against the query.
     *
     * @param topN null to score every document; otherwise only the {@code topN} best are returned, and each
     *             request asks for no more than that ({@code top_n}): the overall best are among the best of their
     *             own batch
     */
    public Result rank(String query, List<String> documents, Integer topN) {
        int[] documentTokens = new int[documents.size()];
        for (int i = 0; i < documentTokens.length; i++) {
            documentTokens[i] = tokens.applyAsInt(documents.get(i));
        }
        List<RerankBatches.Batch> batches = RerankBatches.plan(
                tokens.applyAsInt(query),
                documentTokens,
                maxDocumentsPerRequest,
                maxTokensPerRequest,
                spec.maxTokensPerItem());
        List<Scored> scored = new ArrayList<>(topN == null ? documents.size() : Math.min(topN, documents.size()));
        TokenUsage usage = null;
        for (RerankBatches.Batch batch : batches) {
            int wanted = topN == null ? batch.size() : Math.min(topN, batch.size());
            QwenClient.Result<RerankResponse> response = client.post(
                    PATH, request(query, documents.subList(batch.from(), batch.to()), wanted), RerankResponse.class);
            scored.addAll(scores(response, batch, wanted, topN == null));
            Integer total = response.body().usage() == null
                    ? null
                    : response.body().usage().totalTokens();
            usage = total == null ? usage : TokenUsage.sum(usage, new TokenUsage(total, null, total));
        }
        scored.sort(BEST_FIRST);
        return new Result(topN == null || scored.size() <= topN ? scored : List.copyOf(scored.subList(0, topN)), usage);
    }

    private RerankRequest request(String query, List<String> documents, int topN) {
        List<Object> wire = new ArrayList<>(documents.size());
        for (String document : documents) {
            wire.add(spec.documentsAsObjects() ? Map.of("text", document) : document);
        }
        return new RerankRequest(
                model, new RerankRequest.Input(query, wire), new RerankRequest.Parameters(false, topN, instruct));
    }

    /** The batch's results with indices of the call's list; malformed when an index or score is missing or wrong. */
    private static List<Scored> scores(
            QwenClient.Result<RerankResponse> response, RerankBatches.Batch batch, int wanted, boolean all) {
        RerankResponse.Output output = response.body().output();
        List<RerankResponse.Result> results = output == null ? null : output.results();
        if (results == null || (all ? results.size() != batch.size() : results.size() > wanted)) {
            throw ErrorMapper.malformed(
                    "expected " + (all ? "" : "at most ") + wanted + " rerank results, got "
                            + (results == null ? "none" : results.size()),
                    response.requestId(),
                    null);
        }
        boolean[] seen = new boolean[batch.size()];
        List<Scored> scored = new ArrayList<>(results.size());
        for (RerankResponse.Result result : results) {
            Integer index = result.index();
            Double score = result.relevanceScore();
            if (index == null || index < 0 || index >= batch.size() || seen[index]) {
                throw ErrorMapper.malformed(
                        "rerank result index " + index + " is missing, repeated or outside 0.." + (batch.size() - 1),
                        response.requestId(),
                        null);
            }
            if (score == null || !Double.isFinite(score)) {
                throw ErrorMapper.malformed(
                        "rerank result " + index + " has no valid relevance_score", response.requestId(), null);
            }
            seen[index] = true;
            scored.add(new Scored(batch.from() + index, score));
        }
        return scored;
    }
}
