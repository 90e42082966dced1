package io.github.qwenlangchain4j.rerank;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.model.output.Response;
import io.github.qwenlangchain4j.Fixtures;
import io.github.qwenlangchain4j.QwenApiError;
import io.github.qwenlangchain4j.QwenRegion;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * QwenScoringModel against a stand-in for DashScope's native text rerank endpoint. Shapes from Model Studio's
 * "Text rerank" API reference (alibabacloud.com/help/en/model-studio/text-rerank-api, help.aliyun.com/zh/model-studio/
 * text-rerank-api; see fixtures/rerank/README.md): request {@code {"model", "input": {"query", "documents"},
 * "parameters": {"return_documents", "top_n", "instruct"}}}, response {@code {"output": {"results": [{"index",
 * "relevance_score", "document"}]}, "usage": {"total_tokens"}, "request_id"}}; qwen3-vl-rerank's documents as
 * {@code {"text": ...}} objects (the reference's qwen3-vl-rerank example).
 */
class QwenScoringModelTest extends RerankWireMockSupport {

    /** The reference's example query and documents (fixtures/rerank/rerank_request_qwen3.json). */
    static final String QUERY = "什么是文本排序模型";

    static final List<TextSegment> DOCUMENTS =
            segments("文本排序模型广泛用于搜索引擎和推荐系统中，它们根据文本相关性对候选文本进行排序", "量子计算是计算科学的一个前沿领域", "预训练语言模型的发展给文本排序模型带来了新的进展");

    @Nested
    class Wire {

        @Test
        void rerank_sends_the_documented_request_and_reads_the_documented_response() throws Exception {
            stub(json(200, Fixtures.read("rerank/rerank_response_top2.json")));
            QwenScoringModel model = model().topN(2).build();

            Response<List<QwenRerankResult>> response = model.rerank(QUERY, DOCUMENTS);

            JsonNode documented = JSON.readTree(Fixtures.read("rerank/rerank_request_qwen3.json"));
            JsonNode sent = sentBodies().get(0);
            assertThat(sent.get("model")).isEqualTo(documented.get("model"));
            assertThat(sent.get("input")).isEqualTo(documented.get("input"));
            // the caller has the documents: not echoed back; top_n is the configured topN
            assertThat(sent.get("parameters").toString()).isEqualTo("{\"return_documents\":false,\"top_n\":2}");
            assertThat(response.content())
                    .containsExactly(
                            new QwenRerankResult(0, DOCUMENTS.get(0), 0.9334521178273196),
                            new QwenRerankResult(2, DOCUMENTS.get(2), 0.34100082626411193));
            assertThat(response.tokenUsage().inputTokenCount()).isEqualTo(79);
            assertThat(response.tokenUsage().totalTokenCount()).isEqualTo(79);
            server.verify(postRequestedFor(urlEqualTo(RERANK_PATH))
                    .withHeader("Authorization", equalTo("Bearer " + API_KEY)));
        }

        @Test
        void scoreAll_returns_one_score_per_segment_in_input_order() {
            stub(json(200, results(0.2, 0.9, 0.5)));

            Response<List<Double>> response = model().build().scoreAll(DOCUMENTS, QUERY);

            assertThat(response.content()).containsExactly(0.2, 0.9, 0.5);
            assertThat(response.tokenUsage().totalTokenCount()).isEqualTo(30);
            JsonNode parameters = sentBodies().get(0).get("parameters");
            assertThat(parameters.get("top_n").asInt())
                    .as("every document is asked for")
                    .isEqualTo(3);
            assertThat(parameters.has("instruct")).isFalse();
        }

        @Test
        void score_of_one_segment_goes_through_scoreAll() {
            stub(json(200, results(0.75)));

            assertThat(model().build()
                            .score("Paris is the capital of France.", "capital of France")
                            .content())
                    .isEqualTo(0.75);
        }

        @Test
        void instruct_is_sent_for_qwen3_rerank() {
            stub(json(200, results(0.1, 0.2, 0.3)));

            model().instruct("Retrieve semantically similar text.").build().scoreAll(DOCUMENTS, QUERY);

            assertThat(sentBodies().get(0).get("parameters").get("instruct").asText())
                    .isEqualTo("Retrieve semantically similar text.");
        }

        @Test
        void qwen3_vl_rerank_gets_its_documents_as_text_objects() {
            stub(json(200, results(0.1, 0.2, 0.3)));

            model().modelName("qwen3-vl-rerank").build().scoreAll(DOCUMENTS, QUERY);

            JsonNode documents = sentBodies().get(0).get("input").get("documents");
            assertThat(documents.get(0).get("text").asText())
                    .isEqualTo(DOCUMENTS.get(0).text());
            assertThat(documents).hasSize(3);
        }

        @Test
        void gte_rerank_v2_gets_plain_strings() {
            stub(json(200, results(0.1, 0.2, 0.3)));

            model().modelName("gte-rerank-v2").build().scoreAll(DOCUMENTS, QUERY);

            JsonNode sent = sentBodies().get(0);
            assertThat(sent.get("model").asText()).isEqualTo("gte-rerank-v2");
            assertThat(sent.get("input").get("documents").get(1).asText())
                    .isEqualTo(DOCUMENTS.get(1).text());
        }
    }

    @Nested
    class Endpoint {

        @Test
        void each_region_has_its_native_base_on_the_compatible_mode_host() {
            assertThat(QwenRegion.SINGAPORE.nativeBaseUrl()).isEqualTo("https://dashscope-intl.aliyuncs.com/api/v1");
            assertThat(QwenRegion.CHINA_BEIJING.nativeBaseUrl()).isEqualTo("https://dashscope.aliyuncs.com/api/v1");
            assertThat(QwenRegion.US_VIRGINIA.nativeBaseUrl()).isEqualTo("https://dashscope-us.aliyuncs.com/api/v1");
            assertThat(QwenRegion.HONG_KONG.nativeBaseUrl())
                    .isEqualTo("https://cn-hongkong.dashscope.aliyuncs.com/api/v1");
        }

        @Test
        void the_native_endpoint_calls_its_region_s_native_base_and_singapore_without_one() {
            assertThat(QwenScoringModel.builder()
                            .apiKey(API_KEY)
                            .endpoint(QwenRerankEndpoint.NATIVE)
                            .build()
                            .toString())
                    .contains("baseUrl=https://dashscope-intl.aliyuncs.com/api/v1");
            assertThat(QwenScoringModel.builder()
                            .apiKey(API_KEY)
                            .modelName("gte-rerank-v2")
                            .region(QwenRegion.CHINA_BEIJING)
                            .build()
                            .toString())
                    .contains("endpoint=NATIVE")
                    .contains("baseUrl=https://dashscope.aliyuncs.com/api/v1");
        }

        @Test
        void a_native_base_url_is_used_as_given() {
            stub(json(200, results(0.5)));

            QwenScoringModel.builder()
                    .apiKey(API_KEY)
                    .baseUrl(server.baseUrl() + "/api/v1/")
                    .endpoint(QwenRerankEndpoint.NATIVE)
                    .build()
                    .score("text", "query");

            server.verify(postRequestedFor(urlEqualTo(RERANK_PATH)));
        }

        @Test
        void toString_never_shows_the_api_key() {
            QwenScoringModel model = model().build();

            assertThat(model.toString())
                    .doesNotContain(API_KEY)
                    .contains("apiKey=***")
                    .contains("qwen3-rerank");
        }
    }

    @Nested
    class RefusedBeforeSending {

        @Test
        void a_blank_or_missing_query() {
            QwenScoringModel model = model().build();

            assertThatThrownBy(() -> model.scoreAll(DOCUMENTS, " "))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("query");
            assertThatThrownBy(() -> model.rerank(null, DOCUMENTS))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("query");
            assertThat(requestCount()).isZero();
        }

        @Test
        void a_null_segment_named_by_index() {
            QwenScoringModel model = model().build();
            List<TextSegment> withNull = new ArrayList<>(DOCUMENTS);
            withNull.add(1, null);

            assertThatThrownBy(() -> model.scoreAll(withNull, QUERY))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("segments[1] is null");
            assertThatThrownBy(() -> model.scoreAll(null, QUERY)).isInstanceOf(IllegalArgumentException.class);
            assertThat(requestCount()).isZero();
        }

        @Test
        void no_segments_score_nothing_without_a_request() {
            QwenScoringModel model = model().build();

            assertThat(model.scoreAll(List.of(), QUERY).content()).isEmpty();
            assertThat(model.rerank(QUERY, List.of()).content()).isEmpty();
            assertThat(requestCount()).isZero();
        }

        @Test
        void instruct_for_a_model_that_does_not_take_it() {
            assertThatThrownBy(() -> model().modelName("gte-rerank-v2")
                            .instruct("Retrieve similar text.")
                            .build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("instruct is only supported by qwen3-rerank, not by gte-rerank-v2");
            assertThatThrownBy(() -> model().modelName("qwen3-vl-rerank")
                            .instruct("Retrieve similar text.")
                            .build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("qwen3-vl-rerank");
            assertThatThrownBy(() -> model().instruct(" ").build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("instruct must not be blank");
        }

        @Test
        void invalid_limits_and_topN() {
            assertThatThrownBy(() -> model().topN(0).build()).hasMessageContaining("topN must be at least 1");
            assertThatThrownBy(() -> model().maxDocumentsPerRequest(501).build())
                    .hasMessageContaining(
                            "maxDocumentsPerRequest 501 exceeds what the model accepts per request (500)");
            assertThatThrownBy(() -> model().modelName("qwen3-vl-rerank")
                            .maxDocumentsPerRequest(101)
                            .build())
                    .hasMessageContaining("(100)");
            assertThatThrownBy(() -> model().maxTokensPerRequest(0).build())
                    .hasMessageContaining("maxTokensPerRequest must be at least 1");
            assertThatThrownBy(() -> model().modelName(" ").build()).hasMessageContaining("modelName");
        }

        @Test
        void a_missing_api_key_names_the_variable() {
            assertThatThrownBy(() -> QwenScoringModel.builder().build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("DASHSCOPE_API_KEY");
        }
    }

    @Nested
    class Batching {

        @Test
        void more_documents_than_a_request_takes_are_split_and_scored_in_input_order() {
            stubInOrder(results(descending(500)), results(0.999));

            Response<List<Double>> response = model().build().scoreAll(numbered(501), "document");

            assertThat(sentBodies())
                    .extracting(body -> body.get("input").get("documents").size())
                    .containsExactly(500, 1);
            assertThat(sentBodies().get(1).get("input").get("documents").get(0).asText())
                    .isEqualTo("document 500");
            List<Double> expected = new ArrayList<>();
            for (double score : descending(500)) {
                expected.add(score);
            }
            expected.add(0.999);
            assertThat(response.content()).containsExactlyElementsOf(expected);
            assertThat(response.tokenUsage().totalTokenCount()).isEqualTo(5000 + 10);
        }

        @Test
        void a_configured_batch_size_is_honoured() {
            stub(json(200, results(0.3, 0.6)));

            model().maxDocumentsPerRequest(2).build().scoreAll(numbered(4), "document");

            assertThat(sentBodies())
                    .extracting(body -> body.get("input").get("documents").size())
                    .containsExactly(2, 2);
        }

        @Test
        void requests_stay_within_the_token_limit_counting_the_query_once_per_document() {
            stubInOrder(results(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7), results(0.1, 0.2, 0.3));
            // 9,000 one-token words: Qwen reads 4,000 tokens of each (the per-item limit), so each document costs
            // 4,000 + the query's 2 tokens; gte-rerank-v2 takes 30,000 per request: 7 documents (28,014), not 8.
            String longText = "word ".repeat(9_000);
            List<TextSegment> documents = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                documents.add(TextSegment.from(i + " " + longText));
            }

            assertThat(model().modelName("gte-rerank-v2")
                            .build()
                            .scoreAll(documents, "query words")
                            .content())
                    .hasSize(10);

            assertThat(sentBodies())
                    .extracting(body -> body.get("input").get("documents").size())
                    .containsExactly(7, 3);
        }

        @Test
        void an_exact_token_estimator_and_a_raised_limit_pack_requests_fuller() {
            stubInOrder(results(0.1, 0.2, 0.3), results(0.4));
            FixedEstimator estimator = new FixedEstimator(1_000);

            model().tokenCountEstimator(estimator)
                    .maxTokensPerRequest(6_000)
                    .build()
                    .scoreAll(numbered(4), "document");

            // (1,000 query + 1,000 document) per document: 3 documents make 6,000
            assertThat(sentBodies())
                    .extracting(body -> body.get("input").get("documents").size())
                    .containsExactly(3, 1);
        }

        @Test
        void rerank_asks_each_request_for_at_most_topN_and_keeps_the_overall_best() {
            stubInOrder(
                    "{\"output\":{\"results\":[{\"index\":1,\"relevance_score\":0.8},"
                            + "{\"index\":0,\"relevance_score\":0.3}]},\"usage\":{\"total_tokens\":12}}",
                    "{\"output\":{\"results\":[{\"index\":2,\"relevance_score\":0.9},"
                            + "{\"index\":0,\"relevance_score\":0.5}]},\"usage\":{\"total_tokens\":13}}");
            List<TextSegment> documents = numbered(6);

            Response<List<QwenRerankResult>> response =
                    model().topN(2).maxDocumentsPerRequest(3).build().rerank("document", documents);

            assertThat(sentBodies())
                    .extracting(body -> body.get("parameters").get("top_n").asInt())
                    .containsExactly(2, 2);
            assertThat(response.content())
                    .containsExactly(
                            new QwenRerankResult(5, documents.get(5), 0.9),
                            new QwenRerankResult(1, documents.get(1), 0.8));
            assertThat(response.tokenUsage().totalTokenCount()).isEqualTo(25);
        }

        private double[] descending(int count) {
            double[] scores = new double[count];
            for (int i = 0; i < count; i++) {
                scores[i] = 0.9 - i * 0.001;
            }
            return scores;
        }
    }

    @Nested
    class Errors {

        @Test
        void a_flat_native_400_is_an_invalid_request_with_qwen_s_message_and_is_not_retried() {
            stub(json(400, Fixtures.read("rerank/error_batch_size.json")));

            Throwable thrown =
                    catchThrowable(() -> model().maxRetries(2).build().scoreAll(DOCUMENTS, QUERY));

            assertThat(thrown)
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("batch size of documents is invalid")
                    .hasMessageContaining("2e5de67c-bbfe-9680-b8e2-9697ecd74c40");
            assertThat(((QwenApiError) thrown.getCause()).code()).isEqualTo("InvalidParameter");
            assertThat(requestCount()).isEqualTo(1);
        }

        @Test
        void an_unknown_model_is_model_not_found() {
            // DashScope's native answer to an unknown model, as quoted in DashScope clients' tests
            stub(json(
                    404,
                    "{\"code\":\"InvalidParameter\",\"message\":\"Model not exist.\",\"request_id\":\"db111b3e\"}"));

            assertThatThrownBy(() -> model().modelName("qwen9-rerank").build().scoreAll(DOCUMENTS, QUERY))
                    .isInstanceOf(ModelNotFoundException.class)
                    .hasMessageContaining("Model not exist.");
        }

        @Test
        void a_wrong_key_is_an_authentication_error_naming_the_native_region_base_without_the_key() {
            stub(json(
                    401,
                    "{\"code\":\"InvalidApiKey\",\"message\":\"Invalid API-key provided.\","
                            + "\"request_id\":\"r-401\"}"));

            Throwable thrown = catchThrowable(() -> model().build().scoreAll(DOCUMENTS, QUERY));

            assertThat(thrown).isInstanceOf(AuthenticationException.class).hasMessageContaining("/api/v1");
            assertThat(thrown.getMessage()).doesNotContain(API_KEY);
        }

        @Test
        void a_rate_limit_is_retried() {
            server.stubFor(post(urlEqualTo(RERANK_PATH))
                    .inScenario("429")
                    .whenScenarioStateIs(STARTED)
                    .willReturn(json(
                            429,
                            "{\"code\":\"Throttling.RateQuota\",\"message\":\"Requests rate limit"
                                    + " exceeded, please try again later.\",\"request_id\":\"r-429\"}"))
                    .willSetStateTo("ok"));
            server.stubFor(post(urlEqualTo(RERANK_PATH))
                    .inScenario("429")
                    .whenScenarioStateIs("ok")
                    .willReturn(json(200, results(0.4, 0.5, 0.6))));

            assertThat(model().maxRetries(1).build().scoreAll(DOCUMENTS, QUERY).content())
                    .containsExactly(0.4, 0.5, 0.6);
            assertThat(requestCount()).isEqualTo(2);
        }

        @Test
        void a_result_list_that_misses_a_document_is_malformed() {
            stub(json(200, Fixtures.read("rerank/rerank_response_top2.json")));

            assertThatThrownBy(() -> model().build().scoreAll(DOCUMENTS, QUERY))
                    .isInstanceOf(LangChain4jException.class)
                    .hasMessageContaining("Malformed response")
                    .hasMessageContaining("expected 3 rerank results, got 2");
        }

        @Test
        void a_repeated_or_out_of_range_index_is_malformed() {
            stub(json(
                    200,
                    "{\"output\":{\"results\":[{\"index\":0,\"relevance_score\":0.5},"
                            + "{\"index\":0,\"relevance_score\":0.4},{\"index\":7,\"relevance_score\":0.3}]}}"));

            assertThatThrownBy(() -> model().build().scoreAll(DOCUMENTS, QUERY))
                    .hasMessageContaining("rerank result index 0 is missing, repeated or outside 0..2");
        }
    }

    /** An estimator that gives every text the same count. */
    private record FixedEstimator(int tokens) implements dev.langchain4j.model.TokenCountEstimator {

        @Override
        public int estimateTokenCountInText(String text) {
            return tokens;
        }

        @Override
        public int estimateTokenCountInMessage(dev.langchain4j.data.message.ChatMessage message) {
            return tokens;
        }

        @Override
        public int estimateTokenCountInMessages(Iterable<dev.langchain4j.data.message.ChatMessage> messages) {
            return tokens;
        }
    }
}
