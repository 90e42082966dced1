package io.github.qwenlangchain4j.responses;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.github.qwenlangchain4j.QwenPage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * {@link QwenConversations} against the live Conversations API: create a conversation, add items, list them, answer
 * a request that uses it, delete it. Needs {@code DASHSCOPE_API_KEY}; see {@link QwenResponsesChatModelIT} for
 * {@code QWEN_REGION} and {@code QWEN_RESPONSES_MODEL}.
 */
@EnabledIfEnvironmentVariable(named = "DASHSCOPE_API_KEY", matches = ".+")
class QwenConversationsIT {

    @Test
    void should_create_fill_list_use_and_delete_a_conversation() {
        QwenConversations conversations = QwenConversations.builder()
                .apiKey(System.getenv("DASHSCOPE_API_KEY"))
                .region(QwenResponsesChatModelIT.liveRegion())
                .logRequests(true)
                .build();

        QwenConversation conversation = conversations.create(
                List.of(SystemMessage.from("You are a concise assistant.")), Map.of("test", "qwen-langchain4j-it"));
        boolean deleted = false;
        try {
            assertThat(conversation.id()).isNotBlank();
            assertThat(conversation.metadata()).containsEntry("test", "qwen-langchain4j-it");

            List<QwenConversationItem> added = conversations.addItems(
                    conversation.id(), List.of(UserMessage.from("Remember: the code word is AZURE-HERON-52.")));
            assertThat(added).hasSize(1);
            assertThat(added.get(0).id()).isNotBlank();

            QwenPage<QwenConversationItem> items = conversations.listItems(conversation.id(), null, 100, true);
            assertThat(items.data())
                    .extracting(QwenConversationItem::text)
                    .anyMatch(text -> text != null && text.contains("AZURE-HERON-52"));

            ChatResponse response = QwenResponsesChatModelIT.liveBuilder()
                    .temperature(0.0)
                    .build()
                    .chat(ChatRequest.builder()
                            .messages(UserMessage.from("What is the code word? Answer with the code word only."))
                            .parameters(QwenResponsesChatRequestParameters.builder()
                                    .conversationId(conversation.id())
                                    .build())
                            .build());
            assertThat(response.aiMessage().text()).contains("AZURE-HERON-52");
            assertThat(conversations.listItems(conversation.id()).data().size())
                    .as("the turn was appended")
                    .isGreaterThan(items.data().size());
        } finally {
            deleted = conversations.delete(conversation.id());
        }
        assertThat(deleted).isTrue();
    }
}
