package io.github.qwenlangchain4j.internal.mapper;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import io.github.qwenlangchain4j.QwenChatRequestParameters;
import io.github.qwenlangchain4j.internal.api.ChatCompletionRequest;
import io.github.qwenlangchain4j.internal.api.Message;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Qwen-Long reads uploaded documents from system messages of their own, {@code "fileid://<id>"} (several ids
 * comma-separated), after the first system message, as in Model Studio's Qwen-Long examples
 * (https://www.alibabacloud.com/help/en/model-studio/long-context-qwen-long): they must not be merged into the
 * instructions.
 */
class DocumentReferenceMessagesTest {

    private static List<Message> sent(dev.langchain4j.data.message.ChatMessage... messages) {
        QwenChatRequestParameters parameters =
                QwenChatRequestParameters.builder().modelName("qwen-long").build();
        ChatCompletionRequest request = ChatRequestMapper.toRequest(
                List.of(messages), parameters, new CallPlanner().plan(parameters, CallPlanner.Transport.SYNC), false);
        return request.messages();
    }

    @Test
    void fileid_system_messages_stay_separate_and_in_order_after_the_instructions() {
        List<Message> messages = sent(
                SystemMessage.from("You are a helpful assistant."),
                SystemMessage.from("fileid://file-fe-xxx"),
                SystemMessage.from("Answer briefly."),
                UserMessage.from("What is this article about?"));

        assertThat(messages).extracting(Message::role).containsExactly("system", "system", "user");
        assertThat(messages.get(0).content()).isEqualTo("You are a helpful assistant.\n\nAnswer briefly.");
        assertThat(messages.get(1).content()).isEqualTo("fileid://file-fe-xxx");
    }

    @Test
    void a_document_added_later_in_the_conversation_keeps_its_place() {
        List<Message> messages = sent(
                SystemMessage.from("You are a helpful assistant."),
                SystemMessage.from("fileid://file-fe-1,file-fe-2"),
                UserMessage.from("Summarise both."),
                AiMessage.from("Both are about Qwen."),
                SystemMessage.from(" fileid://file-fe-3 "),
                UserMessage.from("And the third?"));

        assertThat(messages)
                .extracting(Message::role)
                .containsExactly("system", "system", "user", "assistant", "system", "user");
        assertThat(messages.get(1).content()).isEqualTo("fileid://file-fe-1,file-fe-2");
        assertThat(messages.get(4).content()).isEqualTo("fileid://file-fe-3");
    }
}
