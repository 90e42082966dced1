package io.github.qwenlangchain4j;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Qwen's explicit context cache (Model Studio, "Context cache"): a message marked with
 * {@code cache_control: {"type": "ephemeral"}} ends a cache block holding the prompt from its start up to the marker.
 * The first request creates the block (its tokens are billed at 125% of the input price and reported as
 * {@link QwenTokenUsage#cacheCreationTokens()}); for about 5 minutes, renewed by each hit, later requests with the same
 * prefix read it at 10% of the price ({@link QwenTokenUsage#cachedTokens()}). A block needs at least 1,024 tokens;
 * a request takes at most 4 markers, which this library checks before sending.
 *
 * <p>Three ways to mark, all combinable, per model (builder) or per request ({@link QwenChatRequestParameters}):
 * <ul>
 *   <li>{@code cacheSystemMessages(true)}: the system instructions (long prompts, few-shot examples);</li>
 *   <li>{@code cacheConversation(true)}: the last message of each request, so each turn reads the history before it
 *       from the cache;</li>
 *   <li>a message attribute, as LangChain4j's Anthropic module reads it: {@code cache_control = "ephemeral"} on a
 *       {@link UserMessage}, an {@link AiMessage} with text or a {@link ToolExecutionResultMessage} (see
 *       {@link #marker()} and {@link #cached(UserMessage)}).</li>
 * </ul>
 * Qwen has no marker for the {@code tools} list. Models Qwen documents for explicit caching: {@code qwen3-max},
 * {@code qwen3.6-plus}, {@code qwen3.5-plus}, {@code qwen-plus}, {@code qwen3.5-flash}, {@code qwen-flash},
 * {@code qwen3-coder-plus}, {@code qwen3-coder-flash}, and the Qwen4 series ({@code qwen4-max}; Model Studio,
 * "Explicit cache (Qwen4)"). Marks on a model known not to take them (Qwen-Long, Qwen-Omni, Qwen-MT, qwen-turbo, QwQ,
 * QVQ) are refused before sending; other names are sent as they are.
 *
 * <p>Qwen4 also reads its own breakpoint, {@code "prompt_cache_breakpoint": {"mode": "explicit"}}, and keeps
 * {@code cache_control} compatible ("used the same way"); this library sends {@code cache_control} to every model (see
 * the request mapper for why). Qwen4's automatic caching and 1-hour time-to-live are not exposed yet.
 */
public final class QwenContextCache {

    /** The message attribute that marks a message: {@code cache_control}, as in LangChain4j's Anthropic module. */
    public static final String ATTRIBUTE = "cache_control";

    /** The attribute's value, and Qwen's only cache type: {@code ephemeral}. */
    public static final String EPHEMERAL = "ephemeral";

    /** Qwen's limit of cache markers per request. */
    public static final int MAX_MARKERS = 4;

    private QwenContextCache() {}

    /**
     * The attributes that mark a message: {@code {"cache_control": "ephemeral"}}, e.g.
     * {@code UserMessage.builder().addContent(...).attributes(QwenContextCache.marker()).build()}.
     *
     * @return an unmodifiable map with the one attribute
     */
    public static Map<String, Object> marker() {
        return Map.of(ATTRIBUTE, EPHEMERAL);
    }

    /**
     * The same user message, marked: the cache block ends after it.
     *
     * @param message the message
     * @return a copy with the {@code cache_control} attribute (its other attributes kept)
     */
    public static UserMessage cached(UserMessage message) {
        LinkedHashMap<String, Object> attributes = new LinkedHashMap<>(message.attributes());
        attributes.put(ATTRIBUTE, EPHEMERAL);
        return message.toBuilder().attributes(attributes).build();
    }

    /**
     * Whether a message carries the {@code cache_control = "ephemeral"} attribute.
     *
     * @param message any chat message
     * @return true when it is marked
     */
    public static boolean isMarked(ChatMessage message) {
        Map<String, Object> attributes = null;
        if (message instanceof UserMessage user) {
            attributes = user.attributes();
        } else if (message instanceof AiMessage ai) {
            attributes = ai.attributes();
        } else if (message instanceof ToolExecutionResultMessage result) {
            attributes = result.attributes();
        }
        return attributes != null && EPHEMERAL.equals(attributes.get(ATTRIBUTE));
    }
}
