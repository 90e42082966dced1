package io.github.qwenlangchain4j.responses;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.service.AiServices;
import io.github.qwenlangchain4j.QwenRegion;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * {@link QwenResponsesChatModel} against the live Responses API: a plain answer, web search with its sources, a
 * function tool through an AI service and a continuation by previous response id. Needs {@code DASHSCOPE_API_KEY};
 * {@code QWEN_REGION} (e.g. {@code CHINA_BEIJING}) selects the key's region (default Singapore),
 * {@code QWEN_RESPONSES_MODEL} the model (default {@value QwenResponsesBaseChatModel#DEFAULT_MODEL_NAME}).
 */
@EnabledIfEnvironmentVariable(named = "DASHSCOPE_API_KEY", matches = ".+")
class QwenResponsesChatModelIT {

    /** A builder for the live API, shared by the Responses ITs. */
    static QwenResponsesChatModel.Builder liveBuilder() {
        return QwenResponsesChatModel.builder()
                .apiKey(System.getenv("DASHSCOPE_API_KEY"))
                .region(liveRegion())
                .modelName(liveModel())
                .logRequests(true)
                .logResponses(true);
    }

    static QwenRegion liveRegion() {
        String region = System.getenv("QWEN_REGION");
        return region == null || region.isBlank() ? QwenRegion.SINGAPORE : QwenRegion.valueOf(region);
    }

    static String liveModel() {
        String model = System.getenv("QWEN_RESPONSES_MODEL");
        return model == null || model.isBlank() ? QwenResponsesBaseChatModel.DEFAULT_MODEL_NAME : model;
    }

    @Test
    void should_answer_a_plain_question() {
        QwenResponsesChatModel model = liveBuilder().temperature(0.0).build();

        ChatResponse response = model.chat(UserMessage.from("What is the capital of France? Answer in one word."));

        assertThat(response.aiMessage().text()).containsIgnoringCase("Paris");
        QwenResponsesChatResponseMetadata metadata = (QwenResponsesChatResponseMetadata) response.metadata();
        assertThat(metadata.responseId()).isNotBlank();
        assertThat(metadata.status()).isEqualTo("completed");
        assertThat(metadata.tokenUsage().inputTokenCount()).isPositive();
        assertThat(metadata.tokenUsage().outputTokenCount()).isPositive();
    }

    @Test
    void should_search_the_web_and_return_the_sources() {
        QwenResponsesChatModel model =
                liveBuilder().builtInTools(QwenBuiltInTool.webSearch()).build();

        ChatResponse response = model.chat(UserMessage.from(
                "Search the web: what is the latest stable release of the Java language (JDK)? Cite your sources."));

        assertThat(response.aiMessage().text()).isNotBlank();
        QwenResponsesChatResponseMetadata metadata = (QwenResponsesChatResponseMetadata) response.metadata();
        List<QwenBuiltInToolCall> searches = metadata.builtInToolCalls().stream()
                .filter(call -> call.type().equals("web_search_call"))
                .toList();
        assertThat(searches).as("web_search_call items").isNotEmpty();
        List<QwenSource> sources =
                searches.stream().flatMap(call -> call.sources().stream()).toList();
        assertThat(sources).as("sources of the searches").isNotEmpty();
        assertThat(sources).allSatisfy(source -> assertThat(source.url()).startsWith("http"));
    }

    interface Assistant {
        String chat(String message);
    }

    /** A tool only this test knows the answer of, so that the answer proves it ran. */
    static class OrderTools {

        final AtomicInteger calls = new AtomicInteger();

        @Tool("Returns the delivery status of an order, by order number")
        String orderStatus(String orderNumber) {
            calls.incrementAndGet();
            return "Order " + orderNumber + ": delivered to locker QX-7741";
        }
    }

    @Test
    void should_call_a_function_tool_through_an_ai_service() {
        OrderTools tools = new OrderTools();
        Assistant assistant = AiServices.builder(Assistant.class)
                .chatModel(liveBuilder().temperature(0.0).build())
                .tools(tools)
                .build();

        String answer = assistant.chat("Where is my order 12345? Use the tool and quote the locker code.");

        assertThat(tools.calls.get()).isPositive();
        assertThat(answer).contains("QX-7741");
    }

    @Test
    void should_continue_from_a_previous_response_without_resending_it() {
        QwenResponsesChatModel model =
                liveBuilder().temperature(0.0).store(true).build();
        ChatResponse first =
                model.chat(UserMessage.from("My name is Zhang Wei and my favourite number is 8317." + " Just say OK."));
        String responseId = ((QwenResponsesChatResponseMetadata) first.metadata()).responseId();
        assertThat(responseId).isNotBlank();

        ChatResponse second = model.chat(ChatRequest.builder()
                .messages(UserMessage.from("What is my favourite number? Answer with the number only."))
                .parameters(QwenResponsesChatRequestParameters.builder()
                        .previousResponseId(responseId)
                        .build())
                .build());

        assertThat(second.aiMessage().text()).contains("8317");
        assertThat(((QwenResponsesChatResponseMetadata) second.metadata()).responseId())
                .isNotEqualTo(responseId);
    }
}
