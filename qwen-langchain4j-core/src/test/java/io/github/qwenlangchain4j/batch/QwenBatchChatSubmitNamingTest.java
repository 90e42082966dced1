package io.github.qwenlangchain4j.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ToolChoice;
import io.github.qwenlangchain4j.QwenChatRequestParameters;
import io.github.qwenlangchain4j.QwenMockServerSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: {@link QwenBatchChat#submit} names {@code requests[i]} in every exception it raises while mapping, keeps
 * the exception's type (what {@code QwenChatModel} would raise for the same request) and its cause, and uploads
 * nothing.
 */
class QwenBatchChatSubmitNamingTest extends QwenMockServerSupport {

    private QwenBatchChat batch() {
        return QwenBatchChat.builder()
                .apiKey(server.apiKey())
                .baseUrl(server.baseUrl())
                .pollInterval(Duration.ZERO)
                .maxPollInterval(Duration.ZERO)
                .build();
    }

    private static ChatRequest question(String text) {
        return ChatRequest.builder().messages(UserMessage.from(text)).build();
    }

    private static ChatRequest withParameters(QwenChatRequestParameters parameters) {
        return ChatRequest.builder()
                .messages(UserMessage.from("What is the weather in Hangzhou?"))
                .parameters(parameters)
                .build();
    }

    private static ToolSpecification tool(String name) {
        return ToolSpecification.builder().name(name).description("A tool").build();
    }

    /** Mixes valid requests with {@code bad} at {@code index}. */
    private static List<ChatRequest> withBadRequestAt(int index, ChatRequest bad) {
        List<ChatRequest> requests = new ArrayList<>();
        for (int i = 0; i < index; i++) {
            requests.add(question("Question number " + i));
        }
        requests.add(bad);
        requests.add(question("A question after the bad one"));
        return requests;
    }

    private Throwable submitFailure(List<ChatRequest> requests) {
        Throwable thrown = catchThrowable(() -> batch().submit(requests));
        assertThat(thrown).as("submit must fail").isNotNull();
        assertThat(server.requests())
                .as("nothing is uploaded when a request is invalid")
                .isEmpty();
        return thrown;
    }

    @Test
    void should_name_the_request_that_asks_for_required_with_several_tools() {
        ChatRequest bad = withParameters(QwenChatRequestParameters.builder()
                .toolSpecifications(tool("get_weather"), tool("get_time"))
                .toolChoice(ToolChoice.REQUIRED)
                .build());

        Throwable thrown = submitFailure(withBadRequestAt(1, bad));

        assertThat(thrown)
                .isExactlyInstanceOf(UnsupportedFeatureException.class)
                .hasMessageStartingWith("requests[1]: ")
                .hasMessageContaining("toolChoice REQUIRED with several tools")
                .hasCauseExactlyInstanceOf(UnsupportedFeatureException.class);
        assertThat(thrown.getCause()).hasMessageNotContaining("requests[");
    }

    @Test
    void should_name_the_request_that_sets_frequency_penalty() {
        ChatRequest bad = withParameters(
                QwenChatRequestParameters.builder().frequencyPenalty(0.5).build());

        Throwable thrown = submitFailure(withBadRequestAt(2, bad));

        assertThat(thrown)
                .isExactlyInstanceOf(UnsupportedFeatureException.class)
                .hasMessageStartingWith("requests[2]: ")
                .hasMessageContaining("frequencyPenalty")
                .hasMessageContaining("repetitionPenalty");
    }

    @Test
    void should_name_the_request_that_forces_a_tool_while_thinking() {
        ChatRequest bad = withParameters(QwenChatRequestParameters.builder()
                .enableThinking(true)
                .toolSpecifications(tool("get_weather"))
                .toolChoice(ToolChoice.REQUIRED)
                .build());

        Throwable thrown = submitFailure(withBadRequestAt(3, bad));

        assertThat(thrown)
                .isExactlyInstanceOf(UnsupportedFeatureException.class)
                .hasMessageStartingWith("requests[3]: ")
                .hasMessageContaining("thinking");
    }

    @Test
    void should_name_the_request_whose_message_list_is_empty() {
        // ChatRequest itself refuses an empty list; a subclass (e.g. a framework's own request type) can still have
        // one.
        ChatRequest empty = new ChatRequest(ChatRequest.builder().messages(UserMessage.from("placeholder"))) {
            @Override
            public List<ChatMessage> messages() {
                return List.of();
            }
        };

        Throwable thrown = submitFailure(withBadRequestAt(1, empty));

        assertThat(thrown)
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("requests[1]: ")
                .hasMessageContaining("messages must not be empty")
                .hasCauseExactlyInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_name_the_request_that_holds_a_null_message() {
        ChatRequest bad = new ChatRequest(ChatRequest.builder().messages(UserMessage.from("placeholder"))) {
            @Override
            public List<ChatMessage> messages() {
                return Arrays.asList(UserMessage.from("Hi"), null);
            }
        };

        Throwable thrown = submitFailure(withBadRequestAt(0, bad));

        assertThat(thrown)
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("requests[0]: ")
                .hasMessageContaining("null");
    }

    @Test
    void should_name_the_request_with_an_invalid_tool_name() {
        ChatRequest bad = withParameters(QwenChatRequestParameters.builder()
                .toolSpecifications(tool("get weather"))
                .build());

        Throwable thrown = submitFailure(withBadRequestAt(4, bad));

        assertThat(thrown)
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("requests[4]: ")
                .hasMessageContaining("get weather");
    }

    @Test
    void should_name_a_null_request() {
        Throwable thrown = submitFailure(withBadRequestAt(2, null));

        assertThat(thrown).isExactlyInstanceOf(IllegalArgumentException.class).hasMessageContaining("requests[2]");
    }

    @Test
    void should_refuse_an_empty_list_of_requests() {
        Throwable thrown = submitFailure(List.of());

        assertThat(thrown).isExactlyInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
    }

    @Test
    void should_name_the_request_that_exceeds_the_6_mb_line_limit() {
        // submit's Javadoc: "one request exceeds 6 MB ... Every failure of a request names it, requests[i]".
        ChatRequest huge = question("x".repeat(6 * 1024 * 1024 + 1));

        Throwable thrown = submitFailure(withBadRequestAt(1, huge));

        assertThat(thrown)
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("6 MB")
                .hasMessageContaining("requests[1]");
    }

    @Test
    void should_name_the_first_bad_request_when_several_are_bad() {
        List<ChatRequest> requests = List.of(
                question("fine"),
                withParameters(QwenChatRequestParameters.builder()
                        .frequencyPenalty(0.1)
                        .build()),
                withParameters(QwenChatRequestParameters.builder()
                        .toolSpecifications(tool("a"), tool("b"))
                        .toolChoice(ToolChoice.REQUIRED)
                        .build()));

        Throwable thrown = submitFailure(requests);

        assertThat(thrown).hasMessageStartingWith("requests[1]: ").hasMessageContaining("frequencyPenalty");
    }
}
