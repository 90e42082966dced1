package io.github.qwenlangchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Qwen-Omni's spoken answers (Model Studio, "Qwen-Omni", https://www.alibabacloud.com/help/en/model-studio/qwen-omni):
 * the request asks with {@code "modalities": ["text", "audio"]} and {@code "audio": {"voice": "Cherry", "format":
 * "wav"}} and must stream ("Qwen-Omni supports only streaming output"); the audio arrives as base64 in
 * {@code delta.audio.data} next to {@code expires_at} and {@code id} (fixtures/chat/omni_request_audio_url.json and
 * omni_stream_text_audio_qwen3-omni-flash.sse.txt), which Qwen's examples decode as 16-bit PCM written at
 * {@code samplerate=24000}. Run against QwenMockServer, which streams such deltas.
 */
class QwenOmniAudioOutputTest extends QwenMockServerSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonNode lastRequest() throws Exception {
        return JSON.readTree(server.requests().get(server.requests().size() - 1).body());
    }

    /** Records audio pieces besides everything a plain handler hears. */
    static final class AudioRecordingHandler extends RecordingHandler implements QwenStreamingAudioHandler {
        final List<QwenPartialAudio> audio = new CopyOnWriteArrayList<>();

        @Override
        public void onPartialAudio(QwenPartialAudio piece) {
            events.add("audio");
            audio.add(piece);
        }
    }

    private QwenStreamingChatModel.Builder streaming(String modelName) {
        return QwenStreamingChatModel.builder()
                .apiKey(server.apiKey())
                .baseUrl(server.baseUrl())
                .modelName(modelName);
    }

    @Nested
    class Sync {

        @Test
        void chat_streams_internally_and_puts_the_decoded_audio_on_the_metadata() throws Exception {
            QwenChatModel model = QwenChatModel.builder()
                    .apiKey(server.apiKey())
                    .baseUrl(server.baseUrl())
                    .modelName("qwen3-omni-flash")
                    .audioOutput(QwenAudioOutput.voice("Cherry"))
                    .build();

            ChatResponse response = model.chat(ChatRequest.builder()
                    .messages(UserMessage.from("Who are you?"))
                    .build());

            JsonNode request = lastRequest();
            assertThat(request.path("modalities").toString()).isEqualTo("[\"text\",\"audio\"]");
            assertThat(request.path("audio").toString()).isEqualTo("{\"voice\":\"Cherry\",\"format\":\"wav\"}");
            assertThat(request.path("stream").asBoolean()).isTrue();
            QwenAudio audio = ((QwenChatResponseMetadata) response.metadata()).audio();
            assertThat(response.aiMessage().text()).contains("You asked: \"Who are you?\"");
            assertThat(audio.format()).isEqualTo("wav");
            assertThat(audio.id()).startsWith("audio_");
            assertThat(audio.expiresAt()).isPositive();
            // the mock speaks 0.1 s (4,800 bytes of 16-bit PCM at 24 kHz) per word of the answer
            int words = response.aiMessage().text().strip().split("\\s+").length;
            assertThat(audio.data()).hasSize(words * 4_800);
            assertThat(audio.transcript()).isNull();
        }

        /*
         * Qwen3.5-Omni speaks without being told to stop thinking. Model Studio, "Qwen-Omni" quick start
         * (https://www.alibabacloud.com/help/en/model-studio/qwen-omni, updated Mar 31, 2026): model="qwen3.5-omni-plus",
         * modalities=["text", "audio"], audio={"voice": "Tina", "format": "wav"}, stream=True, and no enable_thinking.
         * Qwen3-Omni is a hybrid with thinking off by default (docs.qwencloud.com/developer-guides/text-generation/thinking).
         */
        @org.junit.jupiter.params.ParameterizedTest
        @org.junit.jupiter.params.provider.ValueSource(strings = {"qwen3.5-omni-plus", "qwen3.5-omni-flash"})
        void qwen3_5_omni_speaks_with_the_quick_start_request_and_no_thinking_switch(String modelName)
                throws Exception {
            QwenChatModel model = QwenChatModel.builder()
                    .apiKey(server.apiKey())
                    .baseUrl(server.baseUrl())
                    .modelName(modelName)
                    .audioOutput(QwenAudioOutput.voice("Tina"))
                    .build();

            ChatResponse response = model.chat(ChatRequest.builder()
                    .messages(UserMessage.from("Who are you?"))
                    .build());

            JsonNode request = lastRequest();
            assertThat(request.path("model").asText()).isEqualTo(modelName);
            assertThat(request.path("modalities").toString()).isEqualTo("[\"text\",\"audio\"]");
            assertThat(request.path("audio").toString()).isEqualTo("{\"voice\":\"Tina\",\"format\":\"wav\"}");
            assertThat(request.path("stream").asBoolean()).isTrue();
            assertThat(request.has("enable_thinking")).isFalse();
            assertThat(response.aiMessage().thinking()).isNull();
            assertThat(((QwenChatResponseMetadata) response.metadata()).audio().data())
                    .isNotEmpty();
        }

        @Test
        void wav_puts_a_riff_header_for_24_khz_mono_16_bit_pcm_before_the_samples() {
            byte[] pcm = {1, 2, 3, 4};
            byte[] wav = new QwenAudio(pcm, "wav", null, null, null).wav();

            ByteBuffer header = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
            assertThat(new String(wav, 0, 4)).isEqualTo("RIFF");
            assertThat(header.getInt(4)).isEqualTo(36 + 4);
            assertThat(new String(wav, 8, 8)).isEqualTo("WAVEfmt ");
            assertThat(header.getShort(22)).isEqualTo((short) 1); // mono
            assertThat(header.getInt(24)).isEqualTo(24_000);
            assertThat(header.getShort(34)).isEqualTo((short) 16);
            assertThat(header.getInt(40)).isEqualTo(4);
            assertThat(wav).endsWith(pcm);
            assertThat(new QwenAudio(wav, "wav", null, null, null).wav()).isEqualTo(wav);
        }
    }

    @Nested
    class Streaming {

        @Test
        void an_audio_handler_hears_each_piece_in_order_and_they_add_up_to_the_final_audio() throws Exception {
            AudioRecordingHandler handler = new AudioRecordingHandler();
            streaming("qwen3-omni-flash")
                    .build()
                    .chat(
                            ChatRequest.builder()
                                    .messages(UserMessage.from("Tell me a joke"))
                                    .parameters(QwenChatRequestParameters.builder()
                                            .audioOutput(QwenAudioOutput.of("Ethan", "wav"))
                                            .build())
                                    .build(),
                            handler);

            ChatResponse response = handler.response.get(10, TimeUnit.SECONDS);
            ByteArrayOutputStream pieces = new ByteArrayOutputStream();
            handler.audio.forEach(piece -> pieces.writeBytes(piece.data()));
            QwenAudio audio = ((QwenChatResponseMetadata) response.metadata()).audio();
            assertThat(handler.audio).hasSizeGreaterThan(1);
            assertThat(pieces.toByteArray()).isEqualTo(audio.data());
            assertThat(handler.audio.get(0).id()).isEqualTo(audio.id());
            // the text comes first, then the audio, then the end
            assertThat(handler.events.indexOf("audio"))
                    .isGreaterThan(handler.events.lastIndexOf("text:" + handler.texts.get(handler.texts.size() - 1)));
            assertThat(handler.events.get(handler.events.size() - 1)).isEqualTo("complete");
            assertThat(lastRequest().path("audio").path("voice").asText()).isEqualTo("Ethan");
        }

        @Test
        void a_plain_handler_gets_text_and_the_final_audio_only() throws Exception {
            RecordingHandler handler = new RecordingHandler();
            streaming("qwen3-omni-flash")
                    .audioOutput(QwenAudioOutput.voice("Cherry"))
                    .build()
                    .chat("Tell me a joke", handler);

            ChatResponse response = handler.response.get(10, TimeUnit.SECONDS);
            assertThat(handler.errors).isEmpty();
            assertThat(String.join("", handler.texts))
                    .isEqualTo(response.aiMessage().text());
            assertThat(((QwenChatResponseMetadata) response.metadata()).audio().data())
                    .isNotEmpty();
        }

        @Test
        void the_audio_handler_still_hears_the_pieces_when_listeners_wrap_it() throws Exception {
            AudioRecordingHandler handler = new AudioRecordingHandler();
            streaming("qwen3-omni-flash")
                    .audioOutput(QwenAudioOutput.voice("Cherry"))
                    .listeners(List.of(new ChatModelListener() {}))
                    .build()
                    .chat("Tell me a joke", handler);

            handler.response.get(10, TimeUnit.SECONDS);
            assertThat(handler.audio).isNotEmpty();
        }

        @Test
        void the_audio_handler_hears_the_pieces_through_a_decorator_that_calls_doChat_on_another_thread()
                throws Exception {
            AudioRecordingHandler handler = new AudioRecordingHandler();
            new OffThreadDecorator(streaming("qwen3-omni-flash")
                            .audioOutput(QwenAudioOutput.voice("Cherry"))
                            .listeners(List.of(new ChatModelListener() {}))
                            .build())
                    .chat("Tell me a joke", handler);

            ChatResponse response = handler.response.get(10, TimeUnit.SECONDS);
            assertThat(handler.audio).isNotEmpty();
            assertThat(handler.events.indexOf("audio")).isLessThan(handler.events.indexOf("complete"));
            assertThat(((QwenChatResponseMetadata) response.metadata()).audio().data())
                    .isNotEmpty();
        }

        @Test
        void chat_streams_for_audio_on_any_model_that_may_speak() throws Exception {
            // a LiveTranslate model is not stream-only by name; asking it for audio makes the sync call stream
            ChatResponse response = QwenChatModel.builder()
                    .apiKey(server.apiKey())
                    .baseUrl(server.baseUrl())
                    .modelName("qwen3-livetranslate-flash")
                    .audioOutput(QwenAudioOutput.voice("Cherry"))
                    .build()
                    .chat(ChatRequest.builder()
                            .messages(UserMessage.from("Bonjour"))
                            .build());

            assertThat(lastRequest().path("stream").asBoolean()).isTrue();
            assertThat(((QwenChatResponseMetadata) response.metadata()).audio().data())
                    .isNotEmpty();
        }

        @Test
        void text_only_requests_to_omni_models_carry_no_audio() throws Exception {
            RecordingHandler handler = new RecordingHandler();
            streaming("qwen3-omni-flash").build().chat("Hi", handler);

            ChatResponse response = handler.response.get(10, TimeUnit.SECONDS);
            assertThat(((QwenChatResponseMetadata) response.metadata()).audio()).isNull();
            assertThat(lastRequest().has("modalities")).isFalse();
            assertThat(lastRequest().has("audio")).isFalse();
        }
    }

    @Nested
    class RefusedBeforeSending {

        @Test
        void audio_output_on_a_model_that_answers_in_text_only() {
            QwenChatModel model = QwenChatModel.builder()
                    .apiKey(server.apiKey())
                    .baseUrl(server.baseUrl())
                    .modelName("qwen-plus")
                    .audioOutput(QwenAudioOutput.voice("Cherry"))
                    .build();

            assertThatThrownBy(() -> model.chat("Hi"))
                    .isInstanceOf(UnsupportedFeatureException.class)
                    .hasMessageContaining("audioOutput needs a Qwen-Omni model")
                    .hasMessageContaining("qwen-plus");
            assertThat(server.requests()).isEmpty();
        }

        @Test
        void audio_output_while_thinking() throws Exception {
            AudioRecordingHandler handler = new AudioRecordingHandler();
            streaming("qwen3-omni-flash")
                    .audioOutput(QwenAudioOutput.voice("Cherry"))
                    .enableThinking(true)
                    .build()
                    .chat("Hi", handler);

            assertThat(handler.error.get(10, TimeUnit.SECONDS))
                    .isInstanceOf(UnsupportedFeatureException.class)
                    .hasMessageContaining("does not speak while thinking");
            assertThat(server.requests()).isEmpty();
        }

        @Test
        void audio_output_in_a_batch_line_which_is_never_streamed() {
            QwenChatRequestParameters parameters = QwenChatRequestParameters.builder()
                    .modelName("qwen3-omni-flash")
                    .audioOutput(QwenAudioOutput.voice("Cherry"))
                    .build();
            io.github.qwenlangchain4j.internal.mapper.CallPlan plan =
                    new io.github.qwenlangchain4j.internal.mapper.CallPlanner()
                            .plan(parameters, io.github.qwenlangchain4j.internal.mapper.CallPlanner.Transport.BATCH);

            assertThatThrownBy(() -> io.github.qwenlangchain4j.internal.mapper.ChatRequestMapper.toRequest(
                            List.of(UserMessage.from("Hi")), parameters, plan, false))
                    .isInstanceOf(UnsupportedFeatureException.class)
                    .hasMessageContaining("Batch API lines are not streamed");
        }

        @Test
        void a_blank_voice() {
            assertThatThrownBy(() -> QwenAudioOutput.voice(" "))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("voice must be set");
        }
    }
}
