/**
 * Qwen's Responses and Conversations APIs: {@link io.github.qwenlangchain4j.responses.QwenResponsesChatModel} and
 * {@link io.github.qwenlangchain4j.responses.QwenResponsesStreamingChatModel} with built-in tools that run on Qwen's
 * side ({@link io.github.qwenlangchain4j.responses.QwenBuiltInTool}), multi-turn by previous response id or by
 * conversation ({@link io.github.qwenlangchain4j.responses.QwenConversations}), and Qwen's session cache.
 */
package io.github.qwenlangchain4j.responses;
