package io.github.qwenlangchain4j.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.catalog.ModelCatalog;
import dev.langchain4j.model.catalog.ModelDescription;
import dev.langchain4j.model.catalog.ModelType;
import io.github.qwenlangchain4j.QwenMockServerSupport;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * {@link QwenModelCatalog} used the way portable code uses any {@link ModelCatalog}, against the testkit's model list,
 * which follows Model Studio's "List models" API reference (https://www.alibabacloud.com/help/en/model-studio/list-models,
 * last updated Sep 28 2026): {@code GET /api/v1/models}, paged by {@code page_no}/{@code page_size} until
 * {@code output.total}. Past the builder, nothing here knows it is talking to Qwen.
 */
class QwenModelCatalogTest extends QwenMockServerSupport {

    private ModelCatalog catalog(Function<QwenModelCatalog.Builder, QwenModelCatalog.Builder> options) {
        return options.apply(QwenModelCatalog.builder().apiKey(server.apiKey()).baseUrl(server.baseUrl()))
                .build();
    }

    private static Map<String, ModelDescription> byName(List<ModelDescription> models) {
        return models.stream().collect(Collectors.toMap(ModelDescription::name, m -> m));
    }

    @Nested
    class Listing {

        @Test
        void should_list_every_model_across_all_pages_once() {
            ModelCatalog catalog = catalog(b -> b.pageSize(3));

            List<ModelDescription> models = catalog.listModels();

            assertThat(models).hasSize(11).extracting(ModelDescription::name).doesNotHaveDuplicates();
            assertThat(server.requests()).hasSize(4); // 11 models, 3 a page
            assertThat(models.get(0).name()).isEqualTo("qwen3-max"); // Qwen's order is kept
        }

        @Test
        void should_list_them_in_one_request_at_the_default_page_size() {
            List<ModelDescription> models = catalog(b -> b).listModels();

            assertThat(models).hasSize(11);
            assertThat(server.requests()).hasSize(1);
        }

        @Test
        void should_return_an_empty_list_when_no_model_matches() {
            assertThat(catalog(b -> b.name("no-such-model")).listModels()).isEmpty();
        }

        @Test
        void should_narrow_the_list_with_qwen_s_filters() {
            assertThat(catalog(b -> b.providers("deepseek", "wan")).listModels())
                    .extracting(ModelDescription::name)
                    .containsExactly("deepseek-v3.2", "wan2.6-t2v");
            assertThat(catalog(b -> b.capabilities("TR")).listModels())
                    .extracting(ModelDescription::name)
                    .containsExactly("text-embedding-v4");
        }
    }

    @Nested
    class Descriptions {

        @Test
        void should_give_every_model_a_name_a_display_name_and_the_catalog_s_provider() {
            ModelCatalog catalog = catalog(b -> b);

            List<ModelDescription> models = catalog.listModels();

            assertThat(catalog.provider()).isEqualTo(ModelProvider.OTHER);
            assertThat(models).allSatisfy(model -> {
                assertThat(model.name()).isNotBlank();
                assertThat(model.displayName()).isNotBlank();
                assertThat(model.provider()).isEqualTo(catalog.provider());
            });
        }

        @Test
        void should_tell_each_kind_of_model_by_its_langchain4j_type() {
            Map<String, ModelDescription> models = byName(catalog(b -> b).listModels());

            assertThat(models.get("qwen-plus").type()).isEqualTo(ModelType.CHAT);
            assertThat(models.get("qwen3-vl-plus").type()).isEqualTo(ModelType.CHAT);
            assertThat(models.get("text-embedding-v4").type()).isEqualTo(ModelType.EMBEDDING);
            assertThat(models.get("qwen3-rerank").type()).isEqualTo(ModelType.SCORING);
            assertThat(models.get("qwen-image-max").type()).isEqualTo(ModelType.IMAGE_GENERATION);
            assertThat(models.get("qwen3-asr-flash").type()).isEqualTo(ModelType.AUDIO_TRANSCRIPTION);
            assertThat(models.get("qwen3-tts-flash").type()).isEqualTo(ModelType.AUDIO_GENERATION);
            assertThat(models.get("wan2.6-t2v").type()).isEqualTo(ModelType.OTHER); // video: no LangChain4j type
        }

        @Test
        void should_carry_limits_author_and_release_date() {
            ModelDescription qwen3Max = byName(catalog(b -> b).listModels()).get("qwen3-max");

            assertThat(qwen3Max.displayName()).isEqualTo("Qwen3-Max");
            assertThat(qwen3Max.description()).contains("Qwen3");
            assertThat(qwen3Max.owner()).isEqualTo("qwen");
            assertThat(qwen3Max.maxInputTokens()).isEqualTo(130_048);
            assertThat(qwen3Max.maxOutputTokens()).isEqualTo(16_384);
            assertThat(qwen3Max.createdAt()).hasToString("2025-11-11T04:00:00Z"); // 12:00 China Standard Time
        }

        @Test
        void should_name_the_author_of_a_third_party_model_as_its_owner() {
            assertThat(byName(catalog(b -> b).listModels()).get("deepseek-v3.2").owner())
                    .isEqualTo("deepseek");
        }
    }

    @Nested
    class Failures {

        @Test
        void should_fail_with_langchain4j_s_authentication_error_without_the_key() {
            ModelCatalog catalog = QwenModelCatalog.builder()
                    .apiKey("sk-wrong-SECRET-catalog-123456")
                    .baseUrl(server.baseUrl())
                    .maxRetries(0)
                    .build();

            assertThatThrownBy(catalog::listModels)
                    .isInstanceOf(AuthenticationException.class)
                    .hasMessageContaining("InvalidApiKey")
                    .hasMessageNotContaining("SECRET");
        }
    }
}
