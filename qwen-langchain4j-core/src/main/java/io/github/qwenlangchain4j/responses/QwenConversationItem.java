package io.github.qwenlangchain4j.responses;

/**
 * One item of a conversation: a message Qwen keeps in it.
 *
 * @param id     the item id, e.g. {@code msg_...}
 * @param type   the item type, {@code message}
 * @param role   {@code user}, {@code assistant}, {@code system} or {@code developer}
 * @param status {@code completed}, {@code in_progress} or {@code incomplete}; null when not sent
 * @param text   the message's text (its text parts joined), or null when it has none
 */
public record QwenConversationItem(String id, String type, String role, String status, String text) {}
