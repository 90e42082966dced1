package io.github.qwenlangchain4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import io.github.qwenlangchain4j.QwenChatModel;
import io.github.qwenlangchain4j.QwenStreamingChatModel;
import io.github.qwenlangchain4j.embedding.QwenEmbeddingModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Inputs users get wrong fail before anything is sent (the server counts zero requests), with a message that names
 * the problem: for builders of all three models, and for chat requests of the sync and the streaming model.
 */
class InputValidationTest {

    private RawHttpServer server;

    @BeforeEach
    void start() throws Exception {
        server = new RawHttpServer((request, socket, out) -> {
            RawHttpServer.writeHead(out, 500, "application/json", 2);
            RawHttpServer.write(out, "{}");
        });
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    /** A builder setting that is wrong, and the words the error message must contain. */
    static Stream<Arguments> badSettings() {
        return Stream.of(
                Arguments.of("blank API key", settings(null, "   ", null, null), "DASHSCOPE_API_KEY"),
                Arguments.of("null API key", settings(null, null, null, null), "apiKey"),
                Arguments.of("base URL that is not a URL", settings("not a url", null, null, null), "baseUrl"),
                Arguments.of("ftp base URL", settings("ftp://example.com/v1", null, null, null), "baseUrl"),
                Arguments.of("empty base URL", settings("", null, null, null), "baseUrl"),
                Arguments.of("negative timeout", settings(null, null, Duration.ofSeconds(-1), null), "timeout"),
                Arguments.of("zero timeout", settings(null, null, Duration.ZERO, null), "timeout"),
                Arguments.of("negative maxRetries", settings(null, null, null, -1), "maxRetries"));
    }

    record Settings(String baseUrl, String apiKey, Duration timeout, Integer maxRetries) {}

    private static Settings settings(String baseUrl, String apiKey, Duration timeout, Integer maxRetries) {
        return new Settings(baseUrl, apiKey, timeout, maxRetries);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSettings")
    void should_refuse_a_bad_setting_when_any_model_is_built(String what, Settings bad, String named) {
        String baseUrl = bad.baseUrl() != null ? bad.baseUrl() : server.baseUrl();
        String apiKey = bad.apiKey() != null || what.contains("API key") ? bad.apiKey() : Targets.API_KEY;
        List<Function<Settings, Object>> builders = List.of(
                s -> QwenChatModel.builder()
                        .apiKey(apiKey)
                        .baseUrl(baseUrl)
                        .timeout(s.timeout())
                        .maxRetries(s.maxRetries())
                        .build(),
                s -> QwenStreamingChatModel.builder()
                        .apiKey(apiKey)
                        .baseUrl(baseUrl)
                        .timeout(s.timeout())
                        .maxRetries(s.maxRetries())
                        .build(),
                s -> QwenEmbeddingModel.builder()
                        .apiKey(apiKey)
                        .baseUrl(baseUrl)
                        .timeout(s.timeout())
                        .maxRetries(s.maxRetries())
                        .build());

        for (Function<Settings, Object> builder : builders) {
            Throwable thrown = catchThrowable(() -> builder.apply(bad));
            assertThat(thrown)
                    .as(what)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(named);
        }
        assertThat(server.requestCount()).isZero();
    }

    static Stream<Arguments> badRequests() {
        ToolSpecification spaced =
                ToolSpecification.builder().name("get weather").description("d").build();
        ToolSpecification tooLong =
                ToolSpecification.builder().name("t".repeat(65)).build();
        ToolSpecification unicode =
                ToolSpecification.builder().name("wetter_für_heute").build();
        return Stream.of(
                Arguments.of(
                        "null message in the list",
                        (Function<Void, ChatRequest>) v -> ChatRequest.builder()
                                .messages(Arrays.asList(UserMessage.from("hi"), null))
                                .build(),
                        "null"),
                Arguments.of("tool name with spaces", request(spaced), "get weather"),
                Arguments.of("tool name longer than 64", request(tooLong), "Invalid tool name"),
                Arguments.of("tool name with non-ASCII letters", request(unicode), "wetter_für_heute"));
    }

    private static Function<Void, ChatRequest> request(ToolSpecification tool) {
        return v -> ChatRequest.builder()
                .messages(UserMessage.from("hi"))
                .toolSpecifications(tool)
                .build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void should_refuse_a_bad_chat_request_before_sending(String what, Function<Void, ChatRequest> request, String named)
            throws Exception {
        QwenChatModel chat = QwenChatModel.builder()
                .apiKey(Targets.API_KEY)
                .baseUrl(server.baseUrl())
                .build();
        QwenStreamingChatModel streaming = QwenStreamingChatModel.builder()
                .apiKey(Targets.API_KEY)
                .baseUrl(server.baseUrl())
                .build();

        Throwable syncError = catchThrowable(() -> chat.chat(request.apply(null)));
        Throwable streamError;
        try {
            ChatRequest built = request.apply(null);
            Targets.CountingHandler handler = new Targets.CountingHandler();
            streaming.chat(built, handler);
            handler.await(Duration.ofSeconds(5));
            assertThat(handler.terminalCalls.get()).isEqualTo(1);
            streamError = handler.error.get();
        } catch (IllegalArgumentException refusedByLangChain4j) {
            streamError = refusedByLangChain4j;
        }

        assertThat(syncError)
                .as(what)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(named);
        assertThat(streamError)
                .as(what)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(named);
        assertThat(server.requestCount()).isZero();
    }

    @org.junit.jupiter.api.Test
    void should_refuse_null_and_empty_message_lists_and_empty_tool_names_before_sending() {
        QwenChatModel chat = QwenChatModel.builder()
                .apiKey(Targets.API_KEY)
                .baseUrl(server.baseUrl())
                .build();

        assertThat(catchThrowable(() -> chat.chat((List<ChatMessage>) null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("messages");
        assertThat(catchThrowable(() -> chat.chat(new ArrayList<ChatMessage>())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("messages");
        assertThat(catchThrowable(() -> chat.chat(ChatRequest.builder()
                        .messages(UserMessage.from("hi"))
                        .toolSpecifications(ToolSpecification.builder().name("").build())
                        .build())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("name");
        assertThat(server.requestCount()).isZero();
    }
}
