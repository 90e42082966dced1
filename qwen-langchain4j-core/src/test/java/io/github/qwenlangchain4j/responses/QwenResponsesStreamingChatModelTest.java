package io.github.qwenlangchain4j.responses;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialThinkingContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.PartialToolCallContext;
import dev.langchain4j.model.output.FinishReason;
import io.github.qwenlangchain4j.Fixtures;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link QwenResponsesStreamingChatModel} on Qwen's Responses streams, framed as Qwen frames them (real probes:
 * {@code id:}/{@code event:} lines, a {@code :HTTP_STATUS/200} comment per event, no {@code data: [DONE]}; errors as
 * HTTP 200 with {@code response.failed}). Fixture sources: {@code fixtures/responses/README.md}.
 */
class QwenResponsesStreamingChatModelTest extends ResponsesWireMockSupport {

    /** Records every callback, built-in tool events included. */
    static final class Recorder implements QwenResponsesStreamingHandler {
        final List<String> events = new CopyOnWriteArrayList<>();
        final List<String> texts = new CopyOnWriteArrayList<>();
        final List<String> thinking = new CopyOnWriteArrayList<>();
        final List<PartialToolCall> partialToolCalls = new CopyOnWriteArrayList<>();
        final List<CompleteToolCall> completeToolCalls = new CopyOnWriteArrayList<>();
        final List<QwenBuiltInToolEvent> builtInEvents = new CopyOnWriteArrayList<>();
        final CompletableFuture<ChatResponse> response = new CompletableFuture<>();
        final CompletableFuture<Throwable> error = new CompletableFuture<>();

        @Override
        public void onPartialResponse(PartialResponse partialResponse, PartialResponseContext context) {
            events.add("text");
            texts.add(partialResponse.text());
        }

        @Override
        public void onPartialThinking(PartialThinking partialThinking, PartialThinkingContext context) {
            events.add("thinking");
            thinking.add(partialThinking.text());
        }

        @Override
        public void onPartialToolCall(PartialToolCall partialToolCall, PartialToolCallContext context) {
            events.add("partialToolCall");
            partialToolCalls.add(partialToolCall);
        }

        @Override
        public void onCompleteToolCall(CompleteToolCall completeToolCall) {
            events.add("completeToolCall");
            completeToolCalls.add(completeToolCall);
        }

        @Override
        public void onBuiltInToolEvent(QwenBuiltInToolEvent event) {
            events.add("builtIn:" + event.stage());
            builtInEvents.add(event);
        }

        @Override
        public void onCompleteResponse(ChatResponse completeResponse) {
            events.add("complete");
            response.complete(completeResponse);
        }

        @Override
        public void onError(Throwable throwable) {
            events.add("error");
            error.complete(throwable);
        }

        ChatResponse awaitResponse() throws Exception {
            CompletableFuture.anyOf(response, error).get(10, TimeUnit.SECONDS);
            if (error.isDone()) {
                throw new AssertionError("stream failed", error.get());
            }
            return response.get();
        }

        Throwable awaitError() throws Exception {
            CompletableFuture.anyOf(response, error).get(10, TimeUnit.SECONDS);
            assertThat(response).isNotDone();
            return error.get();
        }
    }

    private Recorder stream(QwenResponsesStreamingChatModel model, String question) {
        Recorder recorder = new Recorder();
        model.chat(ChatRequest.builder().messages(UserMessage.from(question)).build(), recorder);
        return recorder;
    }

    @Test
    void text_deltas_then_one_complete_response_without_done() throws Exception {
        streamFixture("stream_text.sse");

        Recorder recorder = stream(streamingModel().build(), "Hi");
        ChatResponse response = recorder.awaitResponse();

        assertThat(recorder.texts).isNotEmpty();
        assertThat(response.aiMessage().text()).isEqualTo(String.join("", recorder.texts));
        QwenResponsesChatResponseMetadata metadata = (QwenResponsesChatResponseMetadata) response.metadata();
        assertThat(metadata.responseId()).isNotBlank(); // a bare UUID on the legacy path, resp_<uuid> on the new one
        assertThat(metadata.tokenUsage().totalTokenCount()).isPositive();
        assertThat(metadata.requestId()).isEqualTo("req-42");
        assertThat(recorder.events).last().isEqualTo("complete");
        assertThat(sentBody().path("stream").asBoolean()).isTrue();
    }

    @Test
    void reasoning_text_deltas_reach_on_partial_thinking() throws Exception {
        streamFixture("stream_thinking_reasoning_text.sse");

        Recorder recorder = stream(streamingModel().enableThinking(true).build(), "Why is the sky blue?");
        ChatResponse response = recorder.awaitResponse();

        assertThat(recorder.thinking).isNotEmpty();
        assertThat(response.aiMessage().thinking()).isNotBlank();
        assertThat(recorder.events.indexOf("thinking")).isLessThan(recorder.events.indexOf("text"));
    }

    @Test
    void function_call_arguments_stream_as_partial_tool_calls_and_complete_once() throws Exception {
        streamFixture("stream_function_call.sse");

        Recorder recorder = stream(streamingModel().build(), "Weather in Singapore?");
        ChatResponse response = recorder.awaitResponse();

        assertThat(recorder.partialToolCalls).extracting(PartialToolCall::name).containsOnly("get_weather");
        assertThat(recorder.completeToolCalls).hasSize(1);
        CompleteToolCall complete = recorder.completeToolCalls.get(0);
        assertThat(complete.toolExecutionRequest().arguments()).isEqualTo("{\"city\": \"Singapore\"}");
        assertThat(complete.toolExecutionRequest().id()).isEqualTo("call_0f2b4a6c8e1d4c3f9a7b5e21");
        assertThat(response.aiMessage().toolExecutionRequests()).containsExactly(complete.toolExecutionRequest());
        assertThat(response.metadata().finishReason()).isEqualTo(FinishReason.TOOL_EXECUTION);
    }

    @Test
    void a_function_call_only_the_completed_response_lists_is_still_reported() throws Exception {
        // one public adapter found Qwen streams that carry the call only in the final frame (research note S14)
        streamBody("""
                id:1
                event:response.completed
                :HTTP_STATUS/200
                data:{"type":"response.completed","sequence_number":0,"response":{"id":"resp_1","object":"response",\
                "status":"completed","model":"qwen3.5-plus","output":[{"type":"function_call","id":"fc_1",\
                "call_id":"call_1","name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}","status":"completed"}],\
                "usage":{"input_tokens":10,"output_tokens":5,"total_tokens":15}}}

                """);

        Recorder recorder = stream(streamingModel().build(), "Weather in Paris?");
        ChatResponse response = recorder.awaitResponse();

        assertThat(recorder.completeToolCalls).hasSize(1);
        assertThat(response.aiMessage().toolExecutionRequests().get(0).arguments())
                .isEqualTo("{\"city\":\"Paris\"}");
    }

    @Test
    void web_search_progress_reaches_responses_handlers_and_sources_the_final_metadata() throws Exception {
        streamFixture("stream_web_search.sse");

        Recorder recorder = stream(
                streamingModel().builtInTools(QwenBuiltInTool.webSearch()).build(), "News?");
        ChatResponse response = recorder.awaitResponse();

        assertThat(recorder.builtInEvents)
                .extracting(QwenBuiltInToolEvent::stage)
                .containsSubsequence("in_progress", "searching", "completed", "done");
        QwenBuiltInToolEvent done = recorder.builtInEvents.stream()
                .filter(event -> event.call() != null)
                .findFirst()
                .orElseThrow();
        assertThat(done.call().type()).isEqualTo("web_search_call");
        assertThat(done.call().sources()).isNotEmpty();
        QwenResponsesChatResponseMetadata metadata = (QwenResponsesChatResponseMetadata) response.metadata();
        assertThat(metadata.builtInToolCalls())
                .extracting(QwenBuiltInToolCall::type)
                .contains("web_search_call");
        assertThat(response.aiMessage().text()).isEqualTo(String.join("", recorder.texts));
    }

    @Test
    void web_search_progress_survives_listeners_and_a_decorator_that_calls_doChat_on_another_thread() throws Exception {
        streamFixture("stream_web_search.sse");
        Recorder recorder = new Recorder();

        new io.github.qwenlangchain4j.OffThreadDecorator(streamingModel()
                        .builtInTools(QwenBuiltInTool.webSearch())
                        .listeners(List.of(new dev.langchain4j.model.chat.listener.ChatModelListener() {}))
                        .build())
                .chat(ChatRequest.builder().messages(UserMessage.from("News?")).build(), recorder);
        recorder.awaitResponse();

        assertThat(recorder.builtInEvents)
                .extracting(QwenBuiltInToolEvent::stage)
                .containsSubsequence("in_progress", "searching", "completed", "done");
    }

    @Test
    void a_plain_handler_works_on_a_stream_with_built_in_tools() throws Exception {
        streamFixture("stream_code_interpreter.sse");
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();

        streamingModel()
                .builtInTools(QwenBuiltInTool.codeInterpreter())
                .build()
                .chat("12^3?", new dev.langchain4j.model.chat.response.StreamingChatResponseHandler() {
                    @Override
                    public void onCompleteResponse(ChatResponse completeResponse) {
                        done.complete(completeResponse);
                    }

                    @Override
                    public void onError(Throwable error) {
                        done.completeExceptionally(error);
                    }
                });

        QwenResponsesChatResponseMetadata metadata = (QwenResponsesChatResponseMetadata)
                done.get(10, TimeUnit.SECONDS).metadata();
        assertThat(metadata.builtInToolCalls())
                .extracting(QwenBuiltInToolCall::type)
                .contains("code_interpreter_call");
    }

    @Test
    void every_documented_stream_completes_and_unknown_events_are_skipped() throws Exception {
        for (String fixture : List.of(
                "stream_web_extractor_doc.sse",
                "stream_mcp_doc.sse",
                "stream_file_search_doc.sse",
                "stream_web_search_image_doc.sse")) {
            server.resetAll();
            streamBody("id:0\nevent:response.some_future_event\ndata:{\"type\":\"response.some_future_event\"}\n\n"
                    + Fixtures.read("responses/" + fixture));

            Recorder recorder = stream(streamingModel().build(), "Go");

            assertThat(recorder.awaitResponse()).as(fixture).isNotNull();
            assertThat(recorder.events).as(fixture).containsOnlyOnce("complete").doesNotContain("error");
        }
    }

    @Test
    void response_failed_in_a_200_stream_is_one_error_naming_qwen_message() throws Exception {
        streamFixture("stream_failed_real.sse");

        Recorder recorder = stream(streamingModel().modelName("__nope__").build(), "Hi");
        Throwable error = recorder.awaitError();

        assertThat(error).isInstanceOf(LangChain4jException.class).hasMessageContaining("Unsupported model");
        assertThat(recorder.events).containsExactly("error");
    }

    @Test
    void a_stream_cut_before_response_completed_is_an_error_not_a_short_answer() throws Exception {
        String full = Fixtures.read("responses/stream_text.sse");
        streamBody(full.substring(0, full.indexOf("event:response.completed")));

        Recorder recorder = stream(streamingModel().build(), "Hi");

        assertThat(recorder.awaitError()).hasMessageContaining("ended before response.completed");
    }

    @Test
    void bad_input_reaches_on_error_before_anything_is_sent() throws Exception {
        Recorder recorder = new Recorder();

        streamingModel()
                .build()
                .chat(
                        ChatRequest.builder()
                                .messages(UserMessage.from("Hi"))
                                .parameters(QwenResponsesChatRequestParameters.builder()
                                        .previousResponseId("resp_1")
                                        .conversationId("conv_1")
                                        .build())
                                .build(),
                        recorder);

        assertThat(recorder.awaitError()).isInstanceOf(IllegalArgumentException.class);
        assertThat(server.getAllServeEvents()).isEmpty();
    }

    @Test
    void an_http_error_before_the_stream_is_mapped() throws Exception {
        respondWith(400, Fixtures.read("responses/error_400_max_output_tokens_real.json"));

        Recorder recorder = stream(streamingModel().build(), "Hi");

        assertThat(recorder.awaitError())
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("max_output_tokens");
    }
}
