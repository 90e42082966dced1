package io.github.qwenlangchain4j.embedding.internal;

import java.util.List;
import java.util.Locale;

/**
 * What Qwen documents about an embedding model: inputs per request, allowed dimensions and the default one.
 * Unknown model names get {@link #UNKNOWN}: 10 inputs per request and no dimension checks, so new models work
 * before this table knows them.
 *
 * @param maxInputsPerRequest inputs Qwen accepts in one request
 * @param allowedDimensions   the dimensions it accepts, or empty when unknown
 * @param defaultDimension    the dimension it returns when none is asked for, or null when unknown
 */
public record EmbeddingModelSpec(int maxInputsPerRequest, List<Integer> allowedDimensions, Integer defaultDimension) {

    public static final EmbeddingModelSpec UNKNOWN = new EmbeddingModelSpec(10, List.of(), null);

    private static final EmbeddingModelSpec V4 =
            new EmbeddingModelSpec(10, List.of(2048, 1536, 1024, 768, 512, 256, 128, 64), 1024);
    private static final EmbeddingModelSpec V3 = new EmbeddingModelSpec(10, List.of(1024, 768, 512), 1024);
    private static final EmbeddingModelSpec V1_V2 = new EmbeddingModelSpec(25, List.of(1536), 1536);

    public static EmbeddingModelSpec of(String modelName) {
        if (modelName == null) {
            return UNKNOWN;
        }
        return switch (modelName.toLowerCase(Locale.ROOT)) {
            case "text-embedding-v4" -> V4;
            case "text-embedding-v3" -> V3;
            case "text-embedding-v1", "text-embedding-v2" -> V1_V2;
            default -> UNKNOWN;
        };
    }

    public boolean isKnown() {
        return this != UNKNOWN;
    }

    /** Refuses a dimension this (known) model cannot produce, naming the allowed ones. */
    public void checkDimension(String modelName, Integer dimensions) {
        if (dimensions == null) {
            return;
        }
        if (dimensions <= 0) {
            throw new IllegalArgumentException("dimensions must be positive, but was " + dimensions);
        }
        if (isKnown() && !allowedDimensions.contains(dimensions)) {
            throw new IllegalArgumentException("dimensions " + dimensions + " is not supported by " + modelName
                    + "; allowed values are " + allowedDimensions);
        }
    }
}
