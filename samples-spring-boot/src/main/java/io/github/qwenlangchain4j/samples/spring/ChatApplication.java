package io.github.qwenlangchain4j.samples.spring;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.service.AiServices;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A web app on qwen-langchain4j-spring-boot-starter: {@code POST /chat} answers through an AI service over the
 * auto-configured {@code QwenChatModel}, {@code POST /chat/stream} streams thinking and answer as server-sent
 * events from the {@code QwenStreamingChatModel}. Without {@code DASHSCOPE_API_KEY} it runs offline on
 * QwenMockServer (see {@link OfflineFallback}).
 *
 * <pre>
 * curl -X POST localhost:8080/chat -H 'Content-Type: application/json' -d '{"message":"Hello"}'
 * curl -N -X POST localhost:8080/chat/stream -H 'Content-Type: application/json' -d '{"message":"Why is the sky blue?"}'
 * </pre>
 */
@SpringBootApplication
public class ChatApplication {

    /** The AI service behind {@code POST /chat}. */
    public interface Assistant {
        String chat(String message);
    }

    @Bean
    Assistant assistant(ChatModel chatModel) {
        return AiServices.create(Assistant.class, chatModel);
    }

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(ChatApplication.class);
        application.addListeners(new OfflineFallback());
        application.run(args);
    }
}
