package io.github.qwenlangchain4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.qwenlangchain4j.QwenChatModel;
import io.github.qwenlangchain4j.responses.QwenResponsesChatModel;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.NestedExceptionUtils;

/**
 * {@code langchain4j.qwen.workspace}: every bean calls the workspace's dedicated domain
 * {@code {WorkspaceId}.{region}.maas.aliyuncs.com}, as Model Studio's "Base URL" overview recommends
 * (alibabacloud.com/help/en/model-studio/base-url); nothing is sent here, the beans' base URLs are read.
 */
class QwenWorkspaceAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(QwenAutoConfigurations.of())
            .withPropertyValues("langchain4j.qwen.api-key=sk-test-workspace-123456");

    @Test
    void should_give_every_bean_the_workspace_host_of_the_region() {
        runner.withPropertyValues(
                        "langchain4j.qwen.region=china-beijing",
                        "langchain4j.qwen.workspace=ws-a1b2c3d4e5f6",
                        "langchain4j.qwen.responses-model.enabled=true")
                .run(context -> {
                    String host = "https://ws-a1b2c3d4e5f6.cn-beijing.maas.aliyuncs.com/compatible-mode/v1";
                    assertThat(context.getBean(QwenChatModel.class).toString()).contains("baseUrl=" + host);
                    assertThat(context.getBean(QwenResponsesChatModel.class).toString())
                            .contains("baseUrl=" + host);
                });
    }

    @Test
    void should_not_give_the_workspace_to_a_named_model_with_a_region_of_its_own() {
        runner.withPropertyValues(
                        "langchain4j.qwen.workspace=ws-a1b2c3d4e5f6",
                        "langchain4j.qwen.chat-models.us.region=us-virginia")
                .run(context -> {
                    assertThat(context.getBean("usChatModel").toString())
                            .contains("baseUrl=https://dashscope-us.aliyuncs.com/compatible-mode/v1");
                    assertThat(context.getBean("qwenChatModel").toString())
                            .contains("https://ws-a1b2c3d4e5f6.ap-southeast-1.maas.aliyuncs.com");
                });
    }

    @Test
    void should_refuse_a_malformed_workspace_naming_the_property() {
        runner.withPropertyValues("langchain4j.qwen.workspace=https://ws-1.ap-southeast-1.maas.aliyuncs.com")
                .run(context -> assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
                        .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                        .hasMessageContaining("langchain4j.qwen.workspace")
                        .hasMessageContaining("not a host or URL"));
    }

    @Test
    void should_refuse_a_workspace_with_a_base_url() {
        runner.withPropertyValues(
                        "langchain4j.qwen.workspace=ws-1",
                        "langchain4j.qwen.base-url=http://localhost:1/compatible-mode/v1")
                .run(context -> assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
                        .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                        .hasMessageContaining("langchain4j.qwen.workspace")
                        .hasMessageContaining("set one"));
    }
}
