package io.github.qwenlangchain4j.spring;

import static io.github.qwenlangchain4j.spring.QwenWireMock.API_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.catalog.ModelCatalog;
import dev.langchain4j.model.catalog.ModelDescription;
import dev.langchain4j.model.catalog.ModelType;
import io.github.qwenlangchain4j.catalog.QwenModelCatalog;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link ModelCatalog} bean over Model Studio's "List models" API
 * (https://www.alibabacloud.com/help/en/model-studio/list-models, {@code GET /api/v1/models}), from the shared
 * connection.
 */
class QwenModelCatalogAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(QwenAutoConfigurations.of())
            .withPropertyValues("langchain4j.qwen.api-key=" + API_KEY);

    @Test
    void should_create_the_catalog_with_an_api_key_and_not_without_one() {
        runner.run(context -> {
            assertThat(context)
                    .hasNotFailed()
                    .hasSingleBean(QwenModelCatalog.class)
                    .hasSingleBean(ModelCatalog.class);
            assertThat(context.getBean(ModelCatalog.class).toString())
                    .contains("baseUrl=https://dashscope-intl.aliyuncs.com/api/v1")
                    .doesNotContain(API_KEY);
        });
        new ApplicationContextRunner()
                .withConfiguration(QwenAutoConfigurations.of())
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ModelCatalog.class));
    }

    @Test
    void should_follow_the_shared_region_and_workspace() {
        runner.withPropertyValues("langchain4j.qwen.region=china-beijing", "langchain4j.qwen.workspace=ws-a1b2c3d4e5f6")
                .run(context -> assertThat(context.getBean(ModelCatalog.class).toString())
                        .contains("baseUrl=https://ws-a1b2c3d4e5f6.cn-beijing.maas.aliyuncs.com/api/v1"));
    }

    @Test
    void should_start_in_beijing_without_a_workspace_and_refuse_only_when_listing() {
        runner.withPropertyValues("langchain4j.qwen.region=china-beijing").run(context -> {
            assertThat(context).hasNotFailed();
            assertThatThrownBy(() -> context.getBean(ModelCatalog.class).listModels())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("langchain4j.qwen.workspace");
        });
    }

    @Test
    void should_back_off_when_the_application_defines_a_model_catalog() {
        runner.withUserConfiguration(OwnCatalog.class).run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(QwenModelCatalog.class);
            assertThat(context.getBean(ModelCatalog.class).provider()).isEqualTo(ModelProvider.OPEN_AI);
        });
    }

    @Test
    void should_list_the_mock_s_models_offline_without_a_key() {
        new ApplicationContextRunner()
                .withConfiguration(QwenAutoConfigurations.of())
                .withPropertyValues(QwenOfflineProperties.PROPERTY + "=true")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    List<ModelDescription> models =
                            context.getBean(ModelCatalog.class).listModels();
                    assertThat(models)
                            .extracting(ModelDescription::name)
                            .contains("qwen-plus", "text-embedding-v4", "qwen3-rerank");
                    assertThat(models)
                            .filteredOn(model -> model.name().equals("text-embedding-v4"))
                            .extracting(ModelDescription::type)
                            .containsExactly(ModelType.EMBEDDING);
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnCatalog {

        @Bean
        ModelCatalog ownCatalog() {
            return new ModelCatalog() {
                @Override
                public List<ModelDescription> listModels() {
                    return List.of();
                }

                @Override
                public ModelProvider provider() {
                    return ModelProvider.OPEN_AI;
                }
            };
        }
    }
}
