package io.github.qwenlangchain4j.internal.rerank;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * The body of a successful OpenAI-compatible rerank response: {@code {"id", "object": "list", "model", "results":
 * [{"document": {"text"}, "index", "relevance_score"}], "usage": {"total_tokens"}}}, results best first (Qwen Cloud's
 * "OpenAI compatible reranking" reference). {@code document} and {@code object} are not read.
 *
 * @param id      the response id
 * @param model   the model that ranked
 * @param results one per returned document, best first
 * @param usage   the tokens billed
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CompatibleRerankResponse(
        String id, String model, List<RerankResponse.Result> results, RerankResponse.Usage usage) {}
