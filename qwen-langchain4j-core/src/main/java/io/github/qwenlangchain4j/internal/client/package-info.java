/**
 * The one HTTP client every Qwen model shares: OkHttp with bearer auth, timeouts, custom headers, retries with
 * backoff, Qwen's error mapping, an SSE reader and redacted logging. Internal: not part of the public API.
 */
package io.github.qwenlangchain4j.internal.client;
