package io.github.qwenlangchain4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * The mock's Conversations API. Shapes (ids {@code conv_}/{@code msg_}, {@code created_at} in milliseconds,
 * {@code conversation.deleted}, {@code conversation.item.deleted}, item pages) from
 * https://www.alibabacloud.com/help/en/model-studio/openai-compatible-conversations and
 * https://docs.qwencloud.com/api-reference/platform-api/conversations (fixtures conversation_create_request.json,
 * items_create_request.json); the use in a response ({@code "conversation": "conv_..."}, history injected, the turn
 * appended) from the same pages. Limit refusals use OpenAI's wording (Qwen's are not documented).
 */
class QwenMockServerConversationsTest extends ResponsesHttpSupport {

    private JsonNode create(String body) throws Exception {
        return ok(send("POST", "/conversations", "application/json", body));
    }

    @Test
    void should_create_get_update_and_delete_a_conversation() throws Exception {
        JsonNode created = create(fixture("conversation_create_request.json"));
        String id = created.path("id").asText();

        JsonNode fetched = ok(send("GET", "/conversations/" + id, null, null));
        JsonNode updated =
                ok(send("POST", "/conversations/" + id, "application/json", "{\"metadata\":{\"topic\":\"update\"}}"));
        JsonNode deleted = ok(send("DELETE", "/conversations/" + id, null, null));

        assertThat(id).startsWith("conv_");
        assertThat(created.path("object").asText()).isEqualTo("conversation");
        assertThat(created.path("created_at").asLong()).isGreaterThan(1_700_000_000_000L); // milliseconds
        assertThat(created.at("/metadata/topic").asText()).isEqualTo("demo");
        assertThat(fetched).isEqualTo(created);
        assertThat(updated.path("metadata").size()).isEqualTo(1);
        assertThat(updated.at("/metadata/topic").asText()).isEqualTo("update");
        assertThat(deleted.path("id").asText()).isEqualTo(id);
        assertThat(deleted.path("object").asText()).isEqualTo("conversation.deleted");
        assertThat(deleted.path("deleted").asBoolean()).isTrue();
        HttpResponse<String> gone = send("GET", "/conversations/" + id, null, null);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(gone.body()).path("message").asText()).contains(id);
    }

    @Test
    void should_add_list_get_and_delete_items() throws Exception {
        String id = create("{}").path("id").asText();

        JsonNode added = ok(send(
                "POST", "/conversations/" + id + "/items", "application/json", fixture("items_create_request.json")));
        String itemId = added.path("first_id").asText();
        JsonNode item = ok(send("GET", "/conversations/" + id + "/items/" + itemId, null, null));
        JsonNode deleted = ok(send("DELETE", "/conversations/" + id + "/items/" + itemId, null, null));

        assertThat(added.path("data")).hasSize(1);
        assertThat(itemId).startsWith("msg_").isEqualTo(added.path("last_id").asText());
        assertThat(added.path("has_more").asBoolean()).isFalse();
        assertThat(item.path("type").asText()).isEqualTo("message");
        assertThat(item.path("status").asText()).isEqualTo("completed");
        assertThat(item.at("/content/0/type").asText()).isEqualTo("input_text");
        assertThat(item.at("/content/0/text").asText()).isEqualTo("Alice's major is teacher education");
        assertThat(deleted.path("object").asText()).isEqualTo("conversation.item.deleted");
        assertThat(deleted.path("id").asText()).isEqualTo(itemId);
        assertThat(send("GET", "/conversations/" + id + "/items/" + itemId, null, null)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void should_page_items_with_after_order_and_limit() throws Exception {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode items = body.putArray("items");
        for (int i = 1; i <= 5; i++) {
            items.addObject().put("type", "message").put("role", "user").put("content", "item " + i);
        }
        String id = create(body.toString()).path("id").asText();

        JsonNode newest = ok(send("GET", "/conversations/" + id + "/items?limit=2", null, null));
        JsonNode next = ok(send(
                "GET",
                "/conversations/" + id + "/items?limit=2&after="
                        + newest.path("last_id").asText(),
                null,
                null));
        JsonNode oldest = ok(send("GET", "/conversations/" + id + "/items?order=asc", null, null));

        assertThat(newest.path("object").asText()).isEqualTo("list");
        assertThat(newest.at("/data/0/content/0/text").asText()).isEqualTo("item 5");
        assertThat(newest.at("/data/1/content/0/text").asText()).isEqualTo("item 4");
        assertThat(newest.path("has_more").asBoolean()).isTrue();
        assertThat(next.at("/data/0/content/0/text").asText()).isEqualTo("item 3");
        assertThat(oldest.path("data")).hasSize(5);
        assertThat(oldest.at("/data/0/content/0/text").asText()).isEqualTo("item 1");
        assertThat(oldest.path("has_more").asBoolean()).isFalse();
        assertThat(send("GET", "/conversations/" + id + "/items?limit=101", null, null)
                        .statusCode())
                .isEqualTo(400);
        assertThat(send("GET", "/conversations/" + id + "/items?order=up", null, null)
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void should_refuse_more_than_20_items_and_oversized_metadata() throws Exception {
        ObjectNode tooMany = JSON.createObjectNode();
        ArrayNode items = tooMany.putArray("items");
        for (int i = 0; i < 21; i++) {
            items.addObject().put("type", "message").put("role", "user").put("content", "x");
        }
        ObjectNode manyPairs = JSON.createObjectNode();
        ObjectNode metadata = manyPairs.putObject("metadata");
        for (int i = 0; i < 17; i++) {
            metadata.put("k" + i, "v");
        }

        HttpResponse<String> itemsRefused = send("POST", "/conversations", "application/json", tooMany.toString());
        HttpResponse<String> pairsRefused = send("POST", "/conversations", "application/json", manyPairs.toString());
        HttpResponse<String> longKey =
                send("POST", "/conversations", "application/json", "{\"metadata\":{\"" + "k".repeat(65) + "\":\"v\"}}");
        HttpResponse<String> longValue = send(
                "POST", "/conversations", "application/json", "{\"metadata\":{\"k\":\"" + "v".repeat(513) + "\"}}");
        String id = create("{}").path("id").asText();
        HttpResponse<String> addRefused =
                send("POST", "/conversations/" + id + "/items", "application/json", tooMany.toString());

        for (HttpResponse<String> response :
                new HttpResponse[] {itemsRefused, pairsRefused, longKey, longValue, addRefused}) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            assertThat(JSON.readTree(response.body()).path("code").asText()).isEqualTo("InvalidParameter");
        }
        assertThat(JSON.readTree(itemsRefused.body()).path("message").asText()).contains("20");
    }

    /** Fixture-like flow of the doc: history injected, then the turn's input and output appended. */
    @Test
    void should_use_a_conversation_in_a_response_and_append_the_turn() throws Exception {
        String id = create("{\"items\":[{\"type\":\"message\",\"role\":\"user\",\"content\":\"My name is Alice.\"}]}")
                .path("id")
                .asText();

        JsonNode response = responsesJson(
                "{\"model\":\"qwen-plus\",\"conversation\":\"" + id + "\"," + "\"input\":\"What is my name?\"}");
        JsonNode items = ok(send("GET", "/conversations/" + id + "/items?order=asc", null, null));

        assertThat(messageText(response)).contains("Your name is Alice.");
        assertThat(items.path("data")).hasSize(3);
        assertThat(items.at("/data/1/content/0/text").asText()).isEqualTo("What is my name?");
        assertThat(items.at("/data/2/role").asText()).isEqualTo("assistant");
        assertThat(items.at("/data/2/content/0/type").asText()).isEqualTo("output_text");
        assertThat(items.at("/data/2/id").asText())
                .isEqualTo(response.at("/output/0/id").asText());
    }

    @Test
    void should_refuse_an_unknown_conversation_in_a_response() throws Exception {
        HttpResponse<String> response =
                responses("{\"model\":\"qwen-plus\",\"conversation\":\"conv_nope\"," + "\"input\":\"hi\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("message").asText()).contains("conv_nope");
    }

    @Test
    void should_serve_conversations_under_the_legacy_base_url_too() throws Exception {
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(server.legacyResponsesBaseUrl() + "/conversations"))
                .header("Authorization", "Bearer " + server.apiKey())
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}"))
                .build();

        JsonNode created = ok(HTTP.send(request, HttpResponse.BodyHandlers.ofString()));

        assertThat(ok(send("GET", "/conversations/" + created.path("id").asText(), null, null))
                        .path("id")
                        .asText())
                .isEqualTo(created.path("id").asText());
    }
}
