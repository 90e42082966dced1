package io.github.qwenlangchain4j.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Qwen's explicit context cache, as the mock keeps it (Model Studio, "Context cache"): each content block marked
 * {@code cache_control: {"type": "ephemeral"}} ends a cache block holding the request from its start (tools
 * included) up to the marker. A block of at least 1,024 tokens that is not cached yet is created, and its tokens are
 * reported as {@code cache_creation_input_tokens}; the longest cached block the request starts with is a hit,
 * reported as {@code cached_tokens}. Requests with markers report {@code cache_type: "ephemeral"}. Blocks do not
 * expire (the mock has no clock); {@code reset()} forgets them. Synchronized: requests share the cache.
 */
public final class MockContextCache {

    /** Qwen's smallest cache block (explicit cache: "A cache block must contain at least 1024 tokens"). */
    static final int MIN_TOKENS = 1024;

    private final Set<String> blocks = new HashSet<>();

    /** What the request read from and wrote to the cache. */
    record Account(int cachedTokens, int creationTokens, boolean explicit) {}

    public synchronized void reset() {
        blocks.clear();
    }

    /**
     * Looks the request's marked prefixes up, creating the missing ones. From each marker Qwen "searches backward up
     * to 20 content blocks" for a cached block to hit; the mock looks back message by message. Content is compared
     * as text, so a message sent once as a marked block and later as a plain string is the same prefix.
     */
    synchronized Account account(JsonNode request) {
        JsonNode messages = request.path("messages");
        List<JsonNode> plain = new ArrayList<>();
        List<Boolean> marked = new ArrayList<>();
        for (JsonNode message : messages) {
            ObjectNode copy = message.deepCopy();
            boolean hasMarker = false;
            JsonNode content = message.path("content");
            if (content.isArray()) {
                ArrayNode parts = JsonNodeFactory.instance.arrayNode();
                StringBuilder text = new StringBuilder();
                boolean allText = true;
                for (JsonNode part : content) {
                    ObjectNode bare = part.deepCopy();
                    hasMarker |= bare.remove("cache_control") != null;
                    parts.add(bare);
                    allText &= "text".equals(bare.path("type").asText());
                    text.append(bare.path("text").asText());
                }
                if (allText) {
                    copy.put("content", text.toString());
                } else {
                    copy.set("content", parts);
                }
            }
            plain.add(copy);
            marked.add(hasMarker);
        }
        int hit = 0;
        int created = 0;
        boolean explicit = false;
        for (int i = 0; i < plain.size(); i++) {
            if (!marked.get(i)) {
                continue;
            }
            explicit = true;
            for (int k = i; k >= Math.max(0, i - 20); k--) {
                if (blocks.contains(key(request, plain, k))) {
                    hit = Math.max(hit, tokens(request, plain, k));
                    break;
                }
            }
            int tokens = tokens(request, plain, i);
            if (tokens >= MIN_TOKENS && blocks.add(key(request, plain, i))) {
                created = Math.max(created, tokens);
            }
        }
        return new Account(hit, Math.max(0, created - hit), explicit);
    }

    private static String key(JsonNode request, List<JsonNode> plain, int last) {
        return request.path("model").asText() + request.path("tools") + plain.subList(0, last + 1);
    }

    private static int tokens(JsonNode request, List<JsonNode> plain, int last) {
        return Tokens.estimate(request.path("tools").toString() + plain.subList(0, last + 1));
    }
}
