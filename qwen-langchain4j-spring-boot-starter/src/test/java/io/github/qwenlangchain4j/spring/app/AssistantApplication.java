package io.github.qwenlangchain4j.spring.app;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.service.AiServices;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** A tiny application, as a user would write it: the starter provides the model, the app builds an AI service. */
@SpringBootApplication
public class AssistantApplication {

    @Bean
    Assistant assistant(ChatModel chatModel) {
        return AiServices.create(Assistant.class, chatModel);
    }
}
