package io.github.qwenlangchain4j.internal.files;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The response of {@code DELETE /files/{id}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FileDeleted(String id, String object, Boolean deleted) {}
