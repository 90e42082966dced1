package io.github.qwenlangchain4j.internal.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** {@code search_options} of web search. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SearchOptions(
        Boolean forcedSearch,
        String searchStrategy,
        Boolean enableSearchExtension,
        Integer freshness,
        List<String> assignedSiteList) {}
