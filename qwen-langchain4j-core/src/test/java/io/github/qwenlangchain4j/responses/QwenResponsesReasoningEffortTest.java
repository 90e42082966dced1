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
                    .reasoningEffort("low")
                    .build()
                    .chat(ask("Prove that sqrt(2) is irrational."));

            JsonNode sent = sentBody();
            assertThat(sent.path("reasoning")).isEqualTo(documented.path("reasoning"));
            assertThat(sent.has("enable_thinking")).isFalse();
        }

        @Test
        void should_let_a_request_effort_win_over_the_model_default() throws Exception {
            respondWithFixture("response_text_reasoning_real.json");

            model().reasoningEffort("xhigh")
                    .build()
                    .chat(ChatRequest.builder()
                            .messages(UserMessage.from("Hi"))
                            .parameters(QwenResponsesChatRequestParameters.builder()
                                    .reasoningEffort("none")
                                    .build())
                            .build());

            assertThat(sentBody().path("reasoning").path("effort").asText()).isEqualTo("none");
        }

        @Test
        void should_accept_every_documented_level() {
            for (String effort : QwenResponsesChatRequestParameters.REASONING_EFFORTS) {
                assertThat(QwenResponsesChatRequestParameters.builder()
                                .reasoningEffort(effort)
                                .build()
                                .reasoningEffort())
                        .isEqualTo(effort);
            }
        }

        @Test
        void should_let_a_custom_reasoning_parameter_replace_the_typed_one() throws Exception {
            respondWithFixture("response_text_reasoning_real.json");

            model().reasoningEffort("low")
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
        void should_refuse_a_level_qwen_does_not_document_naming_the_levels() {
            assertThatThrownBy(() -> model().reasoningEffort("HIGH"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'HIGH'")
                    .hasMessageContaining("[none, minimal, low, medium, high, xhigh, max]");
            assertThatThrownBy(() -> QwenResponsesChatRequestParameters.builder()
                            .reasoningEffort("extreme")
                            .build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("reasoning.effort");
        }

        @Test
        void should_refuse_enable_thinking_that_contradicts_the_effort() {
            assertThatThrownBy(() -> model().enableThinking(false)
                            .reasoningEffort("high")
                            .build()
                            .chat(ask("Hi")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("contradicts reasoningEffort(\"high\")");
            assertThatThrownBy(() -> model().enableThinking(true)
                            .reasoningEffort("none")
                            .build()
                            .chat(ask("Hi")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("turns thinking off");
            assertThat(server.getAllServeEvents()).isEmpty();
        }

        @Test
        void should_refuse_web_extractor_with_effort_none() {
            assertThatThrownBy(() -> model().builtInTools(QwenBuiltInTool.webSearch(), QwenBuiltInTool.webExtractor())
                            .reasoningEffort("none")
                            .build()
                            .chat(ask("Read example.com")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Normal mode does not support web_extractor")
                    .hasMessageContaining("reasoningEffort(\"none\")");
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
