package io.github.qwenlangchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ToolChoice;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.service.AiServices;
import io.github.qwenlangchain4j.testkit.MockReply;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The library end to end against QwenMockServer, which refuses what Qwen refuses: each test passes only if the
 * library absorbs the behaviour the way docs/ARCHITECTURE.md ("What the library absorbs") says.
 */
class QwenMockServerEndToEndTest extends QwenMockServerSupport {

    private QwenChatModel.Builder chatModel() {
        return QwenChatModel.builder().apiKey(server.apiKey()).baseUrl(server.baseUrl());
    }

    @Test
    void should_chat_with_the_offline_default_reply() {
        String answer = chatModel().build().chat("What is the capital of France?");

        assertThat(answer).contains("offline").contains("What is the capital of France?");
    }

    @Test
    void should_chat_with_thinking_and_stream_only_models_through_chat() {
        server.enqueue(MockReply.thinkingThenText("Paris is in France.", "Paris."));
        server.enqueue(MockReply.thinkingThenText("QwQ thinks.", "QwQ answers."));
        server.enqueue(MockReply.text("Hybrid answers."));
        server.enqueue(MockReply.text("Hybrid again."));

        ChatResponse thinking = chatModel().enableThinking(true).build().chat(UserMessage.from("Capital of France?"));
        ChatResponse qwq = chatModel().modelName("qwq-plus").build().chat(UserMessage.from("?"));
        QwenChatModel hybrid = chatModel().modelName("qwen3-32b").build();
        String first = hybrid.chat("?");
        String second = hybrid.chat("?");

        assertThat(thinking.aiMessage().thinking()).isEqualTo("Paris is in France.");
        assertThat(thinking.aiMessage().text()).isEqualTo("Paris.");
        assertThat(qwq.aiMessage().text()).isEqualTo("QwQ answers.");
        assertThat(List.of(first, second)).containsExactly("Hybrid answers.", "Hybrid again.");
        // qwen3-32b is an open-weight hybrid that thinks by default and only streams while thinking: streamed at once
        assertThat(server.requests())
                .extracting(r -> r.json().path("stream").asBoolean(false))
                .containsExactly(true, true, true, true);
    }

    @Test
    void should_force_a_single_tool_instead_of_sending_required() {
        server.enqueue(MockReply.toolCalls(new MockReply.ToolCall("get_weather", "{\"city\":\"Hangzhou\"}")));
        ToolSpecification weather =
                ToolSpecification.builder().name("get_weather").build();

        ChatResponse response = chatModel()
                .build()
                .chat(ChatRequest.builder()
                        .messages(UserMessage.from("Weather?"))
                        .toolSpecifications(weather)
                        .toolChoice(ToolChoice.REQUIRED)
                        .build());

        assertThat(response.aiMessage().toolExecutionRequests())
                .singleElement()
                .satisfies(call -> assertThat(call.arguments()).isEqualTo("{\"city\":\"Hangzhou\"}"));
        assertThat(server.requests()
                        .get(0)
                        .json()
                        .at("/tool_choice/function/name")
                        .asText())
                .isEqualTo("get_weather");
    }

    @Test
    void should_refuse_required_with_several_tools_before_sending() {
        ChatRequest request = ChatRequest.builder()
                .messages(UserMessage.from("?"))
                .toolSpecifications(
                        ToolSpecification.builder().name("a").build(),
                        ToolSpecification.builder().name("b").build())
                .toolChoice(ToolChoice.REQUIRED)
                .build();

        assertThatThrownBy(() -> chatModel().build().chat(request)).isInstanceOf(UnsupportedFeatureException.class);
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void should_merge_system_messages_and_satisfy_json_mode() {
        String answer = chatModel()
                .responseFormat(ResponseFormat.JSON)
                .build()
                .chat(
                        dev.langchain4j.data.message.SystemMessage.from("You are terse."),
                        UserMessage.from("Answer"),
                        dev.langchain4j.data.message.SystemMessage.from("Never apologise."))
                .aiMessage()
                .text();

        // the mock refuses a system message after the first and json_object without the word JSON
        assertThat(answer).startsWith("{\"answer\":");
        assertThat(server.requests().get(0).json().at("/messages/0/content").asText())
                .contains("You are terse.")
                .contains("Never apologise.")
                .contains("JSON");
    }

    record Person(String name, int age) {}

    interface Extractor {
        Person extract(String text);
    }

    @Test
    void should_return_a_record_from_an_ai_service_offline_with_nothing_queued() {
        // The README's Extractor example: the offline answer fits the schema the library sends as an instruction.
        Person ada = AiServices.create(Extractor.class, chatModel().build()).extract("Ada Lovelace died aged 36.");

        assertThat(ada).isEqualTo(new Person("offline", 36));
    }

    @Test
    void should_fit_the_schema_on_a_model_that_thinks_and_gets_the_schema_as_an_instruction_only() {
        Person person = AiServices.create(
                        Extractor.class, chatModel().modelName("qwq-plus").build())
                .extract("Grace Hopper, 85");

        assertThat(person.age()).isEqualTo(85);
        assertThat(server.requests().get(0).json().has("response_format")).isFalse();
    }

    interface Assistant {
        String chat(String message);
    }

    static class Clock {
        final List<String> zones = new CopyOnWriteArrayList<>();

        @Tool("Current time in a time zone")
        String currentTime(String zone) {
            zones.add(zone);
            return "12:00 in " + zone;
        }
    }

    @Test
    void should_run_an_ai_service_tool_loop_offline() {
        Clock clock = new Clock();
        Assistant assistant = AiServices.builder(Assistant.class)
                .chatModel(chatModel().build())
                .tools(clock)
                .build();

        String answer = assistant.chat("What time is it?");

        assertThat(clock.zones).containsExactly("offline");
        assertThat(answer).contains("currentTime").contains("12:00 in offline");
    }

    @Test
    void should_stream_against_the_mock() throws Exception {
        server.enqueue(MockReply.thinkingThenText("Hmm, greetings.", "Hello there, streaming world!"));
        RecordingHandler handler = new RecordingHandler();

        QwenStreamingChatModel.builder()
                .apiKey(server.apiKey())
                .baseUrl(server.baseUrl())
                .enableThinking(true)
                .build()
                .chat("Say hello", handler);
        ChatResponse response = handler.awaitResponse();

        assertThat(String.join("", handler.thinking)).isEqualTo("Hmm, greetings.");
        assertThat(handler.texts).hasSizeGreaterThan(1);
        assertThat(response.aiMessage().text()).isEqualTo("Hello there, streaming world!");
        assertThat(((QwenTokenUsage) response.tokenUsage()).reasoningTokens()).isPositive();
        QwenChatResponseMetadata metadata = (QwenChatResponseMetadata) response.metadata();
        assertThat(metadata.requestId()).isNotBlank();
        assertThat(metadata.id()).isEqualTo("chatcmpl-" + metadata.requestId());
    }

    @Test
    void should_map_a_wrong_key_to_an_authentication_error() {
        assertThatThrownBy(() -> QwenChatModel.builder()
                        .apiKey("sk-wrong")
                        .baseUrl(server.baseUrl())
                        .build()
                        .chat("hi"))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("invalid_api_key")
                .hasMessageNotContaining("sk-wrong");
    }
}
