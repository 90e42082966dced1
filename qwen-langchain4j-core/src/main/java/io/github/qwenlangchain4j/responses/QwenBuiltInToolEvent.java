package io.github.qwenlangchain4j.responses;

/**
 * Progress of one built-in tool call in a stream, e.g. {@code response.web_search_call.searching}.
 *
 * @param eventType the stream event's type, e.g. {@code response.web_search_call.completed}
 * @param itemId    the call's item id, or null
 * @param stage     the last part of the event type: {@code in_progress}, {@code searching}, {@code completed}, ...,
 *                  or {@code done} when the finished call arrives
 * @param call      the finished call (when the stream delivered the whole item), or null
 */
public record QwenBuiltInToolEvent(String eventType, String itemId, String stage, QwenBuiltInToolCall call) {}
