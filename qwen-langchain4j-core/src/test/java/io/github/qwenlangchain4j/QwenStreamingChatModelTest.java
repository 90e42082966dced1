package io.github.qwenlangchain4j;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import io.github.qwenlangchain4j.internal.json.Json;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class QwenStreamingChatModelTest extends QwenWireMockSupport {

    private QwenStreamingChatModel.Builder streamingModel() {
        return QwenStreamingChatModel.builder().apiKey("sk-test").baseUrl(server.baseUrl());
    }

    private void stubStream(String sseBody) {
        server.stubFor(post("/chat/completions").willReturn(sse(sseBody)));
    }

    @Nested
    class Request {

        @Test
        void should_ask_for_a_stream_with_usage_and_every_qwen_option() throws Exception {
            stubStream(Fixtures.sseFromJsonLines("chat/stream_basic.sse.jsonl"));
            RecordingHandler handler = new RecordingHandler();

            streamingModel()
                    .topK(20)
                    .seed(7)
                    .enableThinking(true)
                    .thinkingBudget(100)
                    .enableSearch(true)
                    .searchOptions(
                            QwenSearchOptions.builder().searchStrategy("max").build())
                    .build()
                    .chat("Who are you?", handler);
            handler.awaitResponse();

            JsonNode body = Json.MAPPER.readTree(server.findAll(postRequestedFor(urlEqualTo("/chat/completions")))
                    .get(0)
                    .getBodyAsString());
            assertThat(body.get("stream").asBoolean()).isTrue();
            assertThat(body.at("/stream_options/include_usage").asBoolean()).isTrue();
            assertThat(body.get("top_k").asInt()).isEqualTo(20);
            assertThat(body.get("seed").asInt()).isEqualTo(7);
            assertThat(body.get("enable_thinking").asBoolean()).isTrue();
            assertThat(body.get("thinking_budget").asInt()).isEqualTo(100);
            assertThat(body.at("/search_options/search_strategy").asText()).isEqualTo("max");
        }

        @Test
        void should_report_invalid_input_through_on_error_without_sending() throws Exception {
            RecordingHandler handler = new RecordingHandler();
            ChatRequest request = ChatRequest.builder()
                    .messages(UserMessage.from("hi"))
                    .parameters(QwenChatRequestParameters.builder()
                            .frequencyPenalty(0.5)
                            .build())
                    .build();

            streamingModel().build().chat(request, handler);

            assertThat(handler.awaitError())
                    .isInstanceOf(UnsupportedFeatureException.class)
                    .hasMessageContaining("repetitionPenalty");
            assertThat(handler.terminalCalls).hasValue(1);
            assertThat(requestCount()).isZero();
        }
    }

    @Nested
    class Responses {

        @Test
        void should_stream_text_deltas_and_aggregate_the_response() throws Exception {
            stubStream(Fixtures.sseFromJsonLines("chat/stream_basic.sse.jsonl"));
            RecordingHandler handler = new RecordingHandler();

            streamingModel().build().chat("Who are you?", handler);
            ChatResponse response = handler.awaitResponse();

            assertThat(String.join("", handler.texts))
                    .isEqualTo(response.aiMessage().text());
            assertThat(response.aiMessage().text())
                    .isEqualTo("I am a large-scale language model from Alibaba Cloud. My name is Qwen.");
            assertThat(handler.texts).hasSizeGreaterThan(3);
            QwenChatResponseMetadata metadata = (QwenChatResponseMetadata) response.metadata();
            assertThat(metadata.requestId()).isEqualTo(REQUEST_ID);
            assertThat(metadata.id()).isEqualTo("chatcmpl-e30f5ae7-3063-93c4-90fe-beb5f900bd57");
            assertThat(metadata.created()).isEqualTo(1735113344L);
            assertThat(metadata.modelName()).isEqualTo("qwen-plus");
            assertThat(metadata.finishReason()).isEqualTo(FinishReason.STOP);
            assertThat(metadata.tokenUsage().totalTokenCount()).isEqualTo(39);
            assertThat(handler.terminalCalls).hasValue(1);
        }

        @Test
        void should_stream_thinking_before_text_with_reasoning_tokens() throws Exception {
            stubStream(Fixtures.sseFromJsonLines("stream/thinking.sse.jsonl"));
            RecordingHandler handler = new RecordingHandler();

            streamingModel().enableThinking(true).build().chat("为什么天空是蓝色的？", handler);
            ChatResponse response = handler.awaitResponse();

            assertThat(handler.events)
                    .containsExactly(
                            "thinking:用户问天空", "thinking:为什么是蓝色的。", "text:因为瑞利散射，", "text:蓝光散射得更多。", "complete");
            assertThat(response.aiMessage().thinking()).isEqualTo("用户问天空为什么是蓝色的。");
            assertThat(response.aiMessage().text()).isEqualTo("因为瑞利散射，蓝光散射得更多。");
            QwenTokenUsage usage = (QwenTokenUsage) response.tokenUsage();
            assertThat(usage.reasoningTokens()).isEqualTo(25);
            assertThat(usage.cachedTokens()).isZero();
        }

        @Test
        void should_decode_the_same_whatever_the_network_chunking() throws Exception {
            // WireMock dribbles the body in 97 pieces, cutting lines, events and multi-byte characters.
            server.stubFor(post("/chat/completions")
                    .willReturn(sse(Fixtures.sseFromJsonLines("stream/thinking.sse.jsonl"))
                            .withChunkedDribbleDelay(97, 200)));
            RecordingHandler handler = new RecordingHandler();

            streamingModel().build().chat("为什么天空是蓝色的？", handler);
            ChatResponse response = handler.awaitResponse();

            assertThat(response.aiMessage().thinking()).isEqualTo("用户问天空为什么是蓝色的。");
            assertThat(response.aiMessage().text()).isEqualTo("因为瑞利散射，蓝光散射得更多。");
        }

        @Test
        void should_accumulate_parallel_tool_calls_by_index() throws Exception {
            stubStream(Fixtures.sseFromJsonLines("stream/tool_calls_parallel.sse.jsonl"));
            RecordingHandler handler = new RecordingHandler();
            ToolSpecification weather =
                    ToolSpecification.builder().name("get_current_weather").build();
            ChatRequest request = ChatRequest.builder()
                    .messages(UserMessage.from("北京和上海的天气？"))
                    .toolSpecifications(weather)
                    .build();

            streamingModel().parallelToolCalls(true).build().chat(request, handler);
            ChatResponse response = handler.awaitResponse();

            List<ToolExecutionRequest> calls = response.aiMessage().toolExecutionRequests();
            assertThat(calls)
                    .extracting(ToolExecutionRequest::id)
                    .containsExactly("call_beijing_01", "call_shanghai_02");
            assertThat(calls).extracting(ToolExecutionRequest::name).containsOnly("get_current_weather");
            assertThat(calls)
                    .extracting(ToolExecutionRequest::arguments)
                    .containsExactly("{\"location\": \"北京\"}", "{\"location\": \"上海\"}");
            assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_EXECUTION);
            // The empty ids of later fragments never replace the first one.
            assertThat(handler.partialToolCalls)
                    .extracting(p -> p.id())
                    .containsOnly("call_beijing_01", "call_shanghai_02");
            assertThat(handler.completeToolCalls).extracting(c -> c.index()).containsExactly(0, 1);
            assertThat(handler.completeToolCalls.get(1).toolExecutionRequest()).isEqualTo(calls.get(1));
            assertThat(handler.events.indexOf("completeToolCall:0"))
                    .isLessThan(handler.events.indexOf("partialToolCall:1"));
            assertThat(response.tokenUsage().inputTokenCount()).isEqualTo(230);
        }
    }

    @Nested
    class Failures {

        @Test
        void should_keep_partial_output_and_report_an_in_stream_error_once() throws Exception {
            stubStream(Fixtures.read("stream/mid_stream_error.sse.txt"));
            RecordingHandler handler = new RecordingHandler();

            streamingModel().build().chat("tell me", handler);
            Throwable error = handler.awaitError();

            assertThat(error)
                    .isInstanceOf(ContentFilteredException.class)
                    .hasMessageContaining("data_inspection_failed")
                    .hasMessageContaining(REQUEST_ID);
            assertThat(handler.texts).containsExactly("Here is the first part");
            assertThat(handler.terminalCalls).hasValue(1);
            assertThat(requestCount()).isEqualTo(1);
        }

        @Test
        void should_report_a_stream_that_ends_without_done_as_an_error() throws Exception {
            stubStream("data: {\"id\":\"chatcmpl-x\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hal\"}}]}\n\n");
            RecordingHandler handler = new RecordingHandler();

            streamingModel().build().chat("hi", handler);

            assertThat(handler.awaitError())
                    .isInstanceOf(LangChain4jException.class)
                    .hasMessageContaining("[DONE]");
            assertThat(handler.terminalCalls).hasValue(1);
            assertThat(requestCount()).isEqualTo(1);
        }

        @Test
        void should_retry_a_server_error_before_the_first_event() throws Exception {
            server.stubFor(post("/chat/completions")
                    .inScenario("retry")
                    .whenScenarioStateIs(Scenario.STARTED)
                    .willReturn(aResponse()
                            .withStatus(503)
                            .withBody("{\"error\":{\"code\":\"ServiceUnavailable\",\"message\":\"busy\"}}"))
                    .willSetStateTo("recovered"));
            server.stubFor(post("/chat/completions")
                    .inScenario("retry")
                    .whenScenarioStateIs("recovered")
                    .willReturn(sse(Fixtures.sseFromJsonLines("chat/stream_basic.sse.jsonl"))));
            RecordingHandler handler = new RecordingHandler();

            streamingModel().build().chat("hi", handler);

            assertThat(handler.awaitResponse().aiMessage().text()).endsWith("My name is Qwen.");
            assertThat(requestCount()).isEqualTo(2);
        }

        @Test
        void should_give_up_after_max_retries() throws Exception {
            server.stubFor(post("/chat/completions")
                    .willReturn(aResponse()
                            .withStatus(500)
                            .withBody("{\"code\":\"InternalError\",\"message\":\"oops\",\"request_id\":\"r-500\"}")));
            RecordingHandler handler = new RecordingHandler();

            streamingModel().maxRetries(1).build().chat("hi", handler);

            assertThat(handler.awaitError())
                    .isInstanceOf(InternalServerException.class)
                    .hasMessageContaining("r-500");
            assertThat(requestCount()).isEqualTo(2);
            assertThat(handler.terminalCalls).hasValue(1);
        }

        @Test
        void should_retry_a_dropped_connection_before_the_first_event() throws Exception {
            server.stubFor(post("/chat/completions")
                    .inScenario("drop")
                    .whenScenarioStateIs(Scenario.STARTED)
                    .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
                    .willSetStateTo("up"));
            server.stubFor(post("/chat/completions")
                    .inScenario("drop")
                    .whenScenarioStateIs("up")
                    .willReturn(sse(Fixtures.sseFromJsonLines("chat/stream_basic.sse.jsonl"))));
            RecordingHandler handler = new RecordingHandler();

            streamingModel().build().chat("hi", handler);

            assertThat(handler.awaitResponse().aiMessage().text()).startsWith("I am");
            assertThat(requestCount()).isEqualTo(2);
        }

        @Test
        void should_not_retry_an_authentication_error() throws Exception {
            server.stubFor(post("/chat/completions")
                    .willReturn(aResponse()
                            .withStatus(401)
                            .withBody(Fixtures.read("errors/401_invalid_api_key_doc.json"))));
            RecordingHandler handler = new RecordingHandler();

            streamingModel().build().chat("hi", handler);

            assertThat(handler.awaitError())
                    .isInstanceOf(AuthenticationException.class)
                    .hasMessageContaining("invalid_api_key")
                    .hasMessageNotContaining("sk-test");
            assertThat(requestCount()).isEqualTo(1);
        }
    }

    @Nested
    class Callbacks {

        @Test
        void should_stop_every_callback_after_cancellation() throws Exception {
            stubStream(Fixtures.sseFromJsonLines("chat/stream_basic.sse.jsonl"));
            RecordingHandler handler = new RecordingHandler();
            handler.onText = (text, context) -> {
                if (handler.texts.size() == 2) {
                    context.streamingHandle().cancel();
                }
            };

            streamingModel().build().chat("hi", handler);

            // Nothing terminal may come; wait a little to give a wrong implementation the chance to call back.
            assertThat(handler.response).failsWithin(500, TimeUnit.MILLISECONDS);
            assertThat(handler.texts).hasSize(2);
            assertThat(handler.terminalCalls).hasValue(0);
        }

        @Test
        void should_pass_a_user_exception_to_on_error_and_go_on() throws Exception {
            stubStream(Fixtures.sseFromJsonLines("chat/stream_basic.sse.jsonl"));
            RuntimeException boom = new RuntimeException("user code failed");
            RecordingHandler handler = new RecordingHandler();
            handler.onText = (text, context) -> {
                throw boom;
            };

            streamingModel().build().chat("hi", handler);

            // LangChain4j's convention (AbstractStreamingChatModelIT): onError per failing callback, then the response.
            ChatResponse response = handler.response.get(10, TimeUnit.SECONDS);
            assertThat(response.aiMessage().text()).endsWith("My name is Qwen.");
            assertThat(handler.errors).hasSize(handler.texts.size()).containsOnly(boom);
        }
    }
}
