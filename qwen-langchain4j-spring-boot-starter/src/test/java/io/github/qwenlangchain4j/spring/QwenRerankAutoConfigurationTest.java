package io.github.qwenlangchain4j.spring;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.github.qwenlangchain4j.spring.QwenWireMock.API_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.scoring.ScoringModel;
import io.github.qwenlangchain4j.rerank.QwenRerankEndpoint;
import io.github.qwenlangchain4j.rerank.QwenScoringModel;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The QwenScoringModel bean from {@code langchain4j.qwen.scoring-model.*}. */
class QwenRerankAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(QwenAutoConfigurations.of())
            .withPropertyValues("langchain4j.qwen.api-key=" + API_KEY);

    @Test
    void should_create_the_scoring_model_with_an_api_key() {
        runner.run(context -> {
            assertThat(context)
                    .hasNotFailed()
                    .hasSingleBean(QwenScoringModel.class)
                    .hasSingleBean(ScoringModel.class);
            assertThat(context.getBean(QwenScoringModel.class).modelName()).isEqualTo("qwen3-rerank");
            assertThat(context.getBean(QwenScoringModel.class).endpoint()).isEqualTo(QwenRerankEndpoint.COMPATIBLE);
            assertThat(context.getBean(QwenScoringModel.class).toString())
                    .contains("baseUrl=https://dashscope-intl.aliyuncs.com/compatible-api/v1")
                    .doesNotContain(API_KEY);
        });
        new ApplicationContextRunner()
                .withConfiguration(QwenAutoConfigurations.of())
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ScoringModel.class));
    }

    @Test
    void should_apply_the_scoring_model_properties_and_the_region() {
        runner.withPropertyValues(
                        "langchain4j.qwen.region=china-beijing",
                        "langchain4j.qwen.scoring-model.model-name=gte-rerank-v2",
                        "langchain4j.qwen.scoring-model.top-n=3",
                        "langchain4j.qwen.scoring-model.max-documents-per-request=100",
                        "langchain4j.qwen.scoring-model.max-tokens-per-request=20000")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    QwenScoringModel model = context.getBean(QwenScoringModel.class);
                    assertThat(model.modelName()).isEqualTo("gte-rerank-v2");
                    assertThat(model.toString())
                            .contains("topN=3")
                            .contains("baseUrl=https://dashscope.aliyuncs.com/api/v1");
                    QwenProperties.ScoringModel scoring =
                            context.getBean(QwenProperties.class).scoringModel();
                    assertThat(scoring.maxDocumentsPerRequest()).isEqualTo(100);
                    assertThat(scoring.maxTokensPerRequest()).isEqualTo(20_000);
                });
    }

    @Test
    void should_score_through_the_native_endpoint_on_the_base_url_s_host_with_instruct_and_custom_headers() {
        WireMockServer server =
                new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        try {
            server.stubFor(post(urlEqualTo("/api/v1/services/rerank/text-rerank/text-rerank"))
                    .willReturn(okJson("""
                    {"output":{"results":[{"index":1,"relevance_score":0.91},{"index":0,"relevance_score":0.12}]},
                     "usage":{"total_tokens":21},"request_id":"req-rerank-1"}""")));
            runner.withPropertyValues(
                            "langchain4j.qwen.base-url=" + server.baseUrl() + "/compatible-mode/v1",
                            "langchain4j.qwen.scoring-model.endpoint=native",
                            "langchain4j.qwen.scoring-model.instruct=Retrieve semantically similar text.",
                            "langchain4j.qwen.scoring-model.custom-headers.X-Trace=rerank-trace")
                    .run(context -> {
                        Response<List<Double>> scores = context.getBean(ScoringModel.class)
                                .scoreAll(
                                        List.of(TextSegment.from("a pear"), TextSegment.from("a red apple")),
                                        "red apple");

                        assertThat(scores.content()).containsExactly(0.12, 0.91);
                        assertThat(scores.tokenUsage().totalTokenCount()).isEqualTo(21);
                        var request = server.getAllServeEvents().get(0).getRequest();
                        assertThat(request.getBodyAsString())
                                .contains("\"instruct\":\"Retrieve semantically similar text.\"");
                        assertThat(request.getHeader("X-Trace")).isEqualTo("rerank-trace");
                        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + API_KEY);
                    });
        } finally {
            server.stop();
        }
    }

    @Test
    void should_name_the_property_of_the_compatible_endpoint_for_a_model_it_does_not_serve() {
        runner.withPropertyValues(
                        "langchain4j.qwen.scoring-model.model-name=gte-rerank-v2",
                        "langchain4j.qwen.scoring-model.endpoint=compatible")
                .run(context -> {
                    assertThat(context).hasFailed();
                    InvalidConfigurationPropertyValueException failure = failure(context.getStartupFailure());
                    assertThat(failure.getName()).isEqualTo("langchain4j.qwen.scoring-model.endpoint");
                    assertThat(failure.getMessage()).contains("serves qwen3-rerank only, not gte-rerank-v2");
                });
        runner.withPropertyValues(
                        "langchain4j.qwen.region=china-beijing", "langchain4j.qwen.scoring-model.endpoint=native")
                .run(context -> assertThat(
                                context.getBean(QwenScoringModel.class).toString())
                        .contains("endpoint=NATIVE")
                        .contains("baseUrl=https://dashscope.aliyuncs.com/api/v1"));
    }

    @Test
    void should_back_off_when_disabled_or_when_the_application_has_a_scoring_model() {
        runner.withPropertyValues("langchain4j.qwen.scoring-model.enabled=false")
                .run(context -> assertThat(context)
                        .hasNotFailed()
                        .doesNotHaveBean(QwenScoringModel.class)
                        .hasSingleBean(QwenProperties.class));
        runner.withUserConfiguration(OwnScoringModel.class)
                .run(context -> assertThat(context)
                        .hasNotFailed()
                        .doesNotHaveBean(QwenScoringModel.class)
                        .hasSingleBean(ScoringModel.class)
                        .hasBean("ownScoringModel"));
    }

    @Test
    void should_name_the_property_of_an_instruct_the_model_does_not_take() {
        runner.withPropertyValues(
                        "langchain4j.qwen.scoring-model.model-name=gte-rerank-v2",
                        "langchain4j.qwen.scoring-model.instruct=Retrieve semantically similar text.")
                .run(context -> {
                    assertThat(context).hasFailed();
                    InvalidConfigurationPropertyValueException failure = failure(context.getStartupFailure());
                    assertThat(failure.getName()).isEqualTo("langchain4j.qwen.scoring-model.instruct");
                    assertThat(failure.getMessage())
                            .contains("instruct is only supported by qwen3-rerank")
                            .doesNotContain(API_KEY);
                });
    }

    @Test
    void should_name_the_property_of_a_batch_size_above_the_model_s() {
        runner.withPropertyValues("langchain4j.qwen.scoring-model.max-documents-per-request=501")
                .run(context -> {
                    assertThat(context).hasFailed();
                    InvalidConfigurationPropertyValueException failure = failure(context.getStartupFailure());
                    assertThat(failure.getName()).isEqualTo("langchain4j.qwen.scoring-model.max-documents-per-request");
                    assertThat(failure.getMessage()).contains("(500)");
                });
        runner.withPropertyValues("langchain4j.qwen.scoring-model.top-n=0")
                .run(context -> assertThat(failure(context.getStartupFailure()).getName())
                        .isEqualTo("langchain4j.qwen.scoring-model.top-n"));
    }

    @Test
    void should_show_scoring_options_but_not_header_values() {
        runner.withPropertyValues("langchain4j.qwen.scoring-model.custom-headers.X-Proxy-Token=proxy-SECRET")
                .run(context -> assertThat(context.getBean(QwenProperties.class).toString())
                        .contains("scoringModel=ScoringModel{enabled=true")
                        .contains("X-Proxy-Token")
                        .doesNotContain("proxy-SECRET"));
    }

    private static InvalidConfigurationPropertyValueException failure(Throwable startupFailure) {
        for (Throwable t = startupFailure; t != null; t = t.getCause()) {
            if (t instanceof InvalidConfigurationPropertyValueException invalid) {
                return invalid;
            }
        }
        throw new AssertionError("no InvalidConfigurationPropertyValueException in " + startupFailure);
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnScoringModel {

        @Bean
        ScoringModel ownScoringModel() {
            return (segments, query) ->
                    Response.from(segments.stream().map(segment -> 0.5).toList());
        }
    }
}
