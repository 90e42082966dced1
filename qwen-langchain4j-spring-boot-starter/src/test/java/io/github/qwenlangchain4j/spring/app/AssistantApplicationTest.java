package io.github.qwenlangchain4j.spring.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.service.AiServices;
import io.github.qwenlangchain4j.QwenChatModel;
import io.github.qwenlangchain4j.QwenStreamingChatModel;
import io.github.qwenlangchain4j.embedding.QwenEmbeddingModel;
import io.github.qwenlangchain4j.responses.QwenResponsesChatModel;
import io.github.qwenlangchain4j.responses.QwenResponsesStreamingChatModel;
import io.github.qwenlangchain4j.spring.QwenWireMockAccess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole path a user takes: a Spring Boot application with application.yaml, the starter's models injected
 * into an AiServices bean, an answer through a WireMock server.
 */
@SpringBootTest
@Isolated // starts a whole application: Spring Boot sets up logging for the process
class AssistantApplicationTest {

    private static final QwenWireMockAccess QWEN = new QwenWireMockAccess();

    @DynamicPropertySource
    static void pointAtWireMock(DynamicPropertyRegistry registry) {
        registry.add("langchain4j.qwen.base-url", QWEN::baseUrl);
    }

    @AfterAll
    static void stopServer() {
        QWEN.close();
    }

    @Autowired
    Assistant assistant;

    @Autowired
    ChatModel chatModel;

    @Autowired
    StreamingChatModel streamingChatModel;

    @Autowired
    EmbeddingModel embeddingModel;

    @Autowired
    QwenResponsesChatModel responsesChatModel;

    @Autowired
    QwenResponsesStreamingChatModel responsesStreamingChatModel;

    @Test
    void should_answer_through_the_injected_ai_service_with_the_yaml_configuration() {
        String answer = assistant.chat("Who are you?");

        assertThat(answer).isEqualTo(QwenWireMockAccess.ANSWER);
        JsonNode body = QWEN.lastChatBody();
        assertThat(body.get("model").asText()).isEqualTo("qwen-max");
        assertThat(body.get("temperature").asDouble()).isEqualTo(0.2);
        assertThat(body.get("top_k").asInt()).isEqualTo(40);
        assertThat(body.get("enable_search").asBoolean()).isTrue();
        assertThat(body.get("search_options").get("search_strategy").asText()).isEqualTo("turbo");
        assertThat(body.get("search_options").get("assigned_site_list").get(0).asText())
                .isEqualTo("qwen.ai");
        assertThat(body.get("messages").get(0).get("content").asText()).isEqualTo("Who are you?");
        // YAML keeps the types of custom parameters: a string, a number and a nested object.
        assertThat(body.get("result_format").asText()).isEqualTo("message");
        assertThat(body.get("max_input_tokens").isNumber()).isTrue();
        assertThat(body.get("max_input_tokens").asInt()).isEqualTo(2048);
        assertThat(body.get("translation_options").get("target_lang").asText()).isEqualTo("English");
    }

    @Test
    void should_inject_the_qwen_models_for_the_langchain4j_interfaces() {
        assertThat(chatModel).isInstanceOf(QwenChatModel.class);
        assertThat(streamingChatModel).isInstanceOf(QwenStreamingChatModel.class);
        assertThat(embeddingModel).isInstanceOf(QwenEmbeddingModel.class);
        assertThat(embeddingModel.dimension()).isEqualTo(256);
        // base-url (from the test) wins over region (china-beijing, from application.yaml).
        assertThat(chatModel.toString()).contains("baseUrl=" + QWEN.baseUrl()).doesNotContain("SECRET");
    }

    @Test
    void should_keep_the_langchain4j_interfaces_on_the_chat_models_with_the_responses_models_enabled() {
        // application.yaml enables responses-model: the Responses beans are fallbacks, so the Assistant bean's
        // ChatModel parameter and the fields above still resolve, to the chat-model beans.
        assertThat(chatModel).isInstanceOf(QwenChatModel.class);
        assertThat(streamingChatModel).isInstanceOf(QwenStreamingChatModel.class);
        assertThat(responsesChatModel).isNotSameAs(chatModel);
        assertThat(responsesStreamingChatModel).isNotSameAs(streamingChatModel);
    }

    @Test
    void should_answer_through_an_ai_service_over_the_injected_responses_model() {
        Assistant overResponses = AiServices.create(Assistant.class, responsesChatModel);

        assertThat(overResponses.chat("Who are you?")).isEqualTo(QwenWireMockAccess.ANSWER);
        JsonNode body = QWEN.lastResponsesBody();
        assertThat(body.get("model").asText()).isEqualTo("qwen3.5-flash");
        assertThat(body.get("tools").findValuesAsText("type")).containsExactly("web_search", "code_interpreter");
        assertThat(body.get("reasoning").get("effort").asText()).isEqualTo("low");
    }

    @Test
    void should_embed_through_the_injected_embedding_model() {
        assertThat(embeddingModel.embed("hello").content().vector()).containsExactly(0.25f, -0.5f, 0.75f);
        assertThat(QWEN.lastEmbeddingBody().get("dimensions").asInt()).isEqualTo(256);
    }
}
