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
 * The mock's text rerank endpoint, DashScope's native {@code POST /api/v1/services/rerank/text-rerank/text-rerank}
 * (Model Studio's "Text rerank" API reference, alibabacloud.com/help/en/model-studio/text-rerank-api): request
 * {@code {"model", "input": {"query", "documents"}, "parameters": {"return_documents", "top_n", "instruct"}}},
 * answer {@code {"output": {"results": [{"index", "relevance_score", "document"}]}, "usage": {"total_tokens"},
 * "request_id"}}, best first.
 *
 * <p>Relevance is deterministic word overlap: the share of the query's words (lower-cased letters and digits; each
 * CJK character a word; common English function words left out) that the document contains, mapped into
 * [0.02, 0.98]. Errors are DashScope's flat {@code {"request_id", "code", "message"}} bodies
 * ({@link Dialect#DASHSCOPE}, which also refuses the key): 404 {@code InvalidParameter} "Model not exist." for a
 * model Qwen does not serve (seen in DashScope clients' tests), and 400 {@code InvalidParameter} for an empty or
 * too long document list with the message Qwen sends (Tencent/WeKnora#3458: "... batch size of documents is
 * invalid, it should not be empty or larger than 500.: input.documents"); the message for a missing query follows
 * the same pattern (not a captured one). Only {@code POST} is routed here: other methods get a 405.
 */
public final class MockRerank {

    /** The endpoint's path. */
    public static final String PATH = "/api/v1/services/rerank/text-rerank/text-rerank";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Integer> MAX_DOCUMENTS =
            Map.of("qwen3-rerank", 500, "gte-rerank-v2", 500, "qwen3-vl-rerank", 100);
    private static final Set<String> FUNCTION_WORDS = Set.of(
            "a", "an", "the", "is", "are", "was", "of", "to", "in", "on", "and", "or", "for", "with", "what", "which",
            "who", "how", "why", "does", "do", "it", "its", "by");
    private static final String VALUE_ERROR = "<400> InternalError.Algo.InvalidParameter: Value error, ";

    private MockRerank() {}

    /** Serves one {@code POST} to {@link #PATH}. */
    public static HttpReply rerank(MockRequest http) {
        String requestId = http.requestId();
        JsonNode request = http.json();
        if (request == null) {
            return HttpReply.flatError(QwenError.flatInvalid("The request body is not valid JSON."), requestId);
        }
        Integer maxDocuments = MAX_DOCUMENTS.get(request.path("model").asText(""));
        if (maxDocuments == null) {
            return HttpReply.flatError(QwenError.flat(404, "InvalidParameter", "Model not exist."), requestId);
        }
        String query = request.path("input").path("query").asText("");
        JsonNode documents = request.path("input").path("documents");
        if (query.isBlank()) {
            return HttpReply.flatError(
                    QwenError.flatInvalid(VALUE_ERROR + "query should not be empty.: input.query"), requestId);
        }
        if (!documents.isArray() || documents.isEmpty() || documents.size() > maxDocuments) {
            return HttpReply.flatError(
                    QwenError.flatInvalid(VALUE_ERROR + "batch size of documents is invalid, it"
                            + " should not be empty or larger than " + maxDocuments + ".: input.documents"),
                    requestId);
        }
        return HttpReply.json(200, answer(request, query, documents, requestId));
    }

    private static String answer(JsonNode request, String query, JsonNode documents, String requestId) {
        Set<String> queryWords = new HashSet<>(WordVectors.words(query));
        List<double[]> scored = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        int tokens = 0;
        for (int i = 0; i < documents.size(); i++) {
            JsonNode document = documents.get(i);
            String text = document.isTextual()
                    ? document.asText()
                    : document.path("text").asText("");
            texts.add(text);
            scored.add(new double[] {i, relevance(queryWords, new HashSet<>(WordVectors.words(text)))});
            tokens += Tokens.estimate(query) + Tokens.estimate(text); // query tokens x documents + document tokens
        }
        scored.sort(Comparator.<double[]>comparingDouble(s -> -s[1]).thenComparingDouble(s -> s[0]));
        JsonNode parameters = request.path("parameters");
        int topN = parameters.path("top_n").asInt(documents.size());
        boolean returnDocuments = parameters.path("return_documents").asBoolean(false);
        ObjectNode root = JSON.createObjectNode();
        ArrayNode results = root.putObject("output").putArray("results");
        for (double[] s : scored.subList(0, Math.min(Math.max(topN, 1), scored.size()))) {
            ObjectNode result = results.addObject();
            if (returnDocuments) {
                result.putObject("document").put("text", texts.get((int) s[0]));
            }
            result.put("index", (int) s[0]).put("relevance_score", s[1]);
        }
        root.putObject("usage").put("total_tokens", tokens);
        root.put("request_id", requestId);
        return root.toString();
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
