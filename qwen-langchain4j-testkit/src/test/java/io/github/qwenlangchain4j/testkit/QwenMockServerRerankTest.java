package io.github.qwenlangchain4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * The mock's native text rerank endpoint, against the shapes of Model Studio's "Text rerank" API reference
 * (alibabacloud.com/help/en/model-studio/text-rerank-api): results best first with {@code index} and
 * {@code relevance_score}, {@code document} only with {@code return_documents}, {@code usage.total_tokens} and
 * {@code request_id}; DashScope's flat error bodies.
 */
class QwenMockServerRerankTest extends MockServerHttpSupport {

    private static final String PATH = "/api/v1/services/rerank/text-rerank/text-rerank";

    @Test
    void documents_that_share_the_query_s_words_rank_first() throws Exception {
        HttpResponse<String> response = rerank(server.apiKey(), """
                {"model": "qwen3-rerank", "input": {"query": "What is a text rerank model?", "documents": [
                  "Quantum computing is a cutting-edge field of computer science.",
                  "Text rerank models sort candidate texts by their relevance.",
                  "A rerank model scores each text against the query."]}}""");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        JsonNode results = body.get("output").get("results");
        assertThat(results).hasSize(3);
        assertThat(results.get(0).get("index").asInt()).isEqualTo(2); // text, rerank, model
        assertThat(results.get(1).get("index").asInt()).isEqualTo(1); // text, rerank
        assertThat(results.get(2).get("index").asInt()).isEqualTo(0);
        assertThat(results.get(0).get("relevance_score").asDouble())
                .isGreaterThan(results.get(1).get("relevance_score").asDouble())
                .isLessThanOrEqualTo(1.0);
        assertThat(results.get(2).get("relevance_score").asDouble()).isGreaterThan(0.0);
        assertThat(results.get(0).has("document")).isFalse();
        assertThat(body.get("usage").get("total_tokens").asInt()).isPositive();
        assertThat(body.get("request_id").asText())
                .isEqualTo(response.headers().firstValue("x-request-id").get());
    }

    @Test
    void top_n_cuts_the_results_and_return_documents_echoes_them() throws Exception {
        HttpResponse<String> response = rerank(server.apiKey(), """
                {"model": "gte-rerank-v2", "input": {"query": "什么是文本排序模型", "documents": [
                  "文本排序模型广泛用于搜索引擎和推荐系统中", "量子计算是计算科学的一个前沿领域", "预训练语言模型"]},
                 "parameters": {"return_documents": true, "top_n": 1}}""");

        JsonNode results = JSON.readTree(response.body()).get("output").get("results");
        assertThat(results).hasSize(1);
        assertThat(results.get(0).get("index").asInt()).isZero();
        assertThat(results.get(0).get("document").get("text").asText()).isEqualTo("文本排序模型广泛用于搜索引擎和推荐系统中");
    }

    @Test
    void qwen3_vl_rerank_takes_documents_as_text_objects() throws Exception {
        HttpResponse<String> response = rerank(server.apiKey(), """
                {"model": "qwen3-vl-rerank", "input": {"query": "red apple",
                  "documents": [{"text": "a green pear"}, {"text": "a red apple on a table"}]}}""");

        assertThat(JSON.readTree(response.body())
                        .get("output")
                        .get("results")
                        .get(0)
                        .get("index")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void more_documents_than_the_model_takes_are_refused_as_qwen_refuses_them() throws Exception {
        StringBuilder documents = new StringBuilder();
        for (int i = 0; i < 501; i++) {
            documents.append(i == 0 ? "" : ",").append("\"d").append(i).append('"');
        }
        HttpResponse<String> response = rerank(
                server.apiKey(),
                "{\"model\": \"qwen3-rerank\", \"input\": {\"query\": \"q\", \"documents\": [" + documents + "]}}");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("code").asText()).isEqualTo("InvalidParameter");
        // Tencent/WeKnora#3458 quotes Qwen's message for 501 documents
        assertThat(body.get("message").asText())
                .isEqualTo(
                        "<400> InternalError.Algo.InvalidParameter: Value error,"
                                + " batch size of documents is invalid, it should not be empty or larger than 500.: input.documents");
        assertThat(body.has("request_id")).isTrue();
    }

    @Test
    void qwen3_vl_rerank_takes_at_most_100_documents_and_none_is_refused_too() throws Exception {
        StringBuilder documents = new StringBuilder();
        for (int i = 0; i < 101; i++) {
            documents
                    .append(i == 0 ? "" : ",")
                    .append("{\"text\": \"d")
                    .append(i)
                    .append("\"}");
        }
        assertThat(rerank(
                                server.apiKey(),
                                "{\"model\": \"qwen3-vl-rerank\", \"input\": {\"query\": \"q\"," + " \"documents\": ["
                                        + documents + "]}}")
                        .body())
                .contains("larger than 100.");
        assertThat(rerank(
                                server.apiKey(),
                                "{\"model\": \"qwen3-rerank\", \"input\": {\"query\": \"q\"," + " \"documents\": []}}")
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void a_blank_query_an_unknown_model_and_a_wrong_key_are_refused() throws Exception {
        HttpResponse<String> blank = rerank(
                server.apiKey(),
                "{\"model\": \"qwen3-rerank\", \"input\": {\"query\": \" \", \"documents\": [\"d\"]}}");
        assertThat(blank.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(blank.body()).get("message").asText()).contains("input.query");

        HttpResponse<String> unknown = rerank(
                server.apiKey(),
                "{\"model\": \"qwen9-rerank\", \"input\": {\"query\": \"q\", \"documents\": [\"d\"]}}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).get("message").asText()).isEqualTo("Model not exist.");

        HttpResponse<String> wrongKey = rerank(
                "sk-wrong", "{\"model\": \"qwen3-rerank\", \"input\": {\"query\": \"q\", \"documents\": [\"d\"]}}");
        assertThat(wrongKey.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(wrongKey.body()).get("code").asText()).isEqualTo("InvalidApiKey");
    }

    private HttpResponse<String> rerank(String key, String body) throws Exception {
        String host = server.baseUrl().substring(0, server.baseUrl().length() - "/compatible-mode/v1".length());
        HttpRequest request = HttpRequest.newBuilder(URI.create(host + PATH))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
