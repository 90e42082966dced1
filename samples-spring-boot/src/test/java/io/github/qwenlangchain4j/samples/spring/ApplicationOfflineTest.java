package io.github.qwenlangchain4j.samples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.chat.ChatModel;
import io.github.qwenlangchain4j.testkit.MockReply;
import io.github.qwenlangchain4j.testkit.QwenMockServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The README's recipe for running a user's own application offline, as written there, run against this sample
 * application (its {@code OfflineFallback} is not involved: the properties point the starter at the mock).
 */
@SpringBootTest(properties = "server.port=0")
class ApplicationOfflineTest {

    static final QwenMockServer QWEN = QwenMockServer.start(); // daemon threads: nothing to shut down

    @DynamicPropertySource
    static void qwen(DynamicPropertyRegistry registry) {
        registry.add("langchain4j.qwen.base-url", QWEN::baseUrl);
        registry.add("langchain4j.qwen.api-key", QWEN::apiKey);
    }

    @Autowired
    ChatModel chatModel; // the auto-configured QwenChatModel

    @Test
    void answers_offline() {
        QWEN.enqueue(MockReply.text("Hello from the mock"));
        assertThat(chatModel.chat("Hi")).isEqualTo("Hello from the mock");
    }
}
