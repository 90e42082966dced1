package io.github.qwenlangchain4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The mock's model list, {@code GET /api/v1/models}, against Model Studio's "List models" API reference
 * (https://www.alibabacloud.com/help/en/model-studio/list-models, last updated Sep 28 2026, and its Chinese edition
 * https://help.aliyun.com/zh/model-studio/list-models): the {@code success}/{@code output}/{@code request_id}
 * envelope, {@code output.total}, {@code page_no} and {@code page_size}, each model's documented fields, paging by
 * {@code page_no} until {@code output.total}, filters by repeated {@code providers} and {@code capabilities}, and
 * DashScope's flat error bodies.
 */
class QwenMockServerModelCatalogTest extends MockServerHttpSupport {

    private static final String PATH = "/api/v1/models";

    @Nested
    class Shape {

        @Test
        void should_answer_in_the_documented_envelope() throws Exception {
            HttpResponse<String> response = list(server.apiKey(), "");

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode body = JSON.readTree(response.body());
            assertThat(body.get("success").asBoolean()).isTrue();
            assertThat(body.get("code").isNull()).isTrue();
            assertThat(body.get("message").isNull()).isTrue();
            assertThat(body.get("request_id").asText())
                    .isEqualTo(response.headers().firstValue("x-request-id").get());
            JsonNode output = body.get("output");
            assertThat(output.get("page_no").asInt()).isEqualTo(1);
            assertThat(output.get("page_size").asInt()).isEqualTo(20); // the documented default
            assertThat(output.get("models")).hasSize(output.get("total").asInt());
        }

        @Test
        void should_describe_a_model_with_the_documented_fields() throws Exception {
            JsonNode model = JSON.readTree(
                            list(server.apiKey(), "?model=qwen3-max").body())
                    .get("output")
                    .get("models")
                    .get(0);

            // the page's example entry for qwen3-max
            assertThat(model.get("model").asText()).isEqualTo("qwen3-max");
            assertThat(model.get("provider").asText()).isEqualTo("qwen");
            assertThat(model.get("capabilities").toString()).isEqualTo("[\"TG\"]");
            assertThat(model.get("published_time").asText()).isEqualTo("2025-11-11 12:00:00");
            assertThat(model.get("inference_metadata").get("request_modality").toString())
                    .isEqualTo("[\"Text\"]");
            JsonNode info = model.get("model_info");
            assertThat(info.get("context_window").asLong()).isEqualTo(131_072);
            assertThat(info.get("max_input_tokens").asLong()).isEqualTo(130_048);
            assertThat(info.get("max_output_tokens").asLong()).isEqualTo(16_384);
            assertThat(info.get("max_reasoning_tokens").isNull()).isTrue();
            JsonNode price = model.get("prices").get(0);
            assertThat(price.get("range_name").asText()).isEqualTo("Default");
            assertThat(price.get("prices").get(0).get("type").asText()).isEqualTo("input_token");
        }

        @Test
        void should_give_null_limits_to_a_model_they_do_not_apply_to() throws Exception {
            JsonNode model = JSON.readTree(
                            list(server.apiKey(), "?model=qwen-image-max").body())
                    .get("output")
                    .get("models")
                    .get(0);

            assertThat(model.get("published_time").isNull()).isTrue();
            assertThat(model.get("model_info").get("context_window").isNull()).isTrue();
            assertThat(model.get("inference_metadata").get("response_modality").toString())
                    .isEqualTo("[\"Image\"]");
        }
    }

    @Nested
    class Paging {

        @Test
        void should_page_through_every_model_until_the_total() throws Exception {
            List<String> ids = new ArrayList<>();
            int total = Integer.MAX_VALUE;
            for (int page = 1; ids.size() < total; page++) {
                JsonNode output = JSON.readTree(list(server.apiKey(), "?page_no=" + page + "&page_size=4")
                                .body())
                        .get("output");
                total = output.get("total").asInt();
                assertThat(output.get("page_no").asInt()).isEqualTo(page);
                assertThat(output.get("models").size()).isLessThanOrEqualTo(4);
                output.get("models").forEach(m -> ids.add(m.get("model").asText()));
            }

            assertThat(ids).hasSize(total).doesNotHaveDuplicates().contains("qwen-plus", "text-embedding-v4");
        }

        @Test
        void should_answer_a_page_past_the_end_with_no_models() throws Exception {
            JsonNode output =
                    JSON.readTree(list(server.apiKey(), "?page_no=50").body()).get("output");

            assertThat(output.get("models")).isEmpty();
            assertThat(output.get("total").asInt()).isPositive();
        }

        @Test
        void should_refuse_a_page_number_that_is_not_positive() throws Exception {
            HttpResponse<String> response = list(server.apiKey(), "?page_no=0");

            assertThat(response.statusCode()).isEqualTo(400);
            JsonNode body = JSON.readTree(response.body());
            assertThat(body.get("code").asText()).isEqualTo("InvalidParameter");
            assertThat(body.get("message").asText()).contains("page_no");
        }
    }

    @Nested
    class Filters {

        @Test
        void should_list_the_models_of_any_repeated_provider() throws Exception {
            JsonNode models = JSON.readTree(list(server.apiKey(), "?providers=deepseek&providers=wan")
                            .body())
                    .get("output")
                    .get("models");

            assertThat(models).extracting(m -> m.get("model").asText()).containsExactly("deepseek-v3.2", "wan2.6-t2v");
        }

        @Test
        void should_list_the_models_of_any_repeated_capability() throws Exception {
            JsonNode models = JSON.readTree(list(server.apiKey(), "?capabilities=TR&capabilities=IG")
                            .body())
                    .get("output")
                    .get("models");

            assertThat(models)
                    .extracting(m -> m.get("model").asText())
                    .containsExactly("text-embedding-v4", "qwen-image-max");
        }

        @Test
        void should_search_names_fuzzily() throws Exception {
            JsonNode models = JSON.readTree(
                            list(server.apiKey(), "?name=RERANK").body())
                    .get("output")
                    .get("models");

            assertThat(models).extracting(m -> m.get("model").asText()).containsExactly("qwen3-rerank");
        }
    }

    @Nested
    class Refusals {

        @Test
        void should_refuse_a_wrong_key_in_the_flat_body() throws Exception {
            HttpResponse<String> response = list("sk-wrong", "");

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(JSON.readTree(response.body()).get("code").asText()).isEqualTo("InvalidApiKey");
        }

        @Test
        void should_refuse_another_method() throws Exception {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(host() + PATH))
                            .header("Authorization", "Bearer " + server.apiKey())
                            .POST(HttpRequest.BodyPublishers.ofString("{}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(405);
        }
    }

    private String host() {
        return server.baseUrl().replace("/compatible-mode/v1", "");
    }

    private HttpResponse<String> list(String key, String query) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(host() + PATH + query))
                        .header("Authorization", "Bearer " + key)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
