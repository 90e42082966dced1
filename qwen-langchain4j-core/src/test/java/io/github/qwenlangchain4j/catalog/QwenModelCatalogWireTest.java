package io.github.qwenlangchain4j.catalog;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.catalog.ModelDescription;
import dev.langchain4j.model.catalog.ModelType;
import io.github.qwenlangchain4j.Fixtures;
import io.github.qwenlangchain4j.QwenRegion;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * {@link QwenModelCatalog} on the wire, after Model Studio's "List models" API reference
 * (https://www.alibabacloud.com/help/en/model-studio/list-models, last updated Sep 28 2026; Chinese edition
 * https://help.aliyun.com/zh/model-studio/list-models, whose response example is the fixture
 * {@code catalog/list_models_response_doc.json}): {@code GET /api/v1/models} with a bearer key, query parameters
 * {@code name}, {@code language}, {@code page_no}, {@code page_size} and repeated {@code providers} /
 * {@code capabilities}; the answer {@code {"success", "output": {"total", "page_no", "page_size", "models"},
 * "request_id"}}.
 */
class QwenModelCatalogWireTest {

    private static final String API_KEY = "sk-test-SECRET-catalog-0987654321";
    private static final String PATH = "/api/v1/models";

    private WireMockServer server;

    @BeforeEach
    void startServer() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop();
    }

    private QwenModelCatalog.Builder catalog() {
        return QwenModelCatalog.builder()
                .apiKey(API_KEY)
                .baseUrl(server.baseUrl() + "/compatible-mode/v1")
                .maxRetries(0);
    }

    private void answer(int status, String body) {
        server.stubFor(get(urlPathEqualTo(PATH))
                .willReturn(aResponse()
                        .withStatus(status)
                        .withHeader("Content-Type", "application/json")
                        .withBody(body)));
    }

    /** Pages answered in order. */
    private void answerPages(String... bodies) {
        for (int i = 0; i < bodies.length; i++) {
            server.stubFor(get(urlPathEqualTo(PATH))
                    .inScenario("pages")
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "page " + (i + 1))
                    .willSetStateTo("page " + (i + 2))
                    .willReturn(aResponse()
                            .withHeader("Content-Type", "application/json")
                            .withBody(bodies[i])));
        }
    }

    private static String page(Integer total, String... ids) {
        StringBuilder models = new StringBuilder();
        for (String id : ids) {
            models.append(models.length() == 0 ? "" : ",")
                    .append("{\"model\":\"")
                    .append(id)
                    .append("\"}");
        }
        return "{\"success\":true,\"output\":{" + (total == null ? "" : "\"total\":" + total + ",") + "\"models\":["
                + models + "]},\"request_id\":\"req-1\"}";
    }

    private List<LoggedRequest> requests() {
        return server.findAll(getRequestedFor(urlPathEqualTo(PATH)));
    }

    @Nested
    class Mapping_the_documented_example {

        @Test
        void should_map_a_chat_model_with_its_limits_and_release_date() {
            answerPages(Fixtures.read("catalog/list_models_response_doc.json"), page(168));

            ModelDescription qwen3Max = catalog().build().listModels().get(0);

            assertThat(qwen3Max.name()).isEqualTo("qwen3-max");
            assertThat(qwen3Max.displayName()).isEqualTo("通义千问3-Max");
            assertThat(qwen3Max.description()).startsWith("通义千问3系列Max模型");
            assertThat(qwen3Max.provider()).isEqualTo(ModelProvider.OTHER);
            assertThat(qwen3Max.type()).isEqualTo(ModelType.CHAT); // no capabilities in the example: text out
            assertThat(qwen3Max.maxInputTokens()).isEqualTo(130_048);
            assertThat(qwen3Max.maxOutputTokens()).isEqualTo(16_384);
            assertThat(qwen3Max.createdAt()).hasToString("2025-11-11T04:00:00Z");
            assertThat(qwen3Max.owner()).isNull(); // the example names no provider
        }

        @Test
        void should_map_an_image_model_whose_limits_and_date_are_null() {
            answerPages(Fixtures.read("catalog/list_models_response_doc.json"), page(168));

            ModelDescription image = catalog().build().listModels().get(1);

            assertThat(image.name()).isEqualTo("qwen-image-max");
            assertThat(image.type()).isEqualTo(ModelType.IMAGE_GENERATION);
            assertThat(image.maxInputTokens()).isNull();
            assertThat(image.maxOutputTokens()).isNull();
            assertThat(image.createdAt()).isNull();
        }

        @Test
        void should_fall_back_to_the_context_window_and_the_thinking_output_limit() {
            answer(200, """
                    {"success": true, "output": {"total": 1, "models": [{"model": "qwq-plus",
                      "capabilities": ["Reasoning"], "published_time": "not a date",
                      "model_info": {"context_window": 131072, "max_input_tokens": null, "max_output_tokens": null,
                                     "reasoning_max_output_tokens": 8192}}]}}""");

            ModelDescription model = catalog().build().listModels().get(0);

            assertThat(model.maxInputTokens()).isEqualTo(131_072);
            assertThat(model.maxOutputTokens()).isEqualTo(8_192);
            assertThat(model.type()).isEqualTo(ModelType.CHAT);
            assertThat(model.createdAt()).isNull(); // an unreadable date does not cost the list
        }
    }

    @Nested
    class Requests {

        @Test
        void should_send_the_key_paging_and_filters_on_the_native_path() {
            answer(200, page(1, "qwen3-max"));

            catalog()
                    .name("qwen3")
                    .language("en-US")
                    .providers("qwen", "deepseek")
                    .capabilities("TG")
                    .pageSize(50)
                    .build()
                    .listModels();

            LoggedRequest request = requests().get(0);
            assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + API_KEY);
            assertThat(request.getUrl())
                    .isEqualTo(PATH + "?name=qwen3&language=en-US&providers=qwen&providers=deepseek&capabilities=TG"
                            + "&page_no=1&page_size=50");
        }

        @Test
        void should_ask_for_pages_of_one_hundred_by_default() {
            answer(200, page(1, "qwen3-max"));

            catalog().build().listModels();

            assertThat(requests().get(0).getUrl()).isEqualTo(PATH + "?page_no=1&page_size=100");
        }
    }

    @Nested
    class Paging {

        @Test
        void should_read_pages_until_the_total_is_reached() {
            answerPages(page(5, "a", "b"), page(5, "c", "d"), page(5, "e"));

            List<ModelDescription> models = catalog().pageSize(2).build().listModels();

            assertThat(models).extracting(ModelDescription::name).containsExactly("a", "b", "c", "d", "e");
            assertThat(requests())
                    .extracting(r -> r.queryParameter("page_no").firstValue())
                    .containsExactly("1", "2", "3");
        }

        @Test
        void should_stop_at_an_empty_page_even_below_the_total() {
            answerPages(page(9, "a", "b"), page(9));

            assertThat(catalog().pageSize(2).build().listModels())
                    .extracting(ModelDescription::name)
                    .containsExactly("a", "b");
            assertThat(requests()).hasSize(2);
        }

        @Test
        void should_stop_at_a_short_page_when_no_total_is_given() {
            answerPages(page(null, "a", "b"), page(null, "c"));

            assertThat(catalog().pageSize(2).build().listModels()).hasSize(3);
            assertThat(requests()).hasSize(2);
        }

        @Test
        void should_keep_a_model_listed_on_two_pages_once() {
            answerPages(page(4, "a", "b"), page(4, "b", "c"));

            assertThat(catalog().pageSize(2).build().listModels())
                    .extracting(ModelDescription::name)
                    .containsExactly("a", "b", "c");
        }
    }

    @Nested
    class Errors {

        @Test
        void should_map_qwen_s_flat_401_without_leaking_the_key() {
            answer(401, """
                    {"code": "InvalidApiKey", "message": "Invalid API-key provided.", "request_id": "req-401"}""");

            assertThatThrownBy(() -> catalog().build().listModels())
                    .isInstanceOf(AuthenticationException.class)
                    .hasMessageContaining("InvalidApiKey")
                    .hasMessageContaining("req-401")
                    .hasMessageNotContaining("SECRET");
        }

        @Test
        void should_map_a_refusal_in_a_200_body() {
            answer(200, """
                    {"code": "InvalidParameter", "message": "page_size is invalid", "success": false,
                     "output": null, "request_id": "req-400"}""");

            assertThatThrownBy(() -> catalog().build().listModels())
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("InvalidParameter")
                    .hasMessageContaining("page_size is invalid")
                    .hasMessageContaining("req-400");
        }

        @Test
        void should_call_a_body_without_output_malformed() {
            answer(200, "{\"success\": true, \"request_id\": \"req-x\"}");

            assertThatThrownBy(() -> catalog().build().listModels())
                    .isInstanceOf(LangChain4jException.class)
                    .hasMessageContaining("Malformed")
                    .hasMessageContaining("output");
        }

        @Test
        void should_call_a_model_without_an_id_malformed() {
            answer(200, "{\"success\": true, \"output\": {\"total\": 1, \"models\": [{\"name\": \"x\"}]}}");

            assertThatThrownBy(() -> catalog().build().listModels())
                    .isInstanceOf(LangChain4jException.class)
                    .hasMessageContaining("no id");
        }
    }

    @Nested
    class Building {

        @Test
        void should_refuse_invalid_options_before_any_request() {
            assertThatThrownBy(() -> catalog().pageSize(0).build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("pageSize");
            assertThatThrownBy(() -> catalog().language("fr-FR").build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("en-US");
            assertThatThrownBy(() -> catalog().providers("qwen", null).build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("providers");
            assertThatThrownBy(() -> catalog().capabilities(" ").build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("capabilities");
            assertThatThrownBy(() -> catalog().name("").build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("name");
            assertThatThrownBy(() -> QwenModelCatalog.builder().build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("API key");
            assertThat(requests()).isEmpty();
        }

        @Test
        void should_call_the_documented_host_of_each_region() {
            // Singapore, Hong Kong on the shared domain; a workspace on its own domain, Beijing included
            assertThat(QwenModelCatalog.builder().apiKey(API_KEY).build().toString())
                    .contains("baseUrl=https://dashscope-intl.aliyuncs.com/api/v1");
            assertThat(QwenModelCatalog.builder()
                            .apiKey(API_KEY)
                            .region(QwenRegion.HONG_KONG)
                            .build()
                            .toString())
                    .contains("baseUrl=https://cn-hongkong.dashscope.aliyuncs.com/api/v1");
            assertThat(QwenModelCatalog.builder()
                            .apiKey(API_KEY)
                            .region(QwenRegion.CHINA_BEIJING)
                            .workspace("ws-a1b2c3d4e5f6")
                            .build()
                            .toString())
                    .contains("baseUrl=https://ws-a1b2c3d4e5f6.cn-beijing.maas.aliyuncs.com/api/v1")
                    .doesNotContain(API_KEY);
        }

        @Test
        void should_refuse_beijing_s_shared_domain_which_has_no_model_list_before_sending() {
            QwenModelCatalog beijing = QwenModelCatalog.builder()
                    .apiKey(API_KEY)
                    .region(QwenRegion.CHINA_BEIJING)
                    .build(); // builds, so that a Spring context holding it starts

            assertThatThrownBy(beijing::listModels)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("workspace")
                    .hasMessageContaining("cn-beijing.maas.aliyuncs.com");
        }
    }
}
