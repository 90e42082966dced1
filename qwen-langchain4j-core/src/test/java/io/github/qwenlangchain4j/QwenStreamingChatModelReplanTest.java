package io.github.qwenlangchain4j;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A streaming call on a model name the library does not know is planned again when Qwen's refusal (before the
 * first event) says how it must be sent; the handler hears only the answer. Refusal text: Model Studio error-code
 * page ("Json mode response is not supported when enable_thinking is true"), sent as the SSE-framed 400 compatible
 * mode gives refused stream requests.
 */
class QwenStreamingChatModelReplanTest extends QwenWireMockSupport {

    private static final String JSON_MODE_REFUSED = "Json mode response is not supported when enable_thinking is true";

    private QwenStreamingChatModel.Builder streamingModel() {
        return QwenStreamingChatModel.builder().apiKey(API_KEY).baseUrl(baseUrl());
    }

    private static ChatRequest jsonRequest() {
        return ChatRequest.builder()
                .messages(UserMessage.from("Answer in JSON"))
                .responseFormat(ResponseFormat.JSON)
                .build();
    }

    @Test
    void should_resend_with_thinking_switched_off_and_report_only_the_answer() throws Exception {
        server.stubFor(post(urlEqualTo(CHAT_PATH))
                .atPriority(5)
                .willReturn(error(400, "data: " + openAiError("invalid_parameter_error", JSON_MODE_REFUSED) + "\n\n")));
        server.stubFor(post(urlEqualTo(CHAT_PATH))
                .atPriority(1)
                .withRequestBody(matchingJsonPath("$.enable_thinking", equalTo("false")))
                .willReturn(sse(Fixtures.sseFromJsonLines("chat/stream_basic.sse.jsonl"))));
        RecordingHandler handler = new RecordingHandler();

        streamingModel().modelName("my-finetuned-hybrid").build().chat(jsonRequest(), handler);

        ChatResponse response = handler.awaitResponse();
        assertThat(response.aiMessage().text()).isNotBlank();
        assertThat(handler.errors).isEmpty();
        assertThat(handler.terminalCalls.get()).isEqualTo(1);
        List<JsonNode> bodies = sentBodies();
        assertThat(bodies)
                .extracting(b -> b.path("enable_thinking").asText("absent"))
                .containsExactly("absent", "false");
        assertThat(bodies)
                .extracting(b -> b.at("/response_format/type").asText())
                .containsOnly("json_object");
    }

    @Test
    void should_report_a_refusal_that_teaches_nothing_once() throws Exception {
        server.stubFor(post(urlEqualTo(CHAT_PATH))
                .willReturn(error(
                        400, openAiError("invalid_parameter_error", "Range of input length should be [1, 129024]"))));
        RecordingHandler handler = new RecordingHandler();

        streamingModel().build().chat(jsonRequest(), handler);

        assertThat(handler.awaitError())
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("Range of input length");
        assertThat(handler.terminalCalls.get()).isEqualTo(1);
        assertThat(requestCount()).isEqualTo(1);
    }
}
