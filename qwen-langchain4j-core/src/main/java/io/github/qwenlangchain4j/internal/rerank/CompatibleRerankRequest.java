package io.github.qwenlangchain4j.internal.rerank;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * The body of the OpenAI-compatible rerank request, {@code POST /compatible-api/v1/reranks}: {@code {"model",
 * "query", "documents", "top_n", "instruct"}}, everything at the top level (Qwen Cloud's "OpenAI compatible
 * reranking" reference, docs.qwencloud.com/api-reference/rerank/openai-rerank).
 *
 * @param model     the rerank model (qwen3-rerank)
 * @param query     the query
 * @param documents the documents, as strings
 * @param topN      how many of the best documents to return
 * @param instruct  the task instruction, or null for the model's default (question answering)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CompatibleRerankRequest(
        String model, String query, List<String> documents, Integer topN, String instruct) {}
