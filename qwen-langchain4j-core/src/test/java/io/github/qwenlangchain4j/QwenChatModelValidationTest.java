package io.github.qwenlangchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.image.Image;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.PdfFileContent;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.chat.request.ToolChoice;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What must fail before anything is sent: each test ends by checking that the server received no request. */
class QwenChatModelValidationTest extends QwenWireMockSupport {

    private static final ToolSpecification WEATHER = ToolSpecification.builder()
            .name("get_current_weather")
            .description("Weather")
            .build();
    private static final ToolSpecification TIME = ToolSpecification.builder()
            .name("get_current_time")
            .description("Time")
            .build();

    @BeforeEach
    void stubAnAnswerThatMustNotBeNeeded() {
        stubBasicAnswer();
    }

    @AfterEach
    void nothingWasSent() {
        assertThat(requestCount()).as("requests the server received").isZero();
    }

    @Test
    void should_fail_at_build_without_an_api_key_and_name_the_environment_variable() {
        assertThatThrownBy(() -> QwenChatModel.builder().baseUrl(baseUrl()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DASHSCOPE_API_KEY");
        assertThatThrownBy(() ->
                        QwenChatModel.builder().apiKey("  ").baseUrl(baseUrl()).build())
                .hasMessageContaining("DASHSCOPE_API_KEY");
    }

    @Test
    void should_refuse_an_invalid_tool_name() {
        QwenChatModel model = model().build();
        ToolSpecification invalid =
                ToolSpecification.builder().name("get weather!").build();

        assertThatThrownBy(() -> model.chat(ChatRequest.builder()
                        .messages(UserMessage.from("Hi"))
                        .toolSpecifications(invalid)
                        .build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("get weather!")
                .hasMessageContaining("64");
    }

    @Test
    void should_refuse_a_tool_name_longer_than_64_characters() {
        QwenChatModel model = model().build();
        ToolSpecification tooLong =
                ToolSpecification.builder().name("a".repeat(65)).build();

        assertThatThrownBy(() -> model.chat(ChatRequest.builder()
                        .messages(UserMessage.from("Hi"))
                        .toolSpecifications(tooLong)
                        .build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid tool name");
    }

    @Test
    void should_refuse_content_qwen_cannot_take() {
        QwenChatModel model = model().build();

        assertThatThrownBy(() -> model.chat(UserMessage.from(
                        TextContent.from("Summarise"), PdfFileContent.from("https://example.com/report.pdf"))))
                .isInstanceOf(UnsupportedFeatureException.class)
                .hasMessageContaining("PDF");
    }

    @Test
    void should_refuse_tool_choice_required_with_several_tools() {
        QwenChatModel model = model().build();

        assertThatThrownBy(() -> model.chat(ChatRequest.builder()
                        .messages(UserMessage.from("Hi"))
                        .toolSpecifications(WEATHER, TIME)
                        .toolChoice(ToolChoice.REQUIRED)
                        .build()))
                .isInstanceOf(UnsupportedFeatureException.class)
                .hasMessageContaining("REQUIRED")
                .hasMessageContaining("ToolChoice.AUTO");
    }

    @Test
    void should_refuse_frequency_penalty_per_request_naming_the_alternatives() {
        QwenChatModel model = model().build();

        assertThatThrownBy(() -> model.chat(ChatRequest.builder()
                        .messages(UserMessage.from("Hi"))
                        .frequencyPenalty(0.5)
                        .build()))
                .isInstanceOf(UnsupportedFeatureException.class)
                .hasMessageContaining("frequencyPenalty")
                .hasMessageContaining("repetitionPenalty")
                .hasMessageContaining("presencePenalty");
    }

    @Test
    void should_refuse_values_outside_qwens_ranges_at_build_naming_the_option() {
        // Qwen's ranges, as its own 400s state them ("Range of temperature should be [0.0, 2.0)",
        // "Range of top_p should be (0.0, 1.0]"): refused before anything is sent.
        assertThatThrownBy(() -> model().temperature(5.0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("temperature must be in [0, 2) for Qwen, but was 5.0");
        assertThatThrownBy(() -> model().temperature(2.0).build()).hasMessageContaining("temperature");
        assertThatThrownBy(() -> model().topP(0.0).build()).hasMessageContaining("topP must be in (0, 1]");
        assertThatThrownBy(() -> model().topK(-1).build()).hasMessageContaining("topK must be 0 or more");
        assertThatThrownBy(() -> model().maxTokens(0).build()).hasMessageContaining("max_tokens) must be 1 or more");
        assertThatThrownBy(() -> model().presencePenalty(-2.5).build()).hasMessageContaining("presencePenalty");
        assertThatThrownBy(() -> model().seed(-1).build()).hasMessageContaining("seed must be 0 or more");
        assertThat(model().temperature(0.0)
                        .topP(1.0)
                        .topK(0)
                        .presencePenalty(2.0)
                        .seed(0)
                        .maxTokens(1)
                        .build())
                .isNotNull();
        assertThat(requestCount()).isZero();
    }

    @Test
    void should_refuse_a_request_temperature_outside_the_range_before_sending() {
        QwenChatModel model = model().build();

        assertThatThrownBy(() -> model.chat(ChatRequest.builder()
                        .messages(UserMessage.from("Hi"))
                        .temperature(3.0)
                        .build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("temperature must be in [0, 2)");
        assertThat(requestCount()).isZero();
    }

    @Test
    void should_refuse_frequency_penalty_in_default_request_parameters_at_build() {
        assertThatThrownBy(() -> model().defaultRequestParameters(DefaultChatRequestParameters.builder()
                                .frequencyPenalty(0.5)
                                .build())
                        .build())
                .isInstanceOf(UnsupportedFeatureException.class)
                .hasMessageContaining("repetitionPenalty");
    }

    @Test
    void should_refuse_a_forced_tool_call_while_thinking() {
        QwenChatModel thinking = model().enableThinking(true).build();
        QwenChatModel alwaysThinking = model().modelName("qwq-plus").build();
        ChatRequest forced = ChatRequest.builder()
                .messages(UserMessage.from("Weather?"))
                .toolSpecifications(WEATHER)
                .toolChoice(ToolChoice.REQUIRED)
                .build();

        assertThatThrownBy(() -> thinking.chat(forced))
                .isInstanceOf(UnsupportedFeatureException.class)
                .hasMessageContaining("thinking");
        assertThatThrownBy(() -> alwaysThinking.chat(forced))
                .isInstanceOf(UnsupportedFeatureException.class)
                .hasMessageContaining("thinking");
    }

    @Test
    void should_refuse_a_base64_image_without_mime_type() {
        QwenChatModel model = model().build();
        Image image = Image.builder().base64Data("iVBORw0KGgoAAAANSUhEUg==").build();

        assertThatThrownBy(
                        () -> model.chat(UserMessage.from(TextContent.from("What is it?"), ImageContent.from(image))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MIME type");
    }

    @Test
    void should_refuse_an_invalid_base_url_at_build() {
        assertThatThrownBy(() -> QwenChatModel.builder()
                        .apiKey(API_KEY)
                        .baseUrl("not a url")
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a url");
        assertThatThrownBy(() -> QwenChatModel.builder()
                        .apiKey(API_KEY)
                        .baseUrl("ftp://example.com/v1")
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("baseUrl");
    }

    @Test
    void should_refuse_a_negative_or_zero_timeout_at_build() {
        assertThatThrownBy(() -> model().timeout(Duration.ofSeconds(-1)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("timeout");
        assertThatThrownBy(() -> model().timeout(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("timeout");
    }

    @Test
    void should_refuse_negative_max_retries_at_build() {
        assertThatThrownBy(() -> model().maxRetries(-1).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxRetries");
    }

    @Test
    void should_refuse_an_unknown_search_strategy() {
        assertThatThrownBy(() ->
                        QwenSearchOptions.builder().searchStrategy("fastest").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("turbo, max, agent, agent_max");
    }

    @Test
    void should_not_show_the_api_key_in_to_string() {
        assertThat(model().build().toString()).doesNotContain(API_KEY).contains("***");
    }
}
