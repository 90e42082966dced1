package io.github.qwenlangchain4j.spring.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.qwenlangchain4j.testkit.QwenMockServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Isolated;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.DefaultResourceLoader;

/** The application as a user starts it, offline with one property and nothing else. */
@ExtendWith(OutputCaptureExtension.class)
@Isolated // captures what the whole process prints
class AssistantApplicationOfflineTest {

    @Test
    void should_run_offline_with_one_property_and_no_api_key(CapturedOutput output) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(AssistantApplication.class)
                .web(WebApplicationType.NONE)
                .run("--langchain4j.qwen.api-key=", "--langchain4j.qwen.offline=true")) {

            assertThat(context.getBean(Assistant.class).chat("Hello offline")).contains("Hello offline");
            assertThat(output.getAll())
                    .contains("OFFLINE: langchain4j.qwen.offline=true")
                    .doesNotContain("langchain4j.qwen.api-key is not set");
        }
    }

    @Test
    void should_fail_with_the_dependency_to_add_when_the_testkit_is_missing(CapturedOutput output) {
        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(AssistantApplication.class)
                .resourceLoader(new DefaultResourceLoader(new FilteredClassLoader(QwenMockServer.class)))
                .web(WebApplicationType.NONE)
                .run("--langchain4j.qwen.offline=true")
                .close());

        assertThat(failure).isNotNull();
        assertThat(output.getAll())
                .contains("APPLICATION FAILED TO START")
                .contains("langchain4j.qwen.offline=true, but io.github.qwenlangchain4j:qwen-langchain4j-testkit,"
                        + " which holds the offline server (QwenMockServer), is not on the classpath.")
                .contains("Add the dependency io.github.qwenlangchain4j:qwen-langchain4j-testkit");
    }
}
