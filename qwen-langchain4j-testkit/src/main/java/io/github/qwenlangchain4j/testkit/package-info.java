/**
 * {@link io.github.qwenlangchain4j.testkit.QwenMockServer}: an offline stand-in for Qwen's compatible-mode API, for
 * tests, samples and benchmarks. Beside chat completions and embeddings, it serves the following.
 *
 * <p>Qwen-only chat features: explicit context-cache markers ({@code cache_control}, and on Qwen4 models also
 * {@code prompt_cache_breakpoint: {"mode": "explicit"}}) create and hit cache blocks of 1,024 tokens or more,
 * reported in the usage; a Qwen-Omni request with {@code modalities: ["text","audio"]} streams its answer's audio as
 * {@code delta.audio} chunks (16-bit PCM, 24 kHz); documents uploaded with purpose {@code file-extract} are parsed
 * in two look-ups, and chats referencing them ({@code fileid://} system messages) are refused while they are not
 * processed and answered with their names and first words once they are.
 *
 * <p>The Files and Batch APIs ({@code /files}, {@code /batches}): uploaded JSONL files are kept in memory, and a
 * batch moves one step per {@code GET /batches/{id}} (no timers): validating, in progress (twice: half the lines run
 * each time), finalizing, completed, each line run by the chat or embeddings logic, with output and error files to
 * download. {@link QwenMockServer#failBatch}, {@link QwenMockServer#expireBatch} and
 * {@link QwenMockServer#failBatchLine} script the rest.
 *
 * <p>The Responses and Conversations APIs, under the chat base URL ({@link QwenMockServer#responsesBaseUrl()}) and
 * the legacy one ({@link QwenMockServer#legacyResponsesBaseUrl()}): {@code POST /responses} as JSON or as Qwen's
 * event stream (function calls, reasoning items, offline runs of the built-in tools), stored responses for
 * {@code previous_response_id}, {@code GET}/{@code DELETE /responses/{id}}, {@code /responses/{id}/input_items},
 * and conversations with their items, with Qwen's flat error bodies and messages.
 *
 * <p>Both rerank endpoints on the same host (models given the compatible-mode {@link QwenMockServer#baseUrl()} map
 * to them): the OpenAI-compatible {@code /compatible-api/v1/reranks} (qwen3-rerank) and DashScope's native
 * {@code /api/v1/services/rerank/text-rerank/text-rerank}: relevance by word overlap between query and document,
 * with Qwen's refusals of an unknown model, of an empty or too long document list and of a request over the
 * per-request token limit (the documented one, or a lower one set with
 * {@link QwenMockServer#limitRerankTokens(int)}).
 * DashScope's native text embedding endpoint, {@code /api/v1/services/embeddings/text-embedding/text-embedding}, the
 * one that takes {@code text_type} ({@code query} or {@code document}): the vectors and refusals of compatible mode's
 * {@code /embeddings} in the native shape (the mock does not model how a query's vector differs from a document's).
 *
 * Model Studio's model list, {@code GET /api/v1/models}: a handful of models (chat, vision, embedding, rerank,
 * image, speech, video) in the documented shape, paged by {@code page_no} and {@code page_size} and filtered by
 * {@code model}, {@code name}, {@code providers} and {@code capabilities}.
 *
 * <p>{@link io.github.qwenlangchain4j.testkit.QwenMockServerMain} runs the server as a process of its own, from the
 * runnable {@code qwen-langchain4j-testkit-VERSION-standalone.jar} ({@code java -jar ... --port 8089}).
 */
package io.github.qwenlangchain4j.testkit;
