package io.github.qwenlangchain4j.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.catalog.ModelCatalog;
import dev.langchain4j.model.catalog.ModelDescription;
import dev.langchain4j.model.catalog.ModelType;
import io.github.qwenlangchain4j.QwenRegion;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * {@link QwenModelCatalog} against the live "List models" API ({@code GET /api/v1/models},
 * https://www.alibabacloud.com/help/en/model-studio/list-models), through LangChain4j's {@link ModelCatalog} only.
 * Needs {@code DASHSCOPE_API_KEY}; {@code QWEN_REGION} (e.g. {@code HONG_KONG}) selects the key's region, default
 * Singapore, and {@code QWEN_WORKSPACE} a workspace domain (required in China (Beijing)).
 */
@EnabledIfEnvironmentVariable(named = "DASHSCOPE_API_KEY", matches = ".+")
class QwenModelCatalogIT {

    private static QwenModelCatalog.Builder live() {
        String region = System.getenv("QWEN_REGION");
        String workspace = System.getenv("QWEN_WORKSPACE");
        return QwenModelCatalog.builder()
                .apiKey(System.getenv("DASHSCOPE_API_KEY"))
                .region(region == null || region.isBlank() ? QwenRegion.SINGAPORE : QwenRegion.valueOf(region))
                .workspace(workspace == null || workspace.isBlank() ? null : workspace)
                .logRequests(true);
    }

    @Test
    void should_discover_models_with_names_and_the_catalog_s_provider() {
        ModelCatalog catalog = live().language("en-US").build();

        List<ModelDescription> models = catalog.listModels();

        assertThat(catalog.provider()).isEqualTo(ModelProvider.OTHER);
        assertThat(models).isNotEmpty().extracting(ModelDescription::name).doesNotHaveDuplicates();
        assertThat(models).allSatisfy(model -> {
            assertThat(model.name()).isNotBlank();
            assertThat(model.displayName()).isNotBlank();
            assertThat(model.provider()).isEqualTo(ModelProvider.OTHER);
        });
        assertThat(models).anySatisfy(model -> assertThat(model.type()).isEqualTo(ModelType.CHAT));
    }

    @Test
    void should_narrow_to_qwen_s_text_generation_models_across_small_pages() {
        List<ModelDescription> models =
                live().providers("qwen").capabilities("TG").pageSize(10).build().listModels();

        assertThat(models)
                .isNotEmpty()
                .allSatisfy(model -> assertThat(model.type()).isEqualTo(ModelType.CHAT));
        assertThat(models)
                .anySatisfy(model -> assertThat(model.maxInputTokens()).isPositive());
    }
}
