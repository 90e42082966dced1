package io.github.qwenlangchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Qwen-Omni streams as Qwen sends them. The qwen3-omni-flash stream is Model Studio's own example
 * (fixtures/chat/omni_stream_text_audio_qwen3-omni-flash.sse.txt, from
 * https://www.alibabacloud.com/help/en/model-studio/qwen-omni): text in {@code delta.content}, audio in
 * {@code delta.audio} with {@code data}, {@code expires_at} and {@code id}, and a usage chunk with
 * {@code completion_tokens_details: {audio_tokens, text_tokens}}. Its base64 is the documentation's truncated
 * placeholder ({@code "/v8AAAAAAAAAAAAAAA..."}), completed here to whole base64 characters.
 */
class QwenOmniAudioWireTest extends QwenWireMockSupport {

    private static final String DOC_DATA = "/v8AAAAAAAAAAAAAAA...";
    private static final String WHOLE_DATA = "/v8AAAAAAAAAAAAAAAA";

    @Test
    void the_documented_qwen3_omni_flash_stream_gives_text_and_decoded_audio() {
        // the fixture has one "data:" line per event, without the blank lines between events
        stubChat(sse(Fixtures.sse(Fixtures.read("chat/omni_stream_text_audio_qwen3-omni-flash.sse.txt")
                .lines()
                .filter(line -> line.startsWith("data:"))
                .map(line -> line.substring(5).strip())
                .map(line -> line.replace(DOC_DATA, WHOLE_DATA + "="))
                .toList())));

        ChatResponse response = model().modelName("qwen3-omni-flash")
                .audioOutput(QwenAudioOutput.voice("Cherry"))
                .build()
                .chat(dev.langchain4j.model.chat.request.ChatRequest.builder()
                        .messages(dev.langchain4j.data.message.UserMessage.from("Who are you?"))
                        .build());

        QwenAudio audio = ((QwenChatResponseMetadata) response.metadata()).audio();
        assertThat(response.aiMessage().text()).isEqualTo("我是");
        assertThat(audio.data()).isEqualTo(Base64.getDecoder().decode(WHOLE_DATA + "="));
        assertThat(audio.id()).isEqualTo("audio_a68eca3b-c67e-4666-a72f-73c0b4919860");
        assertThat(audio.expiresAt()).isEqualTo(1757647879L);
        assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(103);
        assertThat(sentBody().path("modalities").toString()).isEqualTo("[\"text\",\"audio\"]");
    }

    /**
     * Audio pieces need not end on whole base64 characters (Qwen's examples concatenate the {@code data} strings
     * and decode once): they are decoded as the characters add up. A transcript piece ({@code delta.audio.transcript},
     * OpenAI's shape for the words of the audio, which earlier Omni models send instead of {@code content}) becomes
     * the answer's text when no content came.
     */
    @Test
    void audio_split_inside_base64_characters_and_a_transcript_without_content() {
        String whole = Base64.getEncoder().encodeToString(new byte[] {10, 20, 30, 40, 50, 60, 70});
        String chunk = "{\"id\":\"chatcmpl-1\",\"model\":\"qwen-omni-turbo\",\"choices\":[{\"index\":0,"
                + "\"delta\":{\"content\":null,\"audio\":%s},\"finish_reason\":null}]}";
        stubChat(sse(Fixtures.sse(List.of(
                chunk.formatted("{\"transcript\":\"Hello \"}"),
                chunk.formatted("{\"transcript\":\"there.\"}"),
                chunk.formatted("{\"data\":\"" + whole.substring(0, 5) + "\",\"id\":\"audio_1\",\"expires_at\":9}"),
                chunk.formatted("{\"data\":\"" + whole.substring(5) + "\",\"id\":\"audio_1\",\"expires_at\":9}"),
                "{\"id\":\"chatcmpl-1\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}"))));

        ChatResponse response = model().modelName("qwen-omni-turbo")
                .audioOutput(QwenAudioOutput.voice("Chelsie"))
                .build()
                .chat(dev.langchain4j.model.chat.request.ChatRequest.builder()
                        .messages(dev.langchain4j.data.message.UserMessage.from("Hi"))
                        .build());

        QwenAudio audio = ((QwenChatResponseMetadata) response.metadata()).audio();
        assertThat(audio.data()).containsExactly(10, 20, 30, 40, 50, 60, 70);
        assertThat(audio.transcript()).isEqualTo("Hello there.");
        assertThat(response.aiMessage().text()).isEqualTo("Hello there.");
    }
}
