package io.github.qwenlangchain4j.responses;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.github.qwenlangchain4j.QwenReasoningEffort;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The live Responses API on what its current reference added: {@code reasoning.effort} (none, and a level that thinks)
 * and built-in tool calls kept when a stream's completed event lists them or not (text-to-image search, whose example
 * stream ends with an empty {@code output}). Needs {@code DASHSCOPE_API_KEY}; {@code QWEN_REGION} and
 * {@code QWEN_RESPONSES_MODEL} as in {@link QwenResponsesChatModelIT}.
 */
@EnabledIfEnvironmentVariable(named = "DASHSCOPE_API_KEY", matches = ".+")
class QwenResponsesDriftIT {

    @Test
    void should_not_think_with_effort_none_and_think_with_effort_high() {
        ChatResponse quick = QwenResponsesChatModelIT.liveBuilder()
                .reasoningEffort(QwenReasoningEffort.NONE)
                .build()
                .chat(UserMessage.from("What is 17 * 23? Answer with the number."));
        ChatResponse deep = QwenResponsesChatModelIT.liveBuilder()
                .reasoningEffort(QwenReasoningEffort.HIGH)
                .build()
                .chat(UserMessage.from("What is 17 * 23? Answer with the number."));

        assertThat(quick.aiMessage().text()).contains("391");
        assertThat(((QwenResponsesChatResponseMetadata) quick.metadata())
                        .tokenUsage()
                        .reasoningTokens())
                .isIn(null, 0);
        assertThat(deep.aiMessage().text()).contains("391");
        assertThat(deep.aiMessage().thinking()).isNotBlank();
    }

    @Test
    void should_keep_the_text_to_image_search_call_of_a_stream() throws Exception {
        QwenResponsesStreamingChatModelTest.Recorder recorder = new QwenResponsesStreamingChatModelTest.Recorder();
        QwenResponsesStreamingChatModel.builder()
                .apiKey(System.getenv("DASHSCOPE_API_KEY"))
                .region(QwenResponsesChatModelIT.liveRegion())
                .modelName(QwenResponsesChatModelIT.liveModel())
                .builtInTools(QwenBuiltInTool.webSearchImage())
                .build()
                .chat(
                        ChatRequest.builder()
                                .messages(UserMessage.from("Find a picture of a cat."))
                                .build(),
                        recorder);

        ChatResponse response = recorder.response.get(3, TimeUnit.MINUTES);

        assertThat(((QwenResponsesChatResponseMetadata) response.metadata()).builtInToolCalls())
                .extracting(QwenBuiltInToolCall::type)
                .containsOnlyOnce("web_search_image_call");
    }
}
