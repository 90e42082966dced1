package io.github.qwenlangchain4j.responses;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.TokenStream;
import io.github.qwenlangchain4j.QwenMockServerSupport;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The Responses models end to end on the testkit's offline Responses API, sync and streaming. */
class QwenResponsesMockServerTest extends QwenMockServerSupport {

    interface Assistant {
        String chat(String message);
    }

    interface StreamingAssistant {
        TokenStream chat(String message);
    }

    static class Weather {
        final List<String> cities = new CopyOnWriteArrayList<>();

        @Tool("Get the current weather of a city")
        String currentWeather(String city) {
            cities.add(city);
            return "31 degrees and sunny in " + city;
        }
    }

    private QwenResponsesChatModel.Builder model() {
        return QwenResponsesChatModel.builder().apiKey(server.apiKey()).baseUrl(server.responsesBaseUrl());
    }

    @Test
    void an_ai_service_with_a_tool_and_web_search_round_trips_the_function_call() {
        Weather weather = new Weather();
        Assistant assistant = AiServices.builder(Assistant.class)
                .chatModel(model().builtInTools(QwenBuiltInTool.webSearch()).build())
                .chatMemory(MessageWindowChatMemory.withMaxMessages(10))
                .tools(weather)
                .build();

        String answer = assistant.chat("What is the weather in Singapore?");

        assertThat(weather.cities).hasSize(1);
        assertThat(answer).contains("31 degrees and sunny");
    }

    @Test
    void a_streaming_ai_service_round_trips_the_function_call_too() throws Exception {
        Weather weather = new Weather();
        StreamingAssistant assistant = AiServices.builder(StreamingAssistant.class)
                .streamingChatModel(QwenResponsesStreamingChatModel.builder()
                        .apiKey(server.apiKey())
                        .baseUrl(server.responsesBaseUrl())
                        .build())
                .chatMemory(MessageWindowChatMemory.withMaxMessages(10))
                .tools(weather)
                .build();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();

        assistant
                .chat("What is the weather in Singapore?")
                .onPartialResponse(text -> {})
                .onCompleteResponse(done::complete)
                .onError(done::completeExceptionally)
                .start();

        assertThat(done.get(10, TimeUnit.SECONDS).aiMessage().text()).contains("31 degrees and sunny");
        assertThat(weather.cities).hasSize(1);
    }

    @Test
    void previous_response_id_continues_a_stored_response() {
        QwenResponsesChatModel model = model().build();
        ChatResponse first = model.chat(ChatRequest.builder()
                .messages(UserMessage.from("My name is Ada."))
                .build());
        String firstId = ((QwenResponsesChatResponseMetadata) first.metadata()).responseId();

        ChatResponse next = model.chat(ChatRequest.builder()
                .messages(UserMessage.from("What is my name?"))
                .parameters(QwenResponsesChatRequestParameters.builder()
                        .previousResponseId(firstId)
                        .build())
                .build());

        assertThat(next.aiMessage().text()).contains("Ada");
        assertThat(next.metadata().tokenUsage().inputTokenCount())
                .isGreaterThan(first.metadata().tokenUsage().inputTokenCount());
    }

    @Test
    void a_conversation_keeps_the_turns() {
        QwenConversations conversations = QwenConversations.builder()
                .apiKey(server.apiKey())
                .baseUrl(server.responsesBaseUrl())
                .build();
        QwenConversation conversation = conversations.create(List.of(UserMessage.from("My name is Ada.")), null);

        ChatResponse answer = model().build()
                .chat(ChatRequest.builder()
                        .messages(UserMessage.from("What is my name?"))
                        .parameters(QwenResponsesChatRequestParameters.builder()
                                .conversationId(conversation.id())
                                .build())
                        .build());

        assertThat(answer.aiMessage().text()).contains("Ada");
        assertThat(conversations.listItems(conversation.id()).data()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(conversations.delete(conversation.id())).isTrue();
    }
}
