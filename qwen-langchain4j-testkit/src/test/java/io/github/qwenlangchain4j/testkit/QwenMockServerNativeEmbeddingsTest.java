package io.github.qwenlangchain4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * The mock's native text embedding endpoint, against the shapes of Qwen's DashScope text embedding API reference
 * (docs.qwencloud.com/api-reference/text-embedding/dashscope-embedding): {@code input.texts} and
 * {@code parameters.dimension} / {@code parameters.text_type} in, {@code output.embeddings[].embedding} with
 * {@code text_index}, {@code usage.total_tokens} and {@code request_id} out; DashScope's flat error bodies.
 */
class QwenMockServerNativeEmbeddingsTest extends MockServerHttpSupport {

    private static final String PATH = "/api/v1/services/embeddings/text-embedding/text-embedding";

    @Test
    void answers_one_vector_per_text_with_its_index_in_the_native_shape() throws Exception {
        HttpResponse<String> response = embed("""
                {"model": "text-embedding-v4", "input": {"texts": ["风急天高猿啸哀", "渚清沙白鸟飞回"]},
                 "parameters": {"dimension": 512, "text_type": "query"}}""");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        JsonNode embeddings = body.get("output").get("embeddings");
        assertThat(embeddings).hasSize(2);
        assertThat(embeddings.get(1).get("text_index").asInt()).isEqualTo(1);
        assertThat(embeddings.get(0).get("embedding")).hasSize(512);
        assertThat(body.get("usage").get("total_tokens").asInt()).isPositive();
        assertThat(body.get("request_id").asText())
                .isEqualTo(response.headers().firstValue("x-request-id").get());
    }

    @Test
    void embeds_a_text_as_compatible_mode_does_whatever_its_text_type() throws Exception {
        JsonNode query = JSON.readTree(embed("""
                        {"model": "text-embedding-v4", "input": {"texts": ["same text"]},
                         "parameters": {"text_type": "query"}}""").body());
        JsonNode document = JSON.readTree(embed("""
                        {"model": "text-embedding-v4", "input": {"texts": ["same text"]},
                         "parameters": {"text_type": "document"}}""").body());

        JsonNode vector = query.get("output").get("embeddings").get(0).get("embedding");
        assertThat(vector).hasSize(1024);
        assertThat(document.get("output").get("embeddings").get(0).get("embedding"))
                .isEqualTo(vector);
    }

    @Test
    void refuses_an_unknown_text_type_too_many_texts_and_a_wrong_dimension_with_flat_errors() throws Exception {
        HttpResponse<String> textType = embed("""
                {"model": "text-embedding-v4", "input": {"texts": ["a"]}, "parameters": {"text_type": "passage"}}""");
        HttpResponse<String> tooMany = embed("""
                {"model": "text-embedding-v4", "input": {"texts": ["1","2","3","4","5","6","7","8","9","10","11"]}}""");
        HttpResponse<String> dimension = embed("""
                {"model": "text-embedding-v3", "input": {"texts": ["a"]}, "parameters": {"dimension": 2048}}""");

        for (HttpResponse<String> refused : java.util.List.of(textType, tooMany, dimension)) {
            assertThat(refused.statusCode()).isEqualTo(400);
            JsonNode body = JSON.readTree(refused.body());
            assertThat(body.get("code").asText()).isEqualTo("InvalidParameter");
            assertThat(body.get("request_id").asText()).isNotBlank();
        }
        assertThat(JSON.readTree(tooMany.body()).get("message").asText()).contains("10");
    }

    private HttpResponse<String> embed(String body) throws Exception {
        String host = server.baseUrl().substring(0, server.baseUrl().length() - "/compatible-mode/v1".length());
        HttpRequest request = HttpRequest.newBuilder(URI.create(host + PATH))
                .header("Authorization", "Bearer " + server.apiKey())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
