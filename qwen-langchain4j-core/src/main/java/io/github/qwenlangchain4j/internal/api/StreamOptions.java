package io.github.qwenlangchain4j.internal.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code stream_options}; always {@code include_usage: true} so that the last chunk carries token usage. */
public record StreamOptions(@JsonProperty("include_usage") Boolean includeUsage) {

    public static final StreamOptions INCLUDE_USAGE = new StreamOptions(Boolean.TRUE);
}
