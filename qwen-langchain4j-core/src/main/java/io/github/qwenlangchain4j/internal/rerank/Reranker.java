package io.github.qwenlangchain4j.internal.rerank;

import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.model.output.TokenUsage;
import io.github.qwenlangchain4j.QwenApiError;
import io.github.qwenlangchain4j.internal.client.ErrorMapper;
import io.github.qwenlangchain4j.internal.client.QwenClient;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ranks documents against a query through one of Qwen's rerank endpoints, one request per
 * {@linkplain RerankBatches batch}, sent one after the other through the client (retries, error mapping and
 * redaction as for chat). Relevance scores are absolute (each is the model's judgement of one query-document
 * pair), so the batches' results merge into one ranking as if one request had carried them all.
 *
 * <p>A batch Qwen refuses for its size (a 400 whose message speaks of tokens or length: the local count was lower
 * than Qwen's) is split in halves and each half sent again, down to single documents; a document Qwen refuses on its
 * own fails the call with an error naming its position and the limit.
 */
public final class Reranker {

    /** The native path under the native base URL ({@code https://<host>/api/v1}). */
    public static final String NATIVE_PATH = "/services/rerank/text-rerank/text-rerank";

    /** The compatible path under the compatible-api base URL ({@code https://<host>/compatible-api/v1}). */
    public static final String COMPATIBLE_PATH = "/reranks";

    private static final Logger LOG = LoggerFactory.getLogger(Reranker.class);

    /** Qwen's refusal of one document, e.g. "document index:0 is invalid, it should not be larger than 300000". */
    private static final Pattern DOCUMENT_INDEX = Pattern.compile("document index:\\s*(\\d+)");

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

    /** One answer of either endpoint, read the same way. */
    private record Reply(List<RerankResponse.Result> results, RerankResponse.Usage usage, String requestId) {}

    private final QwenClient client;
    private final boolean compatible;
    private final String model;
    private final RerankModelSpec spec;
    private final String instruct;
    private final int maxDocumentsPerRequest;
    private final int maxTokensPerRequest;
    private final ToIntFunction<String> tokens;

    /**
     * @param client                 the client of the endpoint's base URL
     * @param compatible             true for {@code /compatible-api/v1/reranks}, false for the native endpoint
     * @param model                  the model name
     * @param spec                   what Qwen documents about the model
     * @param instruct               the task instruction, or null
     * @param maxDocumentsPerRequest documents per request
     * @param maxTokensPerRequest    tokens per request, as Qwen counts them
     * @param tokens                 the token count of one text
     */
    public Reranker(
            QwenClient client,
            boolean compatible,
            String model,
            RerankModelSpec spec,
            String instruct,
            int maxDocumentsPerRequest,
            int maxTokensPerRequest,
            ToIntFunction<String> tokens) {
        this.client = client;
        this.compatible = compatible;
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
        Call call = new Call(query, documents, topN);
        for (RerankBatches.Batch batch : batches) {
            call.send(batch);
        }
        call.scored.sort(BEST_FIRST);
        List<Scored> scored = call.scored;
        return new Result(
                topN == null || scored.size() <= topN ? scored : List.copyOf(scored.subList(0, topN)), call.usage);
    }

    /** The state of one {@link #rank} call: its scores and usage so far. */
    private final class Call {

        private final String query;
        private final List<String> documents;
        private final Integer topN;
        private final List<Scored> scored;
        private TokenUsage usage;

        Call(String query, List<String> documents, Integer topN) {
            this.query = query;
            this.documents = documents;
            this.topN = topN;
            this.scored = new ArrayList<>(topN == null ? documents.size() : Math.min(topN, documents.size()));
        }

        /** Sends one batch; a batch Qwen refuses for its size is sent again in two halves. */
        void send(RerankBatches.Batch batch) {
            int wanted = topN == null ? batch.size() : Math.min(topN, batch.size());
            Reply reply;
            try {
                reply = post(query, documents.subList(batch.from(), batch.to()), wanted);
            } catch (InvalidRequestException e) {
                QwenApiError error = e.getCause() instanceof QwenApiError qwen ? qwen : null;
                Integer refusedDocument = refusedDocument(error);
                if (refusedDocument != null && refusedDocument < batch.size()) {
                    throw tooLarge(batch.from() + refusedDocument, "", error, e);
                }
                if (!isSizeRefusal(error)) {
                    throw e;
                }
                if (batch.size() == 1) {
                    throw tooLarge(batch.from(), " even alone in a request", error, e);
                }
                int middle = batch.from() + batch.size() / 2;
                LOG.debug(
                        "Qwen refused a rerank request of {} documents for its size ({}); sending documents {}..{}"
                                + " and {}..{} apart",
                        batch.size(),
                        error.qwenMessage(),
                        batch.from(),
                        middle - 1,
                        middle,
                        batch.to() - 1);
                send(new RerankBatches.Batch(batch.from(), middle));
                send(new RerankBatches.Batch(middle, batch.to()));
                return;
            }
            scored.addAll(scores(reply, batch, wanted, topN == null));
            Integer total = reply.usage() == null ? null : reply.usage().totalTokens();
            usage = total == null ? usage : TokenUsage.sum(usage, new TokenUsage(total, null, total));
        }

        private InvalidRequestException tooLarge(int index, String how, QwenApiError error, InvalidRequestException e) {
            return new InvalidRequestException(
                    "Qwen refused segments[" + index + "] for its size" + how + " (with the query: at most "
                            + maxTokensPerRequest + " tokens per request for " + model
                            + ", counted as query tokens x documents + document tokens; Qwen reads "
                            + spec.maxTokensPerItem() + " tokens of each item): shorten that segment or the query."
                            + " Qwen said: " + (error == null ? e.getMessage() : error.getMessage()),
                    e);
        }
    }

    /** Whether Qwen refused a request for its size: a 400 speaking of tokens or length, not of the document count. */
    static boolean isSizeRefusal(QwenApiError error) {
        if (error == null || error.statusCode() != 400 || error.qwenMessage() == null) {
            return false;
        }
        String message = error.qwenMessage().toLowerCase(Locale.ROOT);
        if (message.contains("batch size of documents")) {
            return false; // the document count: planned from the documented limit, never split
        }
        return message.contains("token")
                || message.contains("too long")
                || message.contains("input length")
                || message.contains("exceed");
    }

    /** The position in its request of a document Qwen refused on its own, or null. */
    static Integer refusedDocument(QwenApiError error) {
        if (error == null || error.statusCode() != 400 || error.qwenMessage() == null) {
            return null;
        }
        Matcher matcher = DOCUMENT_INDEX.matcher(error.qwenMessage());
        return matcher.find() ? Integer.valueOf(matcher.group(1)) : null;
    }

    private Reply post(String query, List<String> documents, int topN) {
        if (compatible) {
            QwenClient.Result<CompatibleRerankResponse> response = client.post(
                    COMPATIBLE_PATH,
                    new CompatibleRerankRequest(model, query, documents, topN, instruct),
                    CompatibleRerankResponse.class);
            CompatibleRerankResponse body = response.body();
            return new Reply(
                    body.results(), body.usage(), response.requestId() != null ? response.requestId() : body.id());
        }
        List<Object> wire = new ArrayList<>(documents.size());
        for (String document : documents) {
            wire.add(spec.documentsAsObjects() ? Map.of("text", document) : document);
        }
        QwenClient.Result<RerankResponse> response = client.post(
                NATIVE_PATH,
                new RerankRequest(
                        model,
                        new RerankRequest.Input(query, wire),
                        new RerankRequest.Parameters(false, topN, instruct)),
                RerankResponse.class);
        RerankResponse body = response.body();
        return new Reply(
                body.output() == null ? null : body.output().results(),
                body.usage(),
                response.requestId() != null ? response.requestId() : body.requestId());
    }

    /** The batch's results with indices of the call's list; malformed when an index or score is missing or wrong. */
    private static List<Scored> scores(Reply reply, RerankBatches.Batch batch, int wanted, boolean all) {
        List<RerankResponse.Result> results = reply.results();
        if (results == null || (all ? results.size() != batch.size() : results.size() > wanted)) {
            throw ErrorMapper.malformed(
                    "expected " + (all ? "" : "at most ") + wanted + " rerank results, got "
                            + (results == null ? "none" : results.size()),
                    reply.requestId(),
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
                        reply.requestId(),
                        null);
            }
            if (score == null || !Double.isFinite(score)) {
                throw ErrorMapper.malformed(
                        "rerank result " + index + " has no valid relevance_score", reply.requestId(), null);
            }
            seen[index] = true;
            scored.add(new Scored(batch.from() + index, score));
        }
        return scored;
    }
}
