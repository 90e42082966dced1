package io.github.qwenlangchain4j.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.github.qwenlangchain4j.QwenAudio;
import io.github.qwenlangchain4j.QwenAudioOutput;
import io.github.qwenlangchain4j.QwenChatModel;
import io.github.qwenlangchain4j.QwenChatResponseMetadata;
import io.github.qwenlangchain4j.QwenStreamingChatModel;
import io.github.qwenlangchain4j.QwenTokenUsage;
import io.github.qwenlangchain4j.testkit.QwenMockServer;
import io.github.qwenlangchain4j.testkit.RecordedRequest;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The Qwen-only chat options as properties of {@code chat-model.*} and of named {@code chat-models.NAME.*}, observed
 * on QwenMockServer. Explicit context cache: {@code "cache_control": {"type": "ephemeral"}} on the last content block
 * of a marked message (Model Studio, "Context cache", https://www.alibabacloud.com/help/en/model-studio/context-cache;
 * Qwen4 keeps that marker compatible: https://www.alibabacloud.com/help/en/model-studio/explicit-cache-qwen4).
 * Spoken answers: {@code "modalities": ["text", "audio"]} and {@code "audio": {"voice": ..., "format": "wav"}} on a
 * streamed request (Model Studio, "Qwen-Omni", https://www.alibabacloud.com/help/en/model-studio/qwen-omni).
 */
class QwenAutoConfigurationQwenOnlyChatTest {

    /** About 1,500 tokens: more than the 1,024 a cache block needs. */
    private static final String LONG_PROMPT = "You are the support agent of a bicycle shop. ".repeat(135);

    private final QwenMockServer qwen = QwenMockServer.start();

    private final ApplicationContextRunner runner = QwenAutoConfigurations.runner(qwen.apiKey(), qwen.baseUrl())
            .withPropertyValues("langchain4j.qwen.max-retries=0");

    @AfterEach
    void stop() {
        qwen.close();
    }

    private JsonNode lastBody() {
        List<RecordedRequest> requests = qwen.requests();
        return requests.get(requests.size() - 1).json();
    }

    private static JsonNode markerOfLastBlock(JsonNode message) {
        JsonNode content = message.path("content");
        return content.get(content.size() - 1).path("cache_control");
    }

    @Nested
    class ContextCache {

        @Test
        void should_mark_the_request_for_the_context_cache_and_read_it_on_the_next_call() {
            runner.withPropertyValues(
                            "langchain4j.qwen.chat-model.cache-system-messages=true",
                            "langchain4j.qwen.chat-model.cache-conversation=true")
                    .run(context -> {
                        QwenChatModel model = context.getBean(QwenChatModel.class);

                        ChatResponse first = model.chat(
                                List.of(SystemMessage.from(LONG_PROMPT), UserMessage.from("Do you repair tyres?")));
                        JsonNode messages = lastBody().path("messages");
                        assertThat(markerOfLastBlock(messages.get(0))
                                        .path("type")
                                        .asText())
                                .isEqualTo("ephemeral");
                        assertThat(markerOfLastBlock(messages.get(1))
                                        .path("type")
                                        .asText())
                                .isEqualTo("ephemeral");
                        ChatResponse second = model.chat(
                                List.of(SystemMessage.from(LONG_PROMPT), UserMessage.from("When do you open?")));

                        QwenTokenUsage created = (QwenTokenUsage) first.tokenUsage();
                        QwenTokenUsage read = (QwenTokenUsage) second.tokenUsage();
                        assertThat(created.cacheCreationTokens()).isGreaterThan(1024);
                        assertThat(read.cachedTokens()).isGreaterThan(1024);
                    });
        }

        @Test
        void should_mark_the_streaming_request_the_same_way() {
            runner.withPropertyValues("langchain4j.qwen.chat-model.cache-conversation=true")
                    .run(context -> {
                        StreamedResponse.of(
                                context.getBean(QwenStreamingChatModel.class), List.of(UserMessage.from("Hi")));

                        JsonNode messages = lastBody().path("messages");
                        assertThat(markerOfLastBlock(messages.get(messages.size() - 1))
                                        .path("type")
                                        .asText())
                                .isEqualTo("ephemeral");
                    });
        }

        @Test
        void should_give_a_named_chat_model_its_own_cache_options_and_leave_the_default_one_unmarked() {
            runner.withPropertyValues(
                            "langchain4j.qwen.chat-models.agent.model-name=qwen4-max",
                            "langchain4j.qwen.chat-models.agent.cache-system-messages=true")
                    .run(context -> {
                        context.getBean("agentChatModel", QwenChatModel.class)
                                .chat(List.of(SystemMessage.from("Be brief."), UserMessage.from("Hi")));
                        JsonNode agent = lastBody();
                        context.getBean(QwenChatModel.class)
                                .chat(List.of(SystemMessage.from("Be brief."), UserMessage.from("Hi")));
                        JsonNode plain = lastBody();

                        assertThat(agent.path("model").asText()).isEqualTo("qwen4-max");
                        assertThat(markerOfLastBlock(agent.path("messages").get(0))
                                        .path("type")
                                        .asText())
                                .isEqualTo("ephemeral");
                        assertThat(agent.path("messages").get(1).path("content").isTextual())
                                .isTrue();
                        assertThat(plain.path("messages").get(0).path("content").isTextual())
                                .isTrue();
                    });
        }

        @Test
        void should_refuse_marks_on_a_model_without_explicit_cache_before_sending() {
            runner.withPropertyValues(
                            "langchain4j.qwen.chat-model.model-name=qwen-turbo",
                            "langchain4j.qwen.chat-model.cache-system-messages=true")
                    .run(context -> {
                        QwenChatModel model = context.getBean(QwenChatModel.class);

                        assertThatThrownBy(() ->
                                        model.chat(List.of(SystemMessage.from("Be brief."), UserMessage.from("Hi"))))
                                .isInstanceOf(UnsupportedFeatureException.class)
                                .hasMessageContaining("qwen-turbo has no explicit context cache");
                        assertThat(qwen.requests()).isEmpty();
                    });
        }
    }

    @Nested
    class AudioOutput {

        @Test
        void should_ask_an_omni_model_for_spoken_answers_with_a_voice_and_carry_them_in_the_response() {
            runner.withPropertyValues(
                            "langchain4j.qwen.chat-model.model-name=qwen3-omni-flash",
                            "langchain4j.qwen.chat-model.audio-output.voice=Ethan")
                    .run(context -> {
                        ChatResponse response = context.getBean(QwenChatModel.class)
                                .chat(List.of(UserMessage.from("Tell me a short joke")));

                        JsonNode body = lastBody();
                        assertThat(body.path("stream").asBoolean())
                                .as("Omni models only stream")
                                .isTrue();
                        assertThat(body.path("modalities").toString()).isEqualTo("[\"text\",\"audio\"]");
                        assertThat(body.path("audio").path("voice").asText()).isEqualTo("Ethan");
                        assertThat(body.path("audio").path("format").asText()).isEqualTo(QwenAudioOutput.WAV);
                        QwenAudio audio = ((QwenChatResponseMetadata) response.metadata()).audio();
                        assertThat(audio).isNotNull();
                        assertThat(audio.format()).isEqualTo(QwenAudioOutput.WAV);
                        assertThat(audio.data()).isNotEmpty();
                    });
        }

        @Test
        void should_send_the_voice_and_format_of_a_named_streaming_model() {
            runner.withPropertyValues(
                            "langchain4j.qwen.chat-models.speaker.model-name=qwen3-omni-flash",
                            "langchain4j.qwen.chat-models.speaker.audio-output.voice=Cherry",
                            "langchain4j.qwen.chat-models.speaker.audio-output.format=wav")
                    .run(context -> {
                        ChatResponse response = StreamedResponse.of(
                                context.getBean("speakerStreamingChatModel", QwenStreamingChatModel.class),
                                List.of(UserMessage.from("Say hello")));

                        JsonNode audio = lastBody().path("audio");
                        assertThat(audio.path("voice").asText()).isEqualTo("Cherry");
                        assertThat(audio.path("format").asText()).isEqualTo("wav");
                        assertThat(((QwenChatResponseMetadata) response.metadata())
                                        .audio()
                                        .data())
                                .isNotEmpty();
                    });
        }

        @Test
        void should_refuse_the_voice_of_a_text_only_model_before_sending() {
            runner.withPropertyValues("langchain4j.qwen.chat-model.audio-output.voice=Cherry")
                    .run(context -> {
                        QwenChatModel model = context.getBean(QwenChatModel.class);

                        assertThatThrownBy(() -> model.chat(List.of(UserMessage.from("Hi"))))
                                .isInstanceOf(UnsupportedFeatureException.class)
                                .hasMessageContaining("audioOutput needs a Qwen-Omni model");
                        assertThat(qwen.requests()).isEmpty();
                    });
        }

        @Test
        void should_fail_the_startup_naming_the_voice_property_for_a_format_without_a_voice() {
            runner.withPropertyValues(
                            "langchain4j.qwen.chat-model.model-name=qwen3-omni-flash",
                            "langchain4j.qwen.chat-model.audio-output.format=wav")
                    .run(context -> {
                        assertThat(context).hasFailed();
                        Throwable failure = context.getStartupFailure();
                        while (failure != null && !(failure instanceof InvalidConfigurationPropertyValueException)) {
                            failure = failure.getCause();
                        }
                        assertThat(failure).isInstanceOf(InvalidConfigurationPropertyValueException.class);
                        assertThat(((InvalidConfigurationPropertyValueException) failure).getName())
                                .isEqualTo("langchain4j.qwen.chat-model.audio-output.voice");
                        assertThat(failure.getMessage()).contains("voice must be set");
                    });
        }
    }
}
