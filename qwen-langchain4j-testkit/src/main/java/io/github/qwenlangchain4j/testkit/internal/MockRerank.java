package io.github.qwenlangchain4j.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The mock's two rerank endpoints, with one scoring and the same limits:
 *
 * <ul>
 *   <li>DashScope's native {@code POST /api/v1/services/rerank/text-rerank/text-rerank} (Model Studio's "Text rerank"
 *       API reference, alibabacloud.com/help/en/model-studio/text-rerank-api): request {@code {"model", "input":
 *       {"query", "documents"}, "parameters": {"return_documents", "top_n", "instruct"}}}, answer {@code {"output":
 *       {"results": [{"index", "relevance_score", "document"}]}, "usage": {"total_tokens"}, "request_id"}}; errors
 *       in DashScope's flat {@code {"request_id", "code", "message"}} body;
 *   <li>the OpenAI-compatible {@code POST /compatible-api/v1/reranks} (Qwen Cloud's "OpenAI compatible reranking"
 *       reference, docs.qwencloud.com/api-reference/rerank/openai-rerank), documented for qwen3-rerank only: request
 *       {@code {"model", "query", "documents", "top_n", "instruct"}}, answer {@code {"id", "object": "list",
 *       "model", "results": [{"index", "relevance_score"}], "usage": {"total_tokens"}}}; errors in compatible
 *       mode's {@code {"error": {...}, "request_id"}} body, with the {@code InvalidParameter} code and type of
 *       compatible mode's value errors (seen in a graphrag log of compatible-mode embeddings).
 * </ul>
 *
 * <p>Relevance is deterministic word overlap: the share of the query's words (lower-cased letters and digits; each
 * CJK character a word; common English function words left out) that the document contains, mapped into
 * [0.02, 0.98], best first. Refusals: 404 "Model not exist." for a model Qwen does not serve (seen in DashScope
 * clients' tests); 400 {@code InvalidParameter} for an empty or too long document list with the message Qwen sends
 * (Tencent/WeKnora#3458: "... batch size of documents is invalid, it should not be empty or larger than 500.:
 * input.documents"); the same pattern for a missing query; and for a request over the per-request token limit,
 * {@code query tokens x documents + document tokens} with each item read up to its per-item limit, counted here at
 * one token per four characters. No capture of Qwen's wording for that last refusal was found; the mock's follows
 * the same "Value error" pattern and names the limit: by default the smallest documented one (30,000 for
 * qwen3-rerank and gte-rerank-v2, 120,000 for qwen3-vl-rerank), or the one a test sets ({@link #limitTokens}).
 */
public final class MockRerank {

    /** The native endpoint's path. */
    public static final String PATH = "/api/v1/services/rerank/text-rerank/text-rerank";

    /** The OpenAI-compatible endpoint's path. */
    public static final String COMPATIBLE_PATH = "/compatible-api/v1/reranks";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Documents per request, tokens read of one item, tokens per request (the smallest documented figures). */
    private static final Map<String, int[]> LIMITS = Map.of(
            "qwen3-rerank", new int[] {500, 4_000, 30_000},
            "gte-rerank-v2", new int[] {500, 4_000, 30_000},
            "qwen3-vl-rerank", new int[] {100, 8_000, 120_000});

    private static final Set<String> FUNCTION_WORDS = Set.of(
            "a", "an", "the", "is", "are", "was", "of", "to", "in", "on", "and", "or", "for", "with", "what", "which",
            "who", "how", "why", "does", "do", "it", "its", "by");
    private static final String VALUE_ERROR = "<400> InternalError.Algo.InvalidParameter: Value error, ";

    private volatile Integer tokenLimit;

    /**
     * Sets the tokens one request may hold, in place of the model's documented limit; null for the documented one.
     *
     * @param tokensPerRequest at least 1, or null
     */
    public void limitTokens(Integer tokensPerRequest) {
        this.tokenLimit = tokensPerRequest;
    }

    /** Serves one {@code POST} to {@link #PATH}. */
    public HttpReply rerank(MockRequest http) {
        JsonNode request = http.json();
        if (request == null) {
            return HttpReply.flatError(QwenError.flatInvalid("The request body is not valid JSON."), http.requestId());
        }
        JsonNode input = request.path("input");
        JsonNode parameters = request.path("parameters");
        return serve(
                http.requestId(),
                Dialect.DASHSCOPE,
                request.path("model").asText(""),
                input.path("query").asText(""),
                input.path("documents"),
                parameters.path("top_n"),
                parameters.path("return_documents").asBoolean(false),
                "input.");
    }

    /** Serves one {@code POST} to {@link #COMPATIBLE_PATH}. */
    public HttpReply rerankCompatible(MockRequest http) {
        JsonNode request = http.json();
        if (request == null) {
            return HttpReply.compatibleError(invalid("The request body is not valid JSON."), http.requestId());
        }
        String model = request.path("model").asText("");
        if (!model.equals("qwen3-rerank")) { // the only model the compatible endpoint documents
            return HttpReply.compatibleError(
                    QwenError.request(404, "model_not_found", "Model not exist."), http.requestId());
        }
        return serve(
                http.requestId(),
                Dialect.COMPATIBLE,
                model,
                request.path("query").asText(""),
                request.path("documents"),
                request.path("top_n"),
                request.path("return_documents").asBoolean(false),
                "");
    }

    private HttpReply serve(
            String requestId,
            Dialect dialect,
            String model,
            String query,
            JsonNode documents,
            JsonNode topN,
            boolean returnDocuments,
            String fieldPrefix) {
        int[] limits = LIMITS.get(model);
        if (limits == null) {
            return dialect.error(
                    dialect == Dialect.COMPATIBLE
                            ? QwenError.request(404, "model_not_found", "Model not exist.")
                            : QwenError.flat(404, "InvalidParameter", "Model not exist."),
                    requestId);
        }
        if (query.isBlank()) {
            return refuse(dialect, "query should not be empty.: " + fieldPrefix + "query", requestId);
        }
        if (!documents.isArray() || documents.isEmpty() || documents.size() > limits[0]) {
            return refuse(
                    dialect,
                    "batch size of documents is invalid, it should not be empty or larger than " + limits[0] + ".: "
                            + fieldPrefix + "documents",
                    requestId);
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode document : documents) {
            texts.add(
                    document.isTextual()
                            ? document.asText()
                            : document.path("text").asText(""));
        }
        int limit = tokenLimit != null ? tokenLimit : limits[2];
        long cost = 0; // query tokens x documents + document tokens, each item read up to its limit
        int queryTokens = Math.min(Tokens.estimate(query), limits[1]);
        for (String text : texts) {
            cost += queryTokens + Math.min(Tokens.estimate(text), limits[1]);
        }
        if (cost > limit) {
            return refuse(
                    dialect,
                    "the input tokens of the request (query tokens x documents + document tokens) exceed the limit,"
                            + " it should not be larger than " + limit + ".: " + fieldPrefix + "documents",
                    requestId);
        }
        ObjectNode root = JSON.createObjectNode();
        if (dialect == Dialect.COMPATIBLE) {
            root.put("id", requestId).put("object", "list").put("model", model);
        }
        ArrayNode results = dialect == Dialect.COMPATIBLE
                ? root.putArray("results")
                : root.putObject("output").putArray("results");
        for (double[] s : ranked(query, texts, topN.asInt(texts.size()))) {
            ObjectNode result = results.addObject();
            if (returnDocuments) {
                result.putObject("document").put("text", texts.get((int) s[0]));
            }
            result.put("index", (int) s[0]).put("relevance_score", s[1]);
        }
        root.putObject("usage").put("total_tokens", cost);
        if (dialect == Dialect.DASHSCOPE) {
            root.put("request_id", requestId);
        }
        return HttpReply.json(200, root.toString());
    }

    /** A 400 {@code InvalidParameter} "Value error" in the dialect's body. */
    private static HttpReply refuse(Dialect dialect, String what, String requestId) {
        String message = VALUE_ERROR + what;
        return dialect.error(
                dialect == Dialect.COMPATIBLE ? invalid(message) : QwenError.flatInvalid(message), requestId);
    }

    private static QwenError invalid(String message) {
        return new QwenError(400, "InvalidParameter", "InvalidParameter", message);
    }

    /** {@code {index, score}} of the {@code topN} best documents, best first, equal scores in input order. */
    private static List<double[]> ranked(String query, List<String> texts, int topN) {
        Set<String> queryWords = new HashSet<>(WordVectors.words(query));
        List<double[]> scored = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            scored.add(new double[] {i, relevance(queryWords, new HashSet<>(WordVectors.words(texts.get(i))))});
        }
        scored.sort(Comparator.<double[]>comparingDouble(s -> -s[1]).thenComparingDouble(s -> s[0]));
        return scored.subList(0, Math.min(Math.max(topN, 1), scored.size()));
    }

    private static double relevance(Set<String> query, Set<String> document) {
        Set<String> content = new HashSet<>(query);
        content.removeAll(FUNCTION_WORDS);
        Set<String> asked = content.isEmpty() ? query : content;
        long found = asked.stream().filter(document::contains).count();
        double share = asked.isEmpty() ? 0 : (double) found / asked.size();
        return Math.round((0.02 + 0.96 * share) * 1_000_000) / 1_000_000.0;
    }
}
