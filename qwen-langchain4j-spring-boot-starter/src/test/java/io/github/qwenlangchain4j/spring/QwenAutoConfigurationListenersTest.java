package io.github.qwenlangchain4j.spring;

import static io.github.qwenlangchain4j.spring.QwenWireMock.API_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.embedding.listener.EmbeddingModelListener;
import dev.langchain4j.model.embedding.listener.EmbeddingModelRequestContext;
import io.github.qwenlangchain4j.QwenChatModel;
import io.github.qwenlangchain4j.QwenStreamingChatModel;
import io.github.qwenlangchain4j.embedding.QwenEmbeddingModel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** ChatModelListener and EmbeddingModelListener beans are attached to the models, in their @Order. */
class QwenAutoConfigurationListenersTest {

    private final QwenWireMock qwen = new QwenWireMock();

    private final ApplicationContextRunner runner = QwenAutoConfigurations.runner(API_KEY, qwen.baseUrl())
            .withPropertyValues("langchain4j.qwen.chat-model.top-k=7")
            .withUserConfiguration(Listeners.class);

    @AfterEach
    void stopServer() {
        qwen.close();
    }

    @Test
    void should_attach_chat_model_listeners_in_order() {
        runner.run(context -> {
            Listeners listeners = context.getBean(Listeners.class);
            QwenChatModel model = context.getBean(QwenChatModel.class);

            assertThat(model.listeners()).containsExactly(listeners.first, listeners.second);
            assertThat(context.getBean(QwenStreamingChatModel.class).listeners())
                    .containsExactly(listeners.first, listeners.second);

            model.chat("Who are you?");

            // Each listener saw the request with the configured options, and the response; "first" before "second".
            assertThat(listeners.events)
                    .containsExactly(
                            "first:request:topK=7",
                            "second:request:topK=7",
                            "first:response:" + QwenWireMock.ANSWER,
                            "second:response:" + QwenWireMock.ANSWER);
        });
    }

    @Test
    void should_attach_embedding_model_listeners_in_order() {
        runner.run(context -> {
            Listeners listeners = context.getBean(Listeners.class);
            QwenEmbeddingModel model = context.getBean(QwenEmbeddingModel.class);

            assertThat(model.listeners()).containsExactly(listeners.firstEmbedding, listeners.secondEmbedding);

            model.embed(TextSegment.from("hello"));

            assertThat(listeners.events).containsExactly("first-embedding:request:1", "second-embedding:request:1");
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class Listeners {

        final List<String> events = new CopyOnWriteArrayList<>();
        final ChatModelListener first = new Recording("first", events);
        final ChatModelListener second = new Recording("second", events);
        final EmbeddingModelListener firstEmbedding = new RecordingEmbedding("first-embedding", events);
        final EmbeddingModelListener secondEmbedding = new RecordingEmbedding("second-embedding", events);

        // Declared out of order on purpose: @Order decides.
        @Bean
        @Order(2)
        ChatModelListener secondListener() {
            return second;
        }

        @Bean
        @Order(1)
        ChatModelListener firstListener() {
            return first;
        }

        @Bean
        @Order(2)
        EmbeddingModelListener secondEmbeddingListener() {
            return secondEmbedding;
        }

        @Bean
        @Order(1)
        EmbeddingModelListener firstEmbeddingListener() {
            return firstEmbedding;
        }
    }

    record Recording(String name, List<String> events) implements ChatModelListener {

        @Override
        public void onRequest(ChatModelRequestContext context) {
            events.add(
                    name + ":request:topK=" + context.chatRequest().parameters().topK());
        }

        @Override
        public void onResponse(ChatModelResponseContext context) {
            events.add(name + ":response:" + context.chatResponse().aiMessage().text());
        }
    }

    record RecordingEmbedding(String name, List<String> events) implements EmbeddingModelListener {

        @Override
        public void onRequest(EmbeddingModelRequestContext context) {
            events.add(name + ":request:" + context.embeddingRequest().inputs().size());
        }
    }
}
