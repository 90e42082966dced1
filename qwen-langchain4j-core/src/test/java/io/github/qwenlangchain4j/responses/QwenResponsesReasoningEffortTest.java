package io.github.qwenlangchain4j.responses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import io.github.qwenlangchain4j.Fixtures;
import io.github.qwenlangchain4j.QwenReasoningEffort;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Thinking control and structured output on the Responses API as Model Studio's current "Create a response" reference
 * describes them (alibabacloud.com/help/en/model-studio/qwen-api-via-openai-responses): {@code reasoning.effort}
 * ({@code none} to {@code max}, recommended over {@code enable_thinking}; fixture request_reasoning_effort.json), and
 * no structured-output field, so JSON schemas are not declared as a capability.
 */
class QwenResponsesReasoningEffortTest extends ResponsesWireMockSupport {

    private static ChatRequest ask(String question) {
        return ChatRequest.builder().messages(UserMessage.from(question)).build();
    }

    @Nested
    class Reasoning_effort_is_sent_as_documented {

        @Test
        void should_send_the_documented_reasoning_object_without_enable_thinking() throws Exception {
            respondWithFixture("response_text_reasoning_real.json");
            JsonNode documented = JSON.readTree(Fixtures.read("responses/request_reasoning_effort.json"));

            model().modelName("qwen3.8-max")
                    .reasoningEffort(QwenReasoningEffort.LOW)
                    .build()
                    .chat(ask("Prove that sqrt(2) is irrational."));

            JsonNode sent = sentBody();
            assertThat(sent.path("reasoning")).isEqualTo(documented.path("reasoning"));
            assertThat(sent.has("enable_thinking")).isFalse();
        }

        @Test
        void should_let_a_request_effort_win_over_the_model_default() throws Exception {
            respondWithFixture("response_text_reasoning_real.json");

            model().reasoningEffort(QwenReasoningEffort.XHIGH)
                    .build()
                    .chat(ChatRequest.builder()
                            .messages(UserMessage.from("Hi"))
                            .parameters(QwenResponsesChatRequestParameters.builder()
                                    .reasoningEffort(QwenReasoningEffort.NONE)
                                    .build())
                            .build());

            assertThat(sentBody().path("reasoning").path("effort").asText()).isEqualTo("none");
        }

        @Test
        void should_send_every_documented_level_by_its_wire_name() throws Exception {
            for (QwenReasoningEffort effort : QwenReasoningEffort.values()) {
                server.resetRequests();
                respondWithFixture("response_text_reasoning_real.json");
                model().reasoningEffort(effort).build().chat(ask("Hi"));
                assertThat(sentBody().path("reasoning").path("effort").asText()).isEqualTo(effort.wireValue());
            }
        }

        @Test
        void should_let_a_custom_reasoning_parameter_replace_the_typed_one() throws Exception {
            respondWithFixture("response_text_reasoning_real.json");

            model().reasoningEffort(QwenReasoningEffort.LOW)
                    .customParameters(Map.of("reasoning", Map.of("effort", "medium", "summary", "auto")))
                    .build()
                    .chat(ask("Hi"));

            assertThat(sentBody().path("reasoning").path("effort").asText()).isEqualTo("medium");
            assertThat(sentBody().path("reasoning").path("summary").asText()).isEqualTo("auto");
        }
    }

    @Nested
    class Bad_efforts_fail_before_sending {

        @Test
        void should_refuse_enable_thinking_that_contradicts_the_effort() {
            assertThatThrownBy(() -> model().enableThinking(false)
                            .reasoningEffort(QwenReasoningEffort.HIGH)
                            .build()
                            .chat(ask("Hi")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("contradicts reasoningEffort(HIGH)");
            assertThatThrownBy(() -> model().enableThinking(true)
                            .reasoningEffort(QwenReasoningEffort.NONE)
                            .build()
                            .chat(ask("Hi")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("turns thinking off");
            assertThat(server.getAllServeEvents()).isEmpty();
        }

        @Test
        void should_refuse_web_extractor_with_effort_none() {
            assertThatThrownBy(() -> model().builtInTools(QwenBuiltInTool.webSearch(), QwenBuiltInTool.webExtractor())
                            .reasoningEffort(QwenReasoningEffort.NONE)
                            .build()
                            .chat(ask("Read example.com")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Normal mode does not support web_extractor")
                    .hasMessageContaining("reasoningEffort(NONE)");
            assertThat(server.getAllServeEvents()).isEmpty();
        }
    }

    @Nested
    class Json_schema {

        @Test
        void should_not_declare_json_schema_output_the_reference_does_not_document() {
            assertThat(model().build().supportedCapabilities()).isEmpty();
            assertThat(streamingModel().build().supportedCapabilities()).isEmpty();
        }

        @Test
        void should_still_give_an_explicit_schema_to_the_model_as_an_instruction_and_send_no_text_format()
                throws Exception {
            respondWithFixture("response_text_reasoning_real.json");
            JsonSchema schema = JsonSchema.builder()
                    .name("city")
                    .rootElement(JsonObjectSchema.builder()
                            .addStringProperty("name")
                            .required("name")
                            .build())
                    .build();

            model().responseFormat(ResponseFormat.builder()
                            .type(dev.langchain4j.model.chat.request.ResponseFormatType.JSON)
                            .jsonSchema(schema)
                            .build())
                    .build()
                    .chat(ask("Capital of France?"));

            JsonNode sent = sentBody();
            assertThat(sent.has("text")).isFalse();
            assertThat(sent.path("input").get(0).path("role").asText()).isEqualTo("system");
            assertThat(sent.path("input").get(0).path("content").asText()).contains("\"name\"");
        }
    }
}
