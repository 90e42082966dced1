package io.github.qwenlangchain4j.spring.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Isolated;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** What a user sees when the application starts with an invalid option: Spring Boot's failure report names it. */
@ExtendWith(OutputCaptureExtension.class)
@Isolated // captures what the whole process prints
class AssistantApplicationStartupFailureTest {

    @Test
    void should_report_the_invalid_property_when_the_application_fails_to_start(CapturedOutput output) {
        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(AssistantApplication.class)
                .web(WebApplicationType.NONE)
                .run("--langchain4j.qwen.embedding-model.dimensions=100")
                .close());

        assertThat(failure).isNotNull();
        assertThat(output.getAll())
                .contains("APPLICATION FAILED TO START")
                .contains("langchain4j.qwen.embedding-model.dimensions")
                .contains("dimensions 100 is not supported by text-embedding-v4")
                .doesNotContain("sk-from-application-yaml-SECRET");
    }

    @Test
    void should_say_why_there_is_no_chat_model_when_the_key_is_missing(CapturedOutput output) {
        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(AssistantApplication.class)
                .web(WebApplicationType.NONE)
                .run("--langchain4j.qwen.api-key=")
                .close());

        assertThat(failure).isNotNull();
        String missingKey = "langchain4j.qwen.api-key is not set: no Qwen ChatModel, StreamingChatModel or"
                + " EmbeddingModel beans are created.";
        assertThat(output.getAll())
                .as("one warning at startup, then the failure report that says why")
                .contains("WARN")
                .contains(missingKey)
                .contains("APPLICATION FAILED TO START")
                .contains("A bean of type dev.langchain4j.model.chat.ChatModel is required, but " + missingKey)
                .contains("Set langchain4j.qwen.api-key");
        assertThat(output.getAll().split(java.util.regex.Pattern.quote(missingKey), -1))
                .as("the warning once, the failure report once")
                .hasSize(3);
    }

    @Test
    void should_not_warn_when_a_key_is_set(CapturedOutput output) {
        new SpringApplicationBuilder(AssistantApplication.class)
                .web(WebApplicationType.NONE)
                .run()
                .close();

        assertThat(output.getAll()).doesNotContain("langchain4j.qwen.api-key is not set");
    }
}
