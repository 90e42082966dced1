package io.github.qwenlangchain4j.internal.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The library's one Jackson databind mapper, in a class of its own so that it is built when something first needs
 * databind (an error body, a batch, an embedding response, custom parameters), not when a client is created:
 * building it loads some 500 classes, a fifth of a second of a fresh JVM. The chat wire types go through
 * {@link WireJson} instead.
 */
public final class Json {

    /** The JSON codec of the wire types: lenient on input because the live API adds fields without notice. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private Json() {}
}
