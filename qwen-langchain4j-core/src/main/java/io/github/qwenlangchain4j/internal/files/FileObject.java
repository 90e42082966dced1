package io.github.qwenlangchain4j.internal.files;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** A file as {@code /files} returns it. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record FileObject(
        String id,
        String object,
        Long bytes,
        Long createdAt,
        String filename,
        String purpose,
        String status,
        String statusDetails) {}
