package io.github.qwenlangchain4j.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
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

    /** Looks the request's marked prefixes up, creating the missing ones. */
    synchronized Account account(JsonNode request) {
        JsonNode messages = request.path("messages");
        ArrayNode prefix = JsonNodeFactory.instance.arrayNode();
        int hit = 0;
        int created = 0;
        boolean explicit = false;
        for (JsonNode message : messages) {
            JsonNode content = message.path("content");
            if (!content.isArray()) {
                prefix.add(message);
                continue;
            }
            ObjectNode copy = message.deepCopy();
            ArrayNode parts = copy.putArray("content");
            for (JsonNode part : content) {
                ObjectNode bare = part.deepCopy();
                boolean marked = bare.remove("cache_control") != null;
                parts.add(bare);
                if (!marked) {
                    continue;
                }
                explicit = true;
                ArrayNode upToMarker = prefix.deepCopy();
                upToMarker.add(copy.deepCopy());
                String key = request.path("model").asText() + request.path("tools") + upToMarker;
                int tokens = Tokens.estimate(request.path("tools").toString() + upToMarker);
                if (blocks.contains(key)) {
                    hit = Math.max(hit, tokens);
                } else if (tokens >= MIN_TOKENS) {
                    blocks.add(key);
                    created = Math.max(created, tokens);
                }
            }
            prefix.add(copy);
        }
        return new Account(hit, Math.max(0, created - hit), explicit);
    }
}
