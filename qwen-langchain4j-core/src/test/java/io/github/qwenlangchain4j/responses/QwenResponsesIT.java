package io.github.qwenlangchain4j.responses;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.service.AiServices;
import io.github.qwenlangchain4j.QwenRegion;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The Responses and Conversations APIs against the live Qwen API. Needs {@code DASHSCOPE_API_KEY};
 * {@code QWEN_REGION} (e.g. {@code CHINA_BEIJING}) selects the key's region, default Singapore.
 */
@EnabledIfEnvironmentVariable(named = "DASHSCOPE_API_KEY", matches = ".+")
class QwenResponsesIT {

    private static QwenRegion region() {
        String region = System.getenv("QWEN_REGION");
        return region == null || region.isBlank() ? QwenRegion.SINGAPORE : QwenRegion.valueOf(region);
    }

    private static QwenResponsesChatModel.Builder model() {
        return QwenResponsesChatModel.builder().apiKey(System.getenv("DASHSCOPE_API_KEY")).region(region())
                .modelName("qwen3.5-plus").logRequests(true).logResponses(true);
    }

    interface Assistant {
        String chat(String message);
    }

    static class Weather {
        final List<String> cities = new CopyOnWriteArrayList<>();

        @Tool("Get the current weather of a city")
        String currentWeather(String city) {
            cities.add(city);
            return "31 degrees and sunny";
        }
    }

    @Test
    void answers_with_a_response_id_and_usage() {
        ChatResponse response = model().build().chat(ChatRequest.builder()
                .messages(UserMessage.from("What is the capital of France? One word.")).build());

        assertThat(response.aiMessage().text()).containsIgnoringCase("Paris");
        QwenResponsesChatResponseMetadata metadata = (QwenResponsesChatResponseMetadata) response.metadata();
        assertThat(metadata.responseId()).isNotBlank();
        assertThat(metadata.tokenUsage().totalTokenCount()).isPositive();
    }

    @Test
    void searches_the_web_and_returns_sources() {
        ChatResponse response = model().builtInTools(QwenBuiltInTool.webSearch()).build().chat(ChatRequest.builder()
                .messages(UserMessage.from("Search the web: what is Alibaba Cloud Model Studio?")).build());

        QwenResponsesChatResponseMetadata metadata = (QwenResponsesChatResponseMetadata) response.metadata();
        assertThat(metadata.builtInToolCalls()).anySatisfy(call -> {
            assertThat(call.type()).isEqualTo("web_search_call");
            assertThat(call.sources()).isNotEmpty();
        });
    }

    @Test
    void an_ai_service_calls_a_function_tool_beside_web_search() {
        Weather weather = new Weather();
        Assistant assistant = AiServices.builder(Assistant.class)
                .chatModel(model().builtInTools(QwenBuiltInTool.webSearch()).build())
                .chatMemory(MessageWindowChatMemory.withMaxMessages(10)).tools(weather).build();

        String answer = assistant.chat("Use the weather tool: what is the weather in Singapore right now?");

        assertThat(weather.cities).isNotEmpty();
        assertThat(answer).contains("31");
    }

    @Test
    void continues_a_stored_response_by_its_id() {
        QwenResponsesChatModel model = model().build();
        ChatResponse first = model.chat(ChatRequest.builder().messages(UserMessage.from("My name is Ada. Say hi.")).build());

        ChatResponse next = model.chat(ChatRequest.builder().messages(UserMessage.from("What is my name?"))
                .parameters(QwenResponsesChatRequestParameters.builder()
                        .previousResponseId(((QwenResponsesChatResponseMetadata) first.metadata()).responseId()).build())
                .build());

        assertThat(next.aiMessage().text()).contains("Ada");
    }

    @Test
    void streams_text_and_web_search_progress() throws Exception {
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        List<QwenBuiltInToolEvent> events = new CopyOnWriteArrayList<>();
        List<String> texts = new CopyOnWriteArrayList<>();
        QwenResponsesStreamingChatModel.builder().apiKey(System.getenv("DASHSCOPE_API_KEY")).region(region())
                .modelName("qwen3.5-plus").builtInTools(QwenBuiltInTool.webSearch()).build()
                .chat("Search the web: latest Qwen model?", new QwenResponsesStreamingHandler() {
                    @Override
                    public void onPartialResponse(String partialResponse) {
                        texts.add(partialResponse);
                    }

                    @Override
                    public void onBuiltInToolEvent(QwenBuiltInToolEvent event) {
                        events.add(event);
                    }

                    @Override
                    public void onCompleteResponse(ChatResponse completeResponse) {
                        done.complete(completeResponse);
                    }

                    @Override
                    public void onError(Throwable error) {
                        done.completeExceptionally(error);
                    }
                });

        ChatResponse response = done.get(120, TimeUnit.SECONDS);
        assertThat(texts).isNotEmpty();
        assertThat(String.join("", texts)).isEqualTo(response.aiMessage().text());
        assertThat(events).isNotEmpty();
    }

    @Test
    void a_conversation_keeps_the_history() {
        QwenConversations conversations = QwenConversations.builder().apiKey(System.getenv("DASHSCOPE_API_KEY"))
                .region(region()).build();
        QwenConversation conversation = conversations.create(List.of(UserMessage.from("My name is Ada.")), null);
        try {
            ChatResponse answer = model().build().chat(ChatRequest.builder()
                    .messages(UserMessage.from("What is my name?"))
                    .parameters(QwenResponsesChatRequestParameters.builder().conversationId(conversation.id()).build())
                    .build());
            assertThat(answer.aiMessage().text()).contains("Ada");
            assertThat(conversations.listItems(conversation.id()).items()).isNotEmpty();
        } finally {
            conversations.delete(conversation.id());
        }
    }
}
