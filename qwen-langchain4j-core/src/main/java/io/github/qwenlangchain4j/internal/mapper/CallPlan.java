package io.github.qwenlangchain4j.internal.mapper;

/**
 * How one chat request is sent, as {@link CallPlanner} decided it: whether the model will think, the
 * {@code enable_thinking} value to send, whether JSON mode may be used, and whether the call streams.
 *
 * @param model          the model name the plan is for
 * @param thinking       whether the model will think while answering this request
 * @param enableThinking the {@code enable_thinking} field to send: the caller's choice, {@code false} when the
 *                       library switched thinking off for JSON mode or a forced tool, or null (the model's default)
 * @param jsonMode       whether {@code response_format: json_object} is sent (never while thinking)
 * @param stream         whether the request is sent with {@code stream: true}
 */
public record CallPlan(String model, boolean thinking, Boolean enableThinking, boolean jsonMode, boolean stream) {}
