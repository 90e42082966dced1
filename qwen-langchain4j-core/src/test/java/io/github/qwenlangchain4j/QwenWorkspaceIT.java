package io.github.qwenlangchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import io.github.qwenlangchain4j.responses.QwenResponsesChatModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Chat and the Responses API on a workspace's dedicated domain. Needs {@code DASHSCOPE_API_KEY} (a key of that
 * workspace) and {@code QWEN_WORKSPACE} (its id); {@code QWEN_REGION} selects the region (default Singapore).
 */
@EnabledIfEnvironmentVariable(named = "DASHSCOPE_API_KEY", matches = ".+")
@EnabledIfEnvironmentVariable(named = "QWEN_WORKSPACE", matches = ".+")
class QwenWorkspaceIT {

    private static QwenRegion region() {
        String region = System.getenv("QWEN_REGION");
        return region == null || region.isBlank() ? QwenRegion.SINGAPORE : QwenRegion.valueOf(region);
    }

    @Test
    void should_chat_on_the_workspace_domain() {
        String answer = QwenChatModel.builder()
                .apiKey(System.getenv("DASHSCOPE_API_KEY"))
                .region(region())
                .workspace(System.getenv("QWEN_WORKSPACE"))
                .modelName("qwen-plus")
                .build()
                .chat("What is the capital of France? Answer in one word.");

        assertThat(answer).containsIgnoringCase("Paris");
    }

    @Test
    void should_answer_on_the_workspace_domain_through_the_responses_api() {
        String answer = QwenResponsesChatModel.builder()
                .apiKey(System.getenv("DASHSCOPE_API_KEY"))
                .region(region())
                .workspace(System.getenv("QWEN_WORKSPACE"))
                .build()
                .chat(ChatRequest.builder()
                        .messages(UserMessage.from("What is the capital of France? Answer in one word."))
                        .build())
                .aiMessage()
                .text();

        assertThat(answer).containsIgnoringCase("Paris");
    }
}
