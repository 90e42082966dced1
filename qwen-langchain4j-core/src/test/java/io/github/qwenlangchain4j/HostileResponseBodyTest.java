package io.github.qwenlangchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.exception.RetriableException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A 200 whose JSON is valid but not a completion (null, nulls inside lists, wrong types) ends a sync call with a
 * non-retried {@link LangChain4jException} naming the problem, never a NullPointerException or another raw
 * runtime exception, and a streaming call with exactly one {@code onError} carrying the same type.
 */
class HostileResponseBodyTest extends QwenWireMockSupport {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "null",
                "[]",
                "42",
                "{\"choices\":[null]}",
                "{\"choices\":\"x\"}",
                "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[null]}}]}",
                "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[{\"id\":\"c\"}]}}]}",
                "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":{\"a\":1}}}]}"
            })
    void should_fail_a_sync_call_on_a_hostile_body_with_a_langchain4j_exception(String body) {
        stubChat(json(body));

        Throwable thrown = catchThrowable(() -> model().maxRetries(2).build().chat("hello"));

        if (thrown != null) {
            assertThat(thrown)
                    .isInstanceOf(LangChain4jException.class)
                    .isNotInstanceOf(RetriableException.class)
                    .hasMessageContaining("Malformed response");
        }
        assertThat(requestCount()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "null",
                "{\"choices\":[null]}",
                "{\"choices\":[{\"delta\":{\"tool_calls\":[null]}}]}",
                "{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":-1,\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]}}]}"
            })
    void should_end_a_stream_with_one_langchain4j_error_on_a_hostile_event(String event) throws Exception {
        stubChat(sse("data: " + event + "\n\ndata: [DONE]\n\n"));
        RecordingHandler handler = new RecordingHandler();

        QwenStreamingChatModel.builder()
                .apiKey(API_KEY)
                .baseUrl(baseUrl())
                .build()
                .chat("hello", handler);

        assertThat(handler.awaitError())
                .isInstanceOf(LangChain4jException.class)
                .hasMessageContaining("Malformed response");
        Thread.sleep(100);
        assertThat(handler.terminalCalls.get()).isEqualTo(1);
        assertThat(requestCount()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "{\"choices\":[null]}", "{\"choices\":[{\"delta\":{\"tool_calls\":[null]}}]}"})
    void should_fail_a_stream_aggregated_by_the_sync_model_with_a_langchain4j_exception(String event) {
        stubChat(sse("data: " + event + "\n\ndata: [DONE]\n\n"));

        Throwable thrown =
                catchThrowable(() -> model().enableThinking(true).build().chat("hello"));

        assertThat(thrown).isInstanceOf(LangChain4jException.class).hasMessageContaining("Malformed response");
    }
}
