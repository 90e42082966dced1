package io.github.qwenlangchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import io.github.qwenlangchain4j.responses.QwenResponsesChatModel;
import io.github.qwenlangchain4j.responses.QwenResponsesChatRequestParameters;
import io.github.qwenlangchain4j.responses.QwenResponsesStreamingChatModel;
import org.junit.jupiter.api.Test;

/**
 * Request parameters of the other protocol's type would lose their own options in LangChain4j's merge; they are
 * refused before anything is sent, naming both types. LangChain4j's common parameters fit every model.
 */
class ParameterTypeMismatchTest extends QwenMockServerSupport {

    private static ChatRequest request(ChatRequestParameters parameters) {
        return ChatRequest.builder()
                .messages(UserMessage.from("Hi"))
                .parameters(parameters)
                .build();
    }

    @Test
    void should_refuse_responses_parameters_given_to_a_chat_completions_model() {
        QwenChatModel model = QwenChatModel.builder()
                .apiKey(server.apiKey())
                .baseUrl(server.baseUrl())
                .build();

        Throwable refused = catchThrowable(() -> model.chat(request(QwenResponsesChatRequestParameters.builder()
                .previousResponseId("resp_1")
                .build())));

        assertThat(refused)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("QwenResponsesChatRequestParameters cannot be given to QwenChatModel")
                .hasMessageContaining("which take QwenChatRequestParameters");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void should_refuse_chat_completions_parameters_given_to_a_responses_model() {
        QwenResponsesChatModel model = QwenResponsesChatModel.builder()
                .apiKey(server.apiKey())
                .baseUrl(server.responsesBaseUrl())
                .build();

        Throwable refused = catchThrowable(() -> model.chat(
                request(QwenChatRequestParameters.builder().enableSearch(true).build())));

        assertThat(refused)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("QwenChatRequestParameters cannot be given to QwenResponsesChatModel")
                .hasMessageContaining("which take QwenResponsesChatRequestParameters");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void should_refuse_them_on_the_streaming_models_too() {
        RecordingHandler handler = new RecordingHandler();
        Throwable refused = catchThrowable(() -> QwenResponsesStreamingChatModel.builder()
                .apiKey(server.apiKey())
                .baseUrl(server.responsesBaseUrl())
                .build()
                .chat(request(QwenChatRequestParameters.builder().seed(7).build()), handler));

        assertThat(refused)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("QwenChatRequestParameters cannot be given to QwenResponsesChatModel");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void should_take_langchain4js_common_parameters_on_every_model() {
        ChatRequestParameters common =
                ChatRequestParameters.builder().temperature(0.2).build();

        assertThat(QwenChatModel.builder()
                        .apiKey(server.apiKey())
                        .baseUrl(server.baseUrl())
                        .build()
                        .chat(request(common))
                        .aiMessage()
                        .text())
                .isNotBlank();
        assertThat(QwenResponsesChatModel.builder()
                        .apiKey(server.apiKey())
                        .baseUrl(server.responsesBaseUrl())
                        .build()
                        .chat(request(common))
                        .aiMessage()
                        .text())
                .isNotBlank();
    }
}
