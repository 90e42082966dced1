package io.github.qwenlangchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Today's model line-up and thinking controls against the live API: Qwen3.5-Omni speaking without being told to stop
 * thinking, {@code reasoning_effort} on qwen3.8-max and {@code preserve_thinking} on qwen3.6-plus. Runs only with
 * {@code DASHSCOPE_API_KEY} set; {@code QWEN_REGION} (e.g. {@code CHINA_BEIJING}) selects the region the key belongs
 * to, default Singapore.
 */
@EnabledIfEnvironmentVariable(named = "DASHSCOPE_API_KEY", matches = ".+")
class QwenThinkingControlsIT {

    private static QwenChatModel.Builder model(String modelName) {
        String region = System.getenv("QWEN_REGION");
        return QwenChatModel.builder()
                .apiKey(System.getenv("DASHSCOPE_API_KEY"))
                .region(region == null || region.isBlank() ? QwenRegion.SINGAPORE : QwenRegion.valueOf(region))
                .modelName(modelName);
    }

    @Test
    void qwen3_5_omni_speaks_with_audio_output_alone() {
        ChatResponse response = model("qwen3.5-omni-plus")
                .audioOutput(QwenAudioOutput.voice("Tina"))
                .build()
                .chat(ChatRequest.builder()
                        .messages(UserMessage.from("Say hello in three words."))
                        .build());

        QwenAudio audio = ((QwenChatResponseMetadata) response.metadata()).audio();
        assertThat(response.aiMessage().text()).isNotBlank();
        assertThat(audio.data().length).isGreaterThan(QwenAudio.SAMPLE_RATE);
    }

    @Test
    void reasoning_effort_none_answers_without_thinking_and_low_thinks() {
        ChatResponse none = model("qwen3.8-max")
                .reasoningEffort(QwenReasoningEffort.NONE)
                .build()
                .chat(UserMessage.from("What is 17 * 23? Answer with the number."));
        ChatResponse low = model("qwen3.8-max")
                .reasoningEffort(QwenReasoningEffort.LOW)
                .build()
                .chat(UserMessage.from("What is 17 * 23? Answer with the number."));

        assertThat(none.aiMessage().text()).contains("391");
        assertThat(none.aiMessage().thinking()).isNullOrEmpty();
        assertThat(low.aiMessage().text()).contains("391");
        assertThat(low.aiMessage().thinking()).isNotBlank();
    }

    @Test
    void preserve_thinking_lets_the_model_read_its_earlier_reasoning() {
        QwenChatModel model = model("qwen3.6-plus").preserveThinking(true).build();
        UserMessage pick = UserMessage.from("Think of a random four-digit number, but reply only with 'ok'.");
        AiMessage first = model.chat(pick).aiMessage();

        ChatResponse second = model.chat(pick, first, UserMessage.from("Which number did you think of?"));

        assertThat(first.thinking()).isNotBlank();
        assertThat(second.aiMessage().text()).containsPattern("\\d{4}");
    }
}
