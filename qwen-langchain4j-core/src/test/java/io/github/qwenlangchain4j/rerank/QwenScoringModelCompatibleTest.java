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
import dev.langchain4j.model.output.Response;
import io.github.qwenlangchain4j.Fixtures;
import io.github.qwenlangchain4j.QwenApiError;
import io.github.qwenlangchain4j.QwenRegion;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * qwen3-rerank over Qwen's OpenAI-compatible rerank API, {@code POST https://<host>/compatible-api/v1/reranks}, and
 * the handling of requests Qwen refuses for their size, on both endpoints. Shapes from Qwen Cloud's "OpenAI
 * compatible reranking" reference (docs.qwencloud.com/api-reference/rerank/openai-rerank; see
 * fixtures/rerank/README.md): request {@code {"model", "query", "documents", "top_n", "instruct"}}, response
 * {@code {"id", "object": "list", "model", "results": [{"document": {"text"}, "index", "relevance_score"}], "usage":
 * {"total_tokens"}}}; limits from Model Studio's "Text rerank" API reference
 * (alibabacloud.com/help/en/model-studio/text-rerank-api) and its Chinese edition.
 */
class QwenScoringModelCompatibleTest extends RerankWireMockSupport {

    /** The reference's example query and documents (fixtures/rerank/compatible_request_qwen3.json). */
    static final String QUERY = "What is a rerank model?";

    static final List<TextSegment> DOCUMENTS = segments(
            "Rerank models are widely used in search engines and recommendation systems. They sort candidate"
                    + " documents based on text relevance.",
            "Quantum computing is a cutting-edge field of computer science.",
            "The development of pre-trained language models has brought new advancements to rerank models.");

    /** A compatible answer scoring document {@code i} of the request at {@code scores[i]}, best first. */
    static String compatibleResults(double... scores) {
        String nativeBody = results(scores);
        String results = nativeBody.substring(nativeBody.indexOf('['), nativeBody.indexOf(']') + 1);
        return "{\"id\":\"c-" + scores.length + "\",\"object\":\"list\",\"model\":\"qwen3-rerank\",\"results\":"
                + results + ",\"usage\":{\"total_tokens\":" + 10 * scores.length + "}}";
    }

    @Nested
    class Wire {

        @Test
        void should_send_the_documented_request_and_read_the_documented_response() throws Exception {
            stub(COMPATIBLE_PATH, json(200, Fixtures.read("rerank/compatible_response.json")));
            QwenScoringModel model = compatibleModel()
                    .topN(2)
                    .instruct("Given a web search query, retrieve relevant passages that answer the query.")
                    .build();

            Response<List<QwenRerankResult>> response = model.rerank(QUERY, DOCUMENTS);

            assertThat(sentBodies().get(0))
                    .isEqualTo(JSON.readTree(Fixtures.read("rerank/compatible_request_qwen3.json")));
            assertThat(response.content())
                    .containsExactly(new QwenRerankResult(0, DOCUMENTS.get(0), 0.9334521178273196));
            assertThat(response.tokenUsage().totalTokenCount()).isZero();
            server.verify(postRequestedFor(urlEqualTo(COMPATIBLE_PATH))
                    .withHeader("Authorization", equalTo("Bearer " + API_KEY)));
        }

        @Test
        void should_score_every_document_in_input_order_without_instruct_by_default() {
            stub(COMPATIBLE_PATH, json(200, compatibleResults(0.2, 0.9, 0.5)));

            Response<List<Double>> response = compatibleModel().build().scoreAll(DOCUMENTS, QUERY);

            assertThat(response.content()).containsExactly(0.2, 0.9, 0.5);
            assertThat(response.tokenUsage().totalTokenCount()).isEqualTo(30);
            JsonNode sent = sentBodies().get(0);
            assertThat(sent.get("top_n").asInt()).isEqualTo(3);
            assertThat(sent.has("instruct")).isFalse();
            assertThat(sent.has("input"))
                    .as("documents at the top level, not in input")
                    .isFalse();
        }

        @Test
        void should_find_a_missing_result_malformed() {
            stub(COMPATIBLE_PATH, json(200, Fixtures.read("rerank/compatible_response.json")));

            assertThatThrownBy(() -> compatibleModel().build().scoreAll(DOCUMENTS, QUERY))
                    .hasMessageContaining("Malformed response")
                    .hasMessageContaining("expected 3 rerank results, got 1");
        }
    }

    @Nested
    class Endpoint {

        @Test
        void should_call_qwen3_rerank_on_the_compatible_api_of_its_region() {
            assertThat(QwenScoringModel.builder().apiKey(API_KEY).build())
                    .satisfies(model -> assertThat(model.endpoint()).isEqualTo(QwenRerankEndpoint.COMPATIBLE))
                    .hasToString("QwenScoringModel{modelName=qwen3-rerank, endpoint=COMPATIBLE, topN=null,"
                            + " instruct=null, baseUrl=https://dashscope-intl.aliyuncs.com/compatible-api/v1,"
                            + " apiKey=***}");
            assertThat(QwenScoringModel.builder()
                            .apiKey(API_KEY)
                            .region(QwenRegion.CHINA_BEIJING)
                            .build()
                            .toString())
                    .contains("baseUrl=https://dashscope.aliyuncs.com/compatible-api/v1");
            assertThat(QwenRegion.HONG_KONG.compatibleApiBaseUrl())
                    .isEqualTo("https://cn-hongkong.dashscope.aliyuncs.com/compatible-api/v1");
        }

        @Test
        void should_map_a_compatible_mode_or_native_base_url_to_the_compatible_api_on_its_host() {
            assertThat(QwenRegion.compatibleApiBaseUrlOf("http://localhost:1/compatible-mode/v1/"))
                    .isEqualTo("http://localhost:1/compatible-api/v1");
            assertThat(QwenRegion.compatibleApiBaseUrlOf("http://localhost:1/api/v1"))
                    .isEqualTo("http://localhost:1/compatible-api/v1");
            assertThat(QwenRegion.compatibleApiBaseUrlOf("https://proxy.example/rerank"))
                    .isEqualTo("https://proxy.example/rerank");
        }

        @Test
        void should_keep_the_native_endpoint_reachable_for_qwen3_rerank_and_default_for_the_others() {
            stub(json(200, results(0.5)));

            compatibleModel().endpoint(QwenRerankEndpoint.NATIVE).build().score("text", "query");

            server.verify(postRequestedFor(urlEqualTo(RERANK_PATH)));
            assertThat(compatibleModel().modelName("gte-rerank-v2").build().endpoint())
                    .isEqualTo(QwenRerankEndpoint.NATIVE);
            assertThat(compatibleModel().modelName("qwen4-rerank").build().endpoint())
                    .isEqualTo(QwenRerankEndpoint.NATIVE);
        }

        @Test
        void should_refuse_the_compatible_endpoint_for_a_model_it_does_not_serve() {
            assertThatThrownBy(() -> compatibleModel()
                            .modelName("gte-rerank-v2")
                            .endpoint(QwenRerankEndpoint.COMPATIBLE)
                            .build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("serves qwen3-rerank only, not gte-rerank-v2")
                    .hasMessageContaining("QwenRerankEndpoint.NATIVE");
            assertThat(compatibleModel()
                            .modelName("qwen4-rerank")
                            .endpoint(QwenRerankEndpoint.COMPATIBLE)
                            .build()
                            .endpoint())
                    .as("a model this version does not know may be served there")
                    .isEqualTo(QwenRerankEndpoint.COMPATIBLE);
        }

        @Test
        void should_name_the_compatible_api_base_and_its_region_for_a_wrong_key() {
            stub(
                    COMPATIBLE_PATH,
                    json(
                            401,
                            "{\"error\":{\"message\":\"Incorrect API key provided. \",\"type\":\"invalid_request_error\","
                                    + "\"param\":null,\"code\":\"invalid_api_key\"},\"request_id\":\"r-401\"}"));

            Throwable thrown = catchThrowable(() -> compatibleModel().build().scoreAll(DOCUMENTS, QUERY));

            assertThat(thrown).isInstanceOf(AuthenticationException.class).hasMessageContaining("/compatible-api/v1");
            assertThat(thrown.getMessage()).doesNotContain(API_KEY);
        }
    }

    @Nested
    class RegionLimits {

        /** A client that sends every request to the WireMock server, whatever host the model calls. */
        private OkHttpClient toServer() {
            return new OkHttpClient.Builder()
                    .addInterceptor(chain -> {
                        HttpUrl url = chain.request()
                                .url()
                                .newBuilder()
                                .scheme("http")
                                .host("localhost")
                                .port(server.port())
                                .build();
                        return chain.proceed(
                                chain.request().newBuilder().url(url).build());
                    })
                    .build();
        }

        /** 60 documents of about 1,000 tokens with a 1,000-token query: 120,000 tokens as Qwen counts them. */
        private List<Double> scoreSixtyLongDocuments(QwenRegion region) {
            String text = "word ".repeat(999);
            List<TextSegment> documents = new java.util.ArrayList<>();
            for (int i = 0; i < 60; i++) {
                documents.add(TextSegment.from(text));
            }
            return QwenScoringModel.builder()
                    .apiKey(API_KEY)
                    .region(region)
                    .httpClient(toServer())
                    .maxRetries(0)
                    .build()
                    .scoreAll(documents, text)
                    .content();
        }

        @Test
        void should_send_120000_tokens_in_one_request_in_singapore() {
            stub(COMPATIBLE_PATH, json(200, compatibleResults(new double[60])));

            assertThat(scoreSixtyLongDocuments(QwenRegion.SINGAPORE)).hasSize(60);

            assertThat(sentBodies())
                    .extracting(body -> body.get("documents").size())
                    .containsExactly(60);
        }

        @Test
        void should_keep_requests_within_30000_tokens_in_beijing() {
            stub(COMPATIBLE_PATH, json(200, compatibleResults(new double[15])));

            assertThat(scoreSixtyLongDocuments(QwenRegion.CHINA_BEIJING)).hasSize(60);

            assertThat(sentBodies())
                    .extracting(body -> body.get("documents").size())
                    .containsExactly(15, 15, 15, 15);
        }
    }

    @Nested
    class SizeRefusals {

        /** Qwen's refusal of a request over its token limit (the mock's wording; no capture of Qwen's was found). */
        static final String TOO_MANY_TOKENS = "<400> InternalError.Algo.InvalidParameter: Value error, the input"
                + " tokens of the request (query tokens x documents + document tokens) exceed the limit, it should"
                + " not be larger than 30000.: documents";

        static String compatibleRefusal() {
            return "{\"error\":{\"code\":\"InvalidParameter\",\"param\":null,\"message\":\"" + TOO_MANY_TOKENS
                    + "\",\"type\":\"InvalidParameter\"},\"id\":\"r-400\",\"request_id\":\"r-400\"}";
        }

        /** Answers the requests to {@code path} in turn: {@code statuses[i]} with {@code bodies[i]}. */
        private void answerInOrder(String path, int[] statuses, String... bodies) {
            for (int i = 0; i < bodies.length; i++) {
                server.stubFor(post(urlEqualTo(path))
                        .inScenario("answers")
                        .whenScenarioStateIs(i == 0 ? STARTED : "" + i)
                        .willReturn(json(statuses[i], bodies[i]))
                        .willSetStateTo("" + (i + 1)));
            }
        }

        @Test
        void should_split_a_batch_qwen_refuses_for_its_size_in_halves_and_keep_the_order() {
            answerInOrder(
                    COMPATIBLE_PATH,
                    new int[] {400, 200, 200},
                    compatibleRefusal(),
                    compatibleResults(0.1, 0.9),
                    compatibleResults(0.4, 0.3));

            Response<List<Double>> response = compatibleModel().build().scoreAll(numbered(4), "document");

            assertThat(response.content()).containsExactly(0.1, 0.9, 0.4, 0.3);
            assertThat(response.tokenUsage().totalTokenCount()).isEqualTo(40);
            assertThat(sentBodies())
                    .extracting(body -> body.get("documents").size())
                    .containsExactly(4, 2, 2);
        }

        @Test
        void should_split_on_the_native_endpoint_too_and_keep_the_overall_top_n() {
            String nativeRefusal =
                    "{\"code\":\"InvalidParameter\",\"message\":\"" + TOO_MANY_TOKENS + "\",\"request_id\":\"r-400\"}";
            answerInOrder(
                    RERANK_PATH,
                    new int[] {400, 400, 200, 200, 200},
                    nativeRefusal,
                    nativeRefusal,
                    results(0.2, 0.3),
                    results(0.8, 0.1),
                    "{\"output\":{\"results\":[{\"index\":2,\"relevance_score\":0.7},"
                            + "{\"index\":1,\"relevance_score\":0.6}]}}");

            List<QwenRerankResult> best =
                    model().topN(2).build().rerank("document", numbered(8)).content();

            assertThat(best).extracting(QwenRerankResult::index).containsExactly(2, 6);
            assertThat(sentBodies())
                    .extracting(body -> body.get("input").get("documents").size())
                    .containsExactly(8, 4, 2, 2, 4);
        }

        @Test
        void should_name_a_segment_qwen_refuses_even_alone_and_the_limit() {
            stub(COMPATIBLE_PATH, json(400, compatibleRefusal()));

            Throwable thrown = catchThrowable(() -> compatibleModel().build().scoreAll(numbered(2), "document"));

            assertThat(thrown)
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("Qwen refused segments[0] for its size even alone")
                    .hasMessageContaining("at most 30000 tokens per request for qwen3-rerank")
                    .hasMessageContaining("r-400");
            assertThat(thrown.getCause()).isInstanceOf(InvalidRequestException.class);
            assertThat(requestCount()).isEqualTo(2); // both, then the first half alone
        }

        @Test
        void should_name_the_document_qwen_says_is_too_long_without_splitting() {
            answerInOrder(
                    RERANK_PATH,
                    new int[] {200, 400},
                    results(0.1, 0.2),
                    Fixtures.read("rerank/error_document_too_long.json"));

            Throwable thrown = catchThrowable(() -> model().modelName("gte-rerank-v2")
                    .maxDocumentsPerRequest(2)
                    .build()
                    .scoreAll(numbered(4), "document"));

            assertThat(thrown)
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("Qwen refused segments[2] for its size (")
                    .hasMessageContaining("document index:0 is invalid");
            assertThat(requestCount()).isEqualTo(2);
        }

        @Test
        void should_not_split_on_other_refusals() {
            stub(COMPATIBLE_PATH, json(400, Fixtures.read("rerank/error_batch_size.json")));

            Throwable thrown = catchThrowable(() -> compatibleModel().build().scoreAll(numbered(3), "document"));

            assertThat(thrown).isInstanceOf(InvalidRequestException.class).hasMessageContaining("batch size");
            assertThat(((QwenApiError) thrown.getCause()).code()).isEqualTo("InvalidParameter");
            assertThat(requestCount()).isEqualTo(1);
        }
    }
}
