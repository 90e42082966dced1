package io.github.qwenlangchain4j.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Qwen's explicit context cache, as the mock keeps it (Model Studio, "Context cache"): each content block marked
 * {@code cache_control: {"type": "ephemeral"}} ends a cache block holding the request from its start (tools
 * included) up to the marker. A block of at least 1,024 tokens that is not cached yet is created, and its tokens are
 * reported as {@code cache_creation_input_tokens}; the longest cached block the request starts with is a hit,
 * reported as {@code cached_tokens}. Requests with markers report {@code cache_type: "ephemeral"}. Blocks do not
 * expire (the mock has no clock); {@code reset()} forgets them. Synchronized: requests share the cache.
 *
 * <p>Qwen4 models (Model Studio, "Explicit cache (Qwen4)", alibabacloud.com/help/en/model-studio/explicit-cache-qwen4)
 * also read their own breakpoint, {@code "prompt_cache_breakpoint": {"mode": "explicit"}}, beside the
 * {@code cache_control} marker they keep compatible. The page is for "Qwen4 series models only", so on other models
 * the mock takes the breakpoint for no marker (an unmarked block, implicit cache only).
 */
public final class MockContextCache {

    /** Qwen's smallest cache block (explicit cache: "A cache block must contain at least 1024 tokens"). */
    static final int MIN_TOKENS = 1024;

    /** Qwen4's breakpoint field, and the one mode its page documents. */
    static final String BREAKPOINT = "prompt_cache_breakpoint";

    private static final String EXPLICIT = "explicit";

    private final Set<String> blocks = new HashSet<>();

    /** What the request read from and wrote to the cache. */
    record Account(int cachedTokens, int creationTokens, boolean explicit) {}

    public synchronized void reset() {
        blocks.clear();
    }

    /**
     * Looks the request's marked prefixes up, creating the missing ones. A marker's prefix is "everything from the
     * start of the request to the end of the content block holding the breakpoint" (Explicit cache (Qwen4), "How it
     * works"), so a block after the marker in the same message is not part of it. From each marker Qwen "searches
     * backward up to 20 content blocks" for a cached block to hit; so does the mock, block by block (a message with
     * text content is one block). Content is compared as text, so a message sent once as marked text blocks and later
     * as a plain string is the same prefix.
     */
    synchronized Account account(JsonNode request) {
        boolean qwen4 = isQwen4(request.path("model").asText());
        String tools = request.path("tools").toString();
        // the request up to the end of each content block, and whether that block carries a marker
        List<String> prefixes = new ArrayList<>();
        List<Boolean> marked = new ArrayList<>();
        List<JsonNode> before = new ArrayList<>();
        for (JsonNode message : request.path("messages")) {
            JsonNode content = message.path("content");
            JsonNode whole = message;
            if (content.isArray()) {
                ArrayNode parts = JsonNodeFactory.instance.arrayNode();
                StringBuilder text = new StringBuilder();
                boolean allText = true;
                for (JsonNode part : content) {
                    ObjectNode bare = part.deepCopy();
                    boolean marker = bare.remove("cache_control") != null;
                    JsonNode breakpoint = bare.remove(BREAKPOINT);
                    marker |= qwen4
                            && breakpoint != null
                            && EXPLICIT.equals(breakpoint.path("mode").asText());
                    parts.add(bare);
                    allText &= "text".equals(bare.path("type").asText());
                    text.append(bare.path("text").asText());
                    ObjectNode partial = message.deepCopy();
                    if (allText) {
                        partial.put("content", text.toString());
                    } else {
                        partial.set("content", parts.deepCopy());
                    }
                    prefixes.add(prefix(before, partial));
                    marked.add(marker);
                    whole = partial;
                }
            } else {
                prefixes.add(prefix(before, message));
                marked.add(false);
            }
            before.add(whole);
        }
        String model = request.path("model").asText();
        int hit = 0;
        int created = 0;
        boolean explicit = false;
        // A block is usable once the request that created it has answered ("Cache creation occurs after model
        // response"): a later marker of the same request does not hit a block an earlier one creates.
        Set<String> creating = new HashSet<>();
        for (int i = 0; i < prefixes.size(); i++) {
            if (!marked.get(i)) {
                continue;
            }
            explicit = true;
            for (int k = i; k >= Math.max(0, i - 20); k--) {
                if (blocks.contains(model + tools + prefixes.get(k))) {
                    hit = Math.max(hit, Tokens.estimate(tools + prefixes.get(k)));
                    break;
                }
            }
            int tokens = Tokens.estimate(tools + prefixes.get(i));
            String key = model + tools + prefixes.get(i);
            if (tokens >= MIN_TOKENS && !blocks.contains(key) && creating.add(key)) {
                created = Math.max(created, tokens);
            }
        }
        blocks.addAll(creating);
        return new Account(hit, Math.max(0, created - hit), explicit);
    }

    private static String prefix(List<JsonNode> before, JsonNode last) {
        List<JsonNode> messages = new ArrayList<>(before);
        messages.add(last);
        return messages.toString();
    }

    /** qwen4-max and the rest of the Qwen4 series. */
    static boolean isQwen4(String model) {
        return model.toLowerCase(Locale.ROOT).startsWith("qwen4");
    }
}
