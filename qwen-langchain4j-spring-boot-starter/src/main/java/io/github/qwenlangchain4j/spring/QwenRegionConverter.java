package io.github.qwenlangchain4j.spring;

import io.github.qwenlangchain4j.QwenRegion;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.core.convert.converter.Converter;

/**
 * Binds {@code langchain4j.qwen.region} leniently ({@code singapore}, {@code us-virginia}, {@code CHINA_BEIJING},
 * ...) and, for a value that names no region, fails with the allowed values instead of Spring's bare "No enum
 * constant".
 */
class QwenRegionConverter implements Converter<String, QwenRegion> {

    @Override
    public QwenRegion convert(String source) {
        String name = source.strip().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        for (QwenRegion region : QwenRegion.values()) {
            if (region.name().equals(name)) {
                return region;
            }
        }
        throw new IllegalArgumentException("'" + source + "' is not a Qwen region; use one of " + allowed());
    }

    static String allowed() {
        return Arrays.stream(QwenRegion.values())
                .map(region -> region.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .collect(Collectors.joining(", "));
    }
}
