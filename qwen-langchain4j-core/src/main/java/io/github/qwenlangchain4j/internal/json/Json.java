package io.github.qwenlangchain4j.internal.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The library's JSON codec: one Jackson databind mapper for every wire type, as LangChain4j's own modules use. A
 * fresh JVM builds it in a background thread when a model is built, see {@link JsonWarmUp}.
 */
public final class Json {

    /** Lenient on input, because the live API adds fields without notice. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** A reader per type, which resolves the type and its deserializer once rather than on every read. */
    private static final ClassValue<ObjectReader> READERS = new ClassValue<>() {
        @Override
        protected ObjectReader computeValue(Class<?> type) {
            return MAPPER.readerFor(type);
        }
    };

    private Json() {}

    /** The reader of {@code type}, made once per type. */
    public static ObjectReader reader(Class<?> type) {
        return READERS.get(type);
    }
}
