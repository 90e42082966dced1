/**
 * The pieces of the mock server. Internal. A request goes through them in this order: {@link
 * io.github.qwenlangchain4j.testkit.internal.JdkHttpTransport} reads it off the wire into a {@link
 * io.github.qwenlangchain4j.testkit.internal.MockRequest}; {@link io.github.qwenlangchain4j.testkit.internal.MockApi}'s
 * {@link io.github.qwenlangchain4j.testkit.internal.RouteTable} checks the key and picks the handler (chat,
 * embeddings, files, batches, responses, conversations, rerank), which answers with an {@link
 * io.github.qwenlangchain4j.testkit.internal.HttpReply} built from Qwen's validation rules and renderers.
 */
package io.github.qwenlangchain4j.testkit.internal;
