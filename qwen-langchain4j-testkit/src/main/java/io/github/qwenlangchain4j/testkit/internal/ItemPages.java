package io.github.qwenlangchain4j.testkit.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A page of items as the list endpoints return it ({@code GET /responses/{id}/input_items},
 * {@code GET /conversations/{id}/items}): {@code after} (an item id), {@code order} ({@code asc} or {@code desc},
 * default {@code desc}), {@code limit} (1 to 100, default 20); {@code {object: "list", data, first_id, last_id,
 * has_more}}. Sources: https://help.aliyun.com/en/model-studio/list-input-items,
 * https://www.alibabacloud.com/help/en/model-studio/openai-compatible-conversations. The refusal messages for a bad
 * {@code limit} or {@code order} are OpenAI's wording (Qwen's are not documented: inferred).
 */
final class ItemPages {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /**
     * A page, or the refusal of its query.
     *
     * @param page  the page, or null
     * @param error the refusal, or null
     */
    record Result(ObjectNode page, QwenError error) {}

    private ItemPages() {}

    /** A page of {@code items}, which are in creation order (oldest first). */
    static Result page(List<ObjectNode> items, String rawQuery) {
        Map<String, String> query = MockRequest.parseQuery(rawQuery);
        int limit;
        try {
            limit = Integer.parseInt(query.getOrDefault("limit", "20"));
        } catch (NumberFormatException e) {
            return new Result(
                    null,
                    QwenError.flatInvalid(
                            "Invalid 'limit': expected an integer, but got '" + query.get("limit") + "' instead."));
        }
        if (limit < 1 || limit > 100) {
            return new Result(
                    null,
                    QwenError.flatInvalid("Invalid 'limit': integer " + (limit < 1 ? "below minimum" : "above maximum")
                            + " value. Expected a value " + (limit < 1 ? ">= 1" : "<= 100") + ", but got "
                            + limit + " instead."));
        }
        String order = query.getOrDefault("order", "desc");
        if (!order.equals("asc") && !order.equals("desc")) {
            return new Result(
                    null,
                    QwenError.flatInvalid(
                            "Invalid value: '" + order + "'. Supported values are:" + " 'asc' and 'desc'."));
        }
        List<ObjectNode> ordered = new ArrayList<>(items);
        if (order.equals("desc")) {
            Collections.reverse(ordered);
        }
        String after = query.get("after");
        if (after != null && !after.isEmpty()) {
            int position = -1;
            for (int i = 0; i < ordered.size(); i++) {
                if (after.equals(ordered.get(i).path("id").asText())) {
                    position = i;
                }
            }
            ordered = ordered.subList(position + 1, ordered.size());
        }
        List<ObjectNode> data = ordered.subList(0, Math.min(limit, ordered.size()));
        ObjectNode page = NODES.objectNode();
        page.put("object", "list");
        ArrayNode array = page.putArray("data");
        data.forEach(item -> array.add(item.deepCopy()));
        if (data.isEmpty()) {
            page.putNull("first_id").putNull("last_id");
        } else {
            page.put("first_id", data.get(0).path("id").asText());
            page.put("last_id", data.get(data.size() - 1).path("id").asText());
        }
        page.put("has_more", ordered.size() > data.size());
        return new Result(page, null);
    }
}
