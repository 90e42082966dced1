package io.github.qwenlangchain4j.internal.batch;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/**
 * A batch as {@code /batches} returns it. {@code errors} stays a tree: OpenAI documents
 * {@code {"object":"list","data":[{code,message,param,line}]}}, and a bare list or object is accepted too.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record BatchObject(
        String id,
        String object,
        String endpoint,
        JsonNode errors,
        String inputFileId,
        String completionWindow,
        String status,
        String outputFileId,
        String errorFileId,
        Long createdAt,
        Long inProgressAt,
        Long expiresAt,
        Long finalizingAt,
        Long completedAt,
        Long failedAt,
        Long expiredAt,
        Long cancellingAt,
        Long cancelledAt,
        RequestCounts requestCounts,
        Map<String, String> metadata) {

    /** Requests in the batch, and how many succeeded or failed so far. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RequestCounts(Integer total, Integer completed, Integer failed) {}
}
