package io.github.qwenlangchain4j.responses;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import io.github.qwenlangchain4j.Fixtures;
import io.github.qwenlangchain4j.QwenPage;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link QwenConversations} against the bodies of Qwen's Conversations API reference
 * (https://www.alibabacloud.com/help/en/model-studio/openai-compatible-conversations and
 * https://docs.qwencloud.com/api-reference/platform-api/conversations; fixtures in {@code fixtures/responses}).
 */
class QwenConversationsTest extends ResponsesWireMockSupport {

    private static final String BASE = "/compatible-mode/v1/conversations";

    private QwenConversations conversations() {
        return QwenConversations.builder()
                .apiKey(API_KEY)
                .baseUrl(baseUrl())
                .maxRetries(0)
                .build();
    }

    @Test
    void create_sends_message_items_and_metadata_and_reads_created_at_in_milliseconds() throws Exception {
        server.stubFor(post(BASE).willReturn(okJson(Fixtures.read("responses/conversation_create_response.json"))));

        QwenConversation conversation = conversations()
                .create(
                        List.of(
                                SystemMessage.from("You are helpful."),
                                UserMessage.from("Hi"),
                                AiMessage.from("Hello!")),
                        Map.of("topic", "demo"));

        assertThat(conversation.id()).isEqualTo("conv_xxx");
        assertThat(conversation.createdAt()).isEqualTo(Instant.ofEpochMilli(1771316949128L));
        assertThat(conversation.metadata()).containsEntry("topic", "demo");
        JsonNode body = JSON.readTree(
                server.findAll(postRequestedFor(urlEqualTo(BASE))).get(0).getBodyAsString());
        assertThat(body.path("items").toString())
                .isEqualTo("[{\"type\":\"message\",\"role\":\"system\",\"content\":"
                        + "\"You are helpful.\"},{\"type\":\"message\",\"role\":\"user\",\"content\":\"Hi\"},{\"type\":"
                        + "\"message\",\"role\":\"assistant\",\"content\":\"Hello!\"}]");
        assertThat(body.path("metadata").path("topic").asText()).isEqualTo("demo");
    }

    @Test
    void items_are_listed_with_paging_and_their_text() {
        server.stubFor(get(urlPathEqualTo(BASE + "/conv_1/items"))
                .willReturn(okJson(Fixtures.read("responses/items_list_response.json"))));

        QwenPage<QwenConversationItem> page = conversations().listItems("conv_1", "msg_0", 2, true);

        assertThat(page.data()).hasSize(2);
        assertThat(page.data().get(1).text()).isEqualTo("Alice's best friend is Bob");
        assertThat(page.data().get(0).role()).isEqualTo("user");
        assertThat(page.lastId()).isEqualTo("msg_288594f6-6ef1-4519-94d4-a545ca311828");
        assertThat(page.hasMore()).isFalse();
        assertThat(server.getAllServeEvents().get(0).getRequest().getUrl())
                .isEqualTo(BASE + "/conv_1/items?after=msg_0&limit=2&order=asc");
    }

    @Test
    void items_are_added_read_and_deleted_and_the_conversation_updated_and_deleted() {
        server.stubFor(
                post(BASE + "/conv_1/items").willReturn(okJson(Fixtures.read("responses/items_create_response.json"))));
        server.stubFor(get(BASE + "/conv_1/items/msg_xxx")
                .willReturn(okJson(Fixtures.read("responses/item_retrieve_response.json"))));
        server.stubFor(delete(BASE + "/conv_1/items/msg_xxx")
                .willReturn(okJson(Fixtures.read("responses/item_delete_response.json"))));
        server.stubFor(post(BASE + "/conv_1")
                .willReturn(okJson(Fixtures.read("responses/conversation_update_response.json"))));
        server.stubFor(
                get(BASE + "/conv_1").willReturn(okJson(Fixtures.read("responses/conversation_create_response.json"))));
        server.stubFor(delete(BASE + "/conv_1")
                .willReturn(okJson(Fixtures.read("responses/conversation_delete_response.json"))));
        QwenConversations conversations = conversations();

        assertThat(conversations.addItems("conv_1", List.of(UserMessage.from("Alice's major is teacher education"))))
                .extracting(QwenConversationItem::text)
                .containsExactly("Alice's major is teacher education");
        assertThat(conversations.retrieveItem("conv_1", "msg_xxx").id()).isNotBlank();
        assertThat(conversations.deleteItem("conv_1", "msg_xxx")).isTrue();
        assertThat(conversations.update("conv_1", Map.of("topic", "new")).id()).isNotBlank();
        assertThat(conversations.retrieve("conv_1").id()).isEqualTo("conv_xxx");
        assertThat(conversations.delete("conv_1")).isTrue();
    }

    @Test
    void qwen_limits_are_checked_before_sending() {
        QwenConversations conversations = conversations();
        Map<String, String> tooMany = new HashMap<>();
        for (int i = 0; i < 17; i++) {
            tooMany.put("k" + i, "v");
        }

        assertThatThrownBy(() -> conversations.create(Collections.nCopies(21, UserMessage.from("x")), null))
                .hasMessageContaining("at most 20 items");
        assertThatThrownBy(() -> conversations.create(null, tooMany)).hasMessageContaining("at most 16 metadata pairs");
        assertThatThrownBy(() -> conversations.create(null, Map.of("k".repeat(65), "v")))
                .hasMessageContaining("1 to 64 characters");
        assertThatThrownBy(() -> conversations.update("conv_1", Map.of("k", "v".repeat(513))))
                .hasMessageContaining("at most 512 characters");
        assertThatThrownBy(() -> conversations.addItems(
                        "conv_1",
                        List.of(AiMessage.from(List.of(dev.langchain4j.agent.tool.ToolExecutionRequest.builder()
                                .id("c")
                                .name("n")
                                .arguments("{}")
                                .build())))))
                .hasMessageContaining("messages[0] cannot be a conversation item");
        assertThatThrownBy(() -> conversations.retrieve("../files"))
                .hasMessageContaining("characters Qwen's ids never have");
        assertThatThrownBy(() -> conversations.listItems("conv_1", null, 101, null))
                .hasMessageContaining("between 1 and 100");
        assertThat(server.getAllServeEvents()).isEmpty();
    }

    @Test
    void creating_is_not_retried_after_a_server_error() {
        server.stubFor(post(BASE)
                .willReturn(aResponse().withStatus(500).withBody("{\"code\":\"InternalError\",\"message\":\"boom\"}")));

        assertThatThrownBy(() -> QwenConversations.builder()
                        .apiKey(API_KEY)
                        .baseUrl(baseUrl())
                        .maxRetries(3)
                        .build()
                        .create(null, null))
                .hasMessageContaining("boom");
        assertThat(server.getAllServeEvents()).hasSize(1);
    }
}
