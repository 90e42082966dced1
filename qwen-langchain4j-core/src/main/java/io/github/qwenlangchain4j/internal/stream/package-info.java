/**
 * Streaming accumulation: text, thinking, tool calls by index, usage and metadata, gathered from chunks into a
 * final response. Used by the streaming model and by the sync model's streaming fallback. Internal.
 */
package io.github.qwenlangchain4j.internal.stream;
