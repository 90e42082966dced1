package io.github.qwenlangchain4j.testkit.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * A page of the Files and Batch APIs' lists: {@code limit} (default 20) items after the one whose id is
 * {@code after}, as {@code {"object": "list", "data", "first_id", "last_id", "has_more"}}.
 */
final class ListPage {

    private ListPage() {}

    static ObjectNode of(List<ObjectNode> items, Map<String, String> query) {
        int start = 0;
        String after = query.get("after");
        if (after != null) {
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i).path("id").asText().equals(after)) {
                    start = i + 1;
                }
            }
        }
        int limit = query.containsKey("limit") ? Integer.parseInt(query.get("limit")) : 20;
        int end = Math.min(items.size(), start + limit);
        ObjectNode root = JsonNodeFactory.instance.objectNode().put("object", "list");
        ArrayNode data = root.putArray("data");
        items.subList(start, end).forEach(data::add);
        if (start < end) {
            root.put("first_id", items.get(start).path("id").asText());
            root.put("last_id", items.get(end - 1).path("id").asText());
        } else {
            root.putNull("first_id").putNull("last_id");
        }
        root.put("has_more", end < items.size());
        return root;
    }
}
