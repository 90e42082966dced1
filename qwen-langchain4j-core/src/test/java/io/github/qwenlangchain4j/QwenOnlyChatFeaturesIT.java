package io.github.qwenlangchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.github.qwenlangchain4j.files.QwenDocuments;
import io.github.qwenlangchain4j.files.QwenFile;
import io.github.qwenlangchain4j.files.QwenFiles;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The Qwen-only chat features against the live API: explicit context cache, Qwen-Omni audio output and a Qwen-Long
 * document. Runs only with {@code DASHSCOPE_API_KEY} set; {@code QWEN_REGION} (e.g. {@code CHINA_BEIJING}) selects
 * the region the key belongs to, default Singapore. Qwen-Long is offered in Beijing only: its test runs there.
 */
@EnabledIfEnvironmentVariable(named = "DASHSCOPE_API_KEY", matches = ".+")
class QwenOnlyChatFeaturesIT {

    private static QwenRegion region() {
        String region = System.getenv("QWEN_REGION");
        return region == null || region.isBlank() ? QwenRegion.SINGAPORE : QwenRegion.valueOf(region);
    }

    @Test
    void a_marked_system_prompt_is_cached_by_the_first_call_and_read_by_the_second() throws Exception {
        QwenChatModel model = QwenChatModel.builder()
                .apiKey(System.getenv("DASHSCOPE_API_KEY"))
                .region(region())
                .modelName("qwen-plus")
                .cacheSystemMessages(true)
                .build();
        // unique per run, so that no earlier run's cache block is hit; well above the 1,024 tokens a block needs
        String prompt = "Run " + System.nanoTime() + ". You answer questions about bicycles in one word. "
                + "Bicycles have two wheels, a frame, pedals, a chain and brakes. ".repeat(150);

        QwenTokenUsage first = (QwenTokenUsage) model.chat(SystemMessage.from(prompt), UserMessage.from("Wheels?"))
                .tokenUsage();
        Thread.sleep(2_000); // Qwen creates the block after answering the first request
        QwenTokenUsage second = (QwenTokenUsage) model.chat(SystemMessage.from(prompt), UserMessage.from("Pedals?"))
                .tokenUsage();

        assertThat(first.cacheCreationTokens()).isGreaterThan(1024);
        assertThat(second.cachedTokens()).isGreaterThan(1024);
    }

    @Test
    void an_omni_model_speaks_its_answer() {
        ChatResponse response = QwenChatModel.builder()
                .apiKey(System.getenv("DASHSCOPE_API_KEY"))
                .region(region())
                .modelName("qwen3-omni-flash")
                .audioOutput(QwenAudioOutput.voice("Cherry"))
                .build()
                .chat(ChatRequest.builder()
                        .messages(UserMessage.from("Say hello in three words."))
                        .build());

        QwenAudio audio = ((QwenChatResponseMetadata) response.metadata()).audio();
        assertThat(response.aiMessage().text()).isNotBlank();
        assertThat(audio.data().length).isGreaterThan(QwenAudio.SAMPLE_RATE); // more than half a second of speech
        assertThat(audio.wav()).startsWith('R', 'I', 'F', 'F');
    }

    @Test
    void qwen_long_reads_an_uploaded_document() {
        if (region() != QwenRegion.CHINA_BEIJING) {
            return; // Qwen-Long is offered in the Beijing region only
        }
        QwenFiles files = QwenFiles.builder()
                .apiKey(System.getenv("DASHSCOPE_API_KEY"))
                .region(region())
                .build();
        QwenFile document = files.awaitProcessed(
                files.uploadDocument(
                                "shop.txt",
                                "The Blue Chain bicycle shop opens at 9 and repairs every brand."
                                        .getBytes(StandardCharsets.UTF_8))
                        .id(),
                Duration.ofMinutes(2));
        try {
            String answer = QwenChatModel.builder()
                    .apiKey(System.getenv("DASHSCOPE_API_KEY"))
                    .region(region())
                    .modelName("qwen-long")
                    .build()
                    .chat(ChatRequest.builder()
                            .messages(
                                    SystemMessage.from("You are a helpful assistant."),
                                    QwenDocuments.reference(document),
                                    UserMessage.from("When does the shop open?"))
                            .build())
                    .aiMessage()
                    .text();
            assertThat(answer).contains("9");
        } finally {
            files.delete(document.id());
        }
    }
}
