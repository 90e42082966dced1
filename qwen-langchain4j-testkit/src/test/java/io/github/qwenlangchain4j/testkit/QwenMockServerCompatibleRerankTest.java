package io.github.qwenlangchain4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * The mock's OpenAI-compatible rerank endpoint, {@code POST /compatible-api/v1/reranks}, against the shapes of Qwen
 * Cloud's "OpenAI compatible reranking" reference (docs.qwencloud.com/api-reference/rerank/openai-rerank): request
 * {@code {"model", "query", "documents", "top_n", "instruct"}}, response {@code {"id", "object": "list", "model",
 * "results": [{"index", "relevance_score"}], "usage": {"total_tokens"}}}, qwen3-rerank only; and the refusal of a
 * request over the per-request token limit ({@code query tokens x documents + document tokens}, Model Studio's "Text
 * rerank" API reference) on both rerank endpoints.
 */
class QwenMockServerCompatibleRerankTest extends MockServerHttpSupport {

    private static final String COMPATIBLE = "/compatible-api/v1/reranks";
    private static final String NATIVE = "/api/v1/services/rerank/text-rerank/text-rerank";

    /** The reference's example request. */
    private static final String DOCUMENTED_REQUEST = """
            {"model": "qwen3-rerank",
             "documents": [
               "Rerank models are widely used in search engines and recommendation systems. They sort candidate documents based on text relevance.",
               "Quantum computing is a cutting-edge field of computer science.",
               "The development of pre-trained language models has brought new advancements to rerank models."],
             "query": "What is a rerank model?",
             "top_n": 2,
             "instruct": "Given a web search query, retrieve relevant passages that answer the query."}""";

    @Test
    void should_answer_the_documented_request_in_the_documented_shape() throws Exception {
        HttpResponse<String> response = post(COMPATIBLE, server.apiKey(), DOCUMENTED_REQUEST);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("object").asText()).isEqualTo("list");
        assertThat(body.get("model").asText()).isEqualTo("qwen3-rerank");
        assertThat(body.get("id").asText())
                .isEqualTo(response.headers().firstValue("x-request-id").get());
        JsonNode results = body.get("results");
        assertThat(results).hasSize(2);
        // documents 0 and 2 share "rerank" with the query, equal scores keep the input order; 1 shares nothing
        assertThat(results.get(0).get("index").asInt()).isZero();
        assertThat(results.get(1).get("index").asInt()).isEqualTo(2);
        assertThat(results.get(0).get("relevance_score").asDouble())
                .isEqualTo(results.get(1).get("relevance_score").asDouble())
                .isBetween(0.0, 1.0);
        assertThat(body.get("usage").get("total_tokens").asInt()).isPositive();
        assertThat(body.has("output")).isFalse();
    }

    @Test
    void should_refuse_models_the_compatible_endpoint_does_not_serve_in_compatible_mode_s_error_body()
            throws Exception {
        HttpResponse<String> response = post(
                COMPATIBLE,
                server.apiKey(),
                "{\"model\": \"gte-rerank-v2\", \"query\": \"q\", \"documents\": [\"d\"]}");

        assertThat(response.statusCode()).isEqualTo(404);
        JsonNode error = JSON.readTree(response.body()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("model_not_found");
        assertThat(JSON.readTree(response.body()).has("request_id")).isTrue();
    }

    @Test
    void should_refuse_a_wrong_key_and_an_empty_document_list_in_compatible_mode_s_error_body() throws Exception {
        HttpResponse<String> wrongKey =
                post(COMPATIBLE, "sk-wrong", "{\"model\": \"qwen3-rerank\", \"query\": \"q\", \"documents\": [\"d\"]}");
        assertThat(wrongKey.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(wrongKey.body()).get("error").get("code").asText())
                .isEqualTo("invalid_api_key");

        HttpResponse<String> empty =
                post(COMPATIBLE, server.apiKey(), "{\"model\": \"qwen3-rerank\", \"query\": \"q\", \"documents\": []}");
        assertThat(empty.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(empty.body()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("InvalidParameter");
        assertThat(error.get("message").asText()).contains("batch size of documents is invalid");
    }

    @Test
    void should_refuse_a_request_over_the_token_limit_on_both_endpoints_until_reset() throws Exception {
        // the mock counts a token per four characters: 40-character documents and an 8-character query make
        // 2 + 10 = 12 tokens per document, 36 for three
        String document = "\"" + "word ".repeat(8) + "\"";
        String documents = "[" + document + "," + document + "," + document + "]";
        server.limitRerankTokens(30);

        HttpResponse<String> compatible = post(
                COMPATIBLE,
                server.apiKey(),
                "{\"model\": \"qwen3-rerank\", \"query\": \"a query!\", \"documents\": " + documents + "}");
        HttpResponse<String> nativeRefusal = post(
                NATIVE,
                server.apiKey(),
                "{\"model\": \"qwen3-rerank\", \"input\": {\"query\": \"a query!\", \"documents\": " + documents
                        + "}}");
        HttpResponse<String> twoFit = post(
                COMPATIBLE,
                server.apiKey(),
                "{\"model\": \"qwen3-rerank\", \"query\": \"a query!\", \"documents\": [" + document + "," + document
                        + "]}");

        assertThat(compatible.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(compatible.body()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("InvalidParameter");
        assertThat(error.get("message").asText())
                .startsWith("<400> InternalError.Algo.InvalidParameter: Value error, ")
                .contains("exceed the limit, it should not be larger than 30.");
        assertThat(nativeRefusal.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(nativeRefusal.body()).get("message").asText()).contains("larger than 30.");
        assertThat(twoFit.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(twoFit.body()).get("usage").get("total_tokens").asInt())
                .isEqualTo(24);

        server.reset();
        assertThat(post(
                                COMPATIBLE,
                                server.apiKey(),
                                "{\"model\": \"qwen3-rerank\", \"query\": \"a query!\", \"documents\": " + documents
                                        + "}")
                        .statusCode())
                .isEqualTo(200);
    }

    private HttpResponse<String> post(String path, String key, String body) throws Exception {
        String host = server.baseUrl().substring(0, server.baseUrl().length() - "/compatible-mode/v1".length());
        HttpRequest request = HttpRequest.newBuilder(URI.create(host + path))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
