/**
 * The Responses API protocol: its wire records, the mapping from and to LangChain4j, and the stream accumulator.
 * The transport (auth, retries, errors, SSE bytes) is {@code internal.client}'s, shared with Chat Completions.
 * Internal: not part of the public API.
 */
package io.github.qwenlangchain4j.internal.responses;
