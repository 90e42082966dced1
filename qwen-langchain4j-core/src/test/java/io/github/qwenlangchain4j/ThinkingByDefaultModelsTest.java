package io.github.qwenlangchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.ToolChoice;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.service.AiServices;
import io.github.qwenlangchain4j.testkit.MockReply;
import io.github.qwenlangchain4j.testkit.RecordedRequest;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Structured output and forced tools on models that think unless told otherwise (qwen3.5/3.6/3.7 commercial models
 * and the open-weight Qwen3 and Qwen3.5 hybrids: Model Studio "Deep thinking", supported-models list), against the
 * testkit, which refuses JSON mode and forced tools while thinking with Qwen's own messages. When the caller did not
 * ask for thinking, the library switches it off for that call ({@code enable_thinking: false}); when the caller asked
 * for it, JSON is steered by instruction only and a forced tool is refused before sending.
 */
class ThinkingByDefaultModelsTest extends QwenMockServerSupport {

    record Person(String name, int age) {}

    interface Extractor {
        Person extract(String text);
    }

    private QwenChatModel.Builder chatModel(String modelName) {
        return QwenChatModel.builder()
                .apiKey(server.apiKey())
                .baseUrl(server.baseUrl())
                .modelName(modelName);
    }

    private QwenStreamingChatModel.Builder streamingModel(String modelName) {
        return QwenStreamingChatModel.builder()
                .apiKey(server.apiKey())
                .baseUrl(server.baseUrl())
                .modelName(modelName);
    }

    private JsonNode lastRequest() {
        List<RecordedRequest> requests = server.requests();
        return requests.get(requests.size() - 1).json();
    }

    private static ToolSpecification weatherTool() {
        return ToolSpecification.builder()
                .name("get_weather")
                .description("Weather of a city")
                .parameters(JsonObjectSchema.builder()
                        .addStringProperty("city")
                        .required("city")
                        .build())
                .build();
    }

    private static ResponseFormat personSchema() {
        return ResponseFormat.builder()
                .type(ResponseFormatType.JSON)
                .jsonSchema(JsonSchema.builder()
                        .name("Person")
                        .rootElement(JsonObjectSchema.builder()
                                .addStringProperty("name")
                                .addIntegerProperty("age")
                                .required("name", "age")
                                .build())
                        .build())
                .build();
    }

    @Nested
    class When_the_caller_did_not_ask_for_thinking {

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"qwen3.6-plus", "qwen3.5-flash", "qwen3-32b", "qwen3.5-397b-a17b"})
        void should_return_a_record_from_an_ai_service_with_thinking_switched_off(String modelName) {
            server.enqueue(MockReply.text("{\"name\":\"Ada Lovelace\",\"age\":36}"));
            Extractor extractor =
                    AiServices.create(Extractor.class, chatModel(modelName).build());

            Person person = extractor.extract("Ada Lovelace died at 36.");

            assertThat(person).isEqualTo(new Person("Ada Lovelace", 36));
            assertThat(server.requests()).hasSize(1);
            JsonNode sent = lastRequest();
            assertThat(sent.path("enable_thinking").isBoolean()).isTrue();
            assertThat(sent.path("enable_thinking").asBoolean()).isFalse();
            assertThat(sent.at("/response_format/type").asText()).isEqualTo("json_object");
            assertThat(sent.has("stream"))
                    .as("a non-thinking call needs no stream")
                    .isFalse();
        }

        @Test
        void should_stream_structured_output_with_thinking_switched_off() throws Exception {
            server.enqueue(MockReply.text("{\"name\":\"Ada\",\"age\":36}"));
            RecordingHandler handler = new RecordingHandler();

            streamingModel("qwen3.6-plus")
                    .build()
                    .chat(
                            ChatRequest.builder()
                                    .messages(UserMessage.from("Ada, 36"))
                                    .responseFormat(personSchema())
                                    .build(),
                            handler);

            ChatResponse response = handler.awaitResponse();
            assertThat(response.aiMessage().text()).isEqualTo("{\"name\":\"Ada\",\"age\":36}");
            assertThat(handler.thinking).isEmpty();
            assertThat(lastRequest().path("enable_thinking").asBoolean(true)).isFalse();
            assertThat(lastRequest().at("/response_format/type").asText()).isEqualTo("json_object");
        }

        @Test
        void should_force_a_single_tool_sync_and_streaming_with_thinking_switched_off() throws Exception {
            ChatRequest forced = ChatRequest.builder()
                    .messages(UserMessage.from("Weather in Hangzhou?"))
                    .toolSpecifications(weatherTool())
                    .toolChoice(ToolChoice.REQUIRED)
                    .build();

            ChatResponse sync = chatModel("qwen3.6-plus").build().chat(forced);
            RecordingHandler handler = new RecordingHandler();
            streamingModel("qwen3-32b").build().chat(forced, handler);
            ChatResponse streamed = handler.awaitResponse();

            assertThat(sync.aiMessage().toolExecutionRequests())
                    .singleElement()
                    .satisfies(call -> assertThat(call.name()).isEqualTo("get_weather"));
            assertThat(streamed.aiMessage().toolExecutionRequests())
                    .singleElement()
                    .satisfies(call -> assertThat(call.name()).isEqualTo("get_weather"));
            for (RecordedRequest request : server.requests()) {
                assertThat(request.json().path("enable_thinking").asBoolean(true))
                        .isFalse();
                assertThat(request.json().at("/tool_choice/function/name").asText())
                        .isEqualTo("get_weather");
            }
        }

        @Test
        void should_let_a_plain_call_think_as_the_model_does_by_default() {
            server.enqueue(MockReply.thinkingThenText("Hmm.", "Hello!"));

            ChatResponse response = chatModel("qwen3-32b")
                    .build()
                    .chat(ChatRequest.builder().messages(UserMessage.from("Hi")).build());

            assertThat(response.aiMessage().thinking()).isEqualTo("Hmm.");
            assertThat(response.aiMessage().text()).isEqualTo("Hello!");
            JsonNode sent = lastRequest();
            assertThat(sent.has("enable_thinking"))
                    .as("the model's default is kept")
                    .isFalse();
            assertThat(sent.path("stream").asBoolean())
                    .as("open-weight hybrids stream while thinking")
                    .isTrue();
        }

        @Test
        void should_not_send_enable_thinking_to_models_that_do_not_think_by_default() {
            server.enqueue(MockReply.text("{\"name\":\"Ada\",\"age\":36}"));

            AiServices.create(Extractor.class, chatModel("qwen-plus").build()).extract("Ada, 36");

            assertThat(lastRequest().has("enable_thinking")).isFalse();
            assertThat(lastRequest().at("/response_format/type").asText()).isEqualTo("json_object");
        }
    }

    @Nested
    class When_the_caller_asked_for_thinking {

        @Test
        void should_steer_json_by_instruction_only_and_stream() {
            server.enqueue(MockReply.thinkingThenText("Extracting.", "{\"name\":\"Ada\",\"age\":36}"));
            Extractor extractor = AiServices.create(
                    Extractor.class,
                    chatModel("qwen3.6-plus").enableThinking(true).build());

            assertThat(extractor.extract("Ada, 36")).isEqualTo(new Person("Ada", 36));

            JsonNode sent = lastRequest();
            assertThat(sent.path("enable_thinking").asBoolean()).isTrue();
            assertThat(sent.has("response_format")).isFalse();
            assertThat(sent.at("/messages/0/role").asText()).isEqualTo("system");
            assertThat(sent.at("/messages/0/content").asText()).contains("JSON schema");
            assertThat(sent.path("stream").asBoolean()).isTrue();
        }

        @Test
        void should_refuse_a_forced_tool_before_sending() {
            ChatRequest forced = ChatRequest.builder()
                    .messages(UserMessage.from("Weather?"))
                    .toolSpecifications(weatherTool())
                    .toolChoice(ToolChoice.REQUIRED)
                    .build();

            assertThatThrownBy(() -> chatModel("qwen3.6-plus")
                            .enableThinking(true)
                            .build()
                            .chat(forced))
                    .isInstanceOf(UnsupportedFeatureException.class)
                    .hasMessageContaining("thinking");
            assertThat(server.requests()).isEmpty();
        }

        @Test
        void should_treat_a_custom_enable_thinking_parameter_as_the_callers_choice() {
            server.enqueue(MockReply.thinkingThenText("Extracting.", "{\"name\":\"Ada\",\"age\":36}"));
            Extractor extractor = AiServices.create(
                    Extractor.class,
                    chatModel("qwen3.6-plus")
                            .customParameters(java.util.Map.of("enable_thinking", true))
                            .build());

            assertThat(extractor.extract("Ada, 36")).isEqualTo(new Person("Ada", 36));
            assertThat(lastRequest().has("response_format")).isFalse();
        }
    }

    @Nested
    class On_models_that_only_think {

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"qwq-plus", "qwen3-235b-a22b-thinking-2507", "deepseek-r1"})
        void should_steer_json_by_instruction_and_never_send_enable_thinking_false(String modelName) {
            server.enqueue(MockReply.thinkingThenText("Extracting.", "{\"name\":\"Ada\",\"age\":36}"));

            Person person = AiServices.create(
                            Extractor.class, chatModel(modelName).build())
                    .extract("Ada, 36");

            assertThat(person).isEqualTo(new Person("Ada", 36));
            JsonNode sent = lastRequest();
            assertThat(sent.has("enable_thinking")).isFalse();
            assertThat(sent.has("response_format")).isFalse();
            assertThat(sent.path("stream").asBoolean()).isTrue();
        }

        @Test
        void should_refuse_a_forced_tool_before_sending() {
            ChatRequest forced = ChatRequest.builder()
                    .messages(UserMessage.from("Weather?"))
                    .toolSpecifications(weatherTool())
                    .toolChoice(ToolChoice.REQUIRED)
                    .build();

            assertThatThrownBy(() -> chatModel("qwq-plus").build().chat(forced))
                    .isInstanceOf(UnsupportedFeatureException.class);
            assertThat(server.requests()).isEmpty();
        }
    }
}
