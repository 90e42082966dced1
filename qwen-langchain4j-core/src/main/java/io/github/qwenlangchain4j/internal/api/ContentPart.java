package io.github.qwenlangchain4j.internal.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One part of a message's content array: {@code text}, {@code image_url}, {@code video_url} or {@code input_audio}
 * (user messages), or a {@code text} block of any role carrying an explicit context-cache marker
 * ({@code cache_control: {"type": "ephemeral"}}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ContentPart(
        String type, String text, Url imageUrl, Url videoUrl, InputAudio inputAudio, CacheControl cacheControl) {

    public static ContentPart text(String text) {
        return new ContentPart("text", text, null, null, null, null);
    }

    public static ContentPart image(String url) {
        return new ContentPart("image_url", null, new Url(url), null, null, null);
    }

    public static ContentPart video(String url) {
        return new ContentPart("video_url", null, null, new Url(url), null, null);
    }

    public static ContentPart audio(String data, String format) {
        return new ContentPart("input_audio", null, null, null, new InputAudio(data, format), null);
    }

    /** This part with Qwen's explicit cache marker: the cache block ends here. */
    public ContentPart cached() {
        return new ContentPart(type, text, imageUrl, videoUrl, inputAudio, CacheControl.EPHEMERAL);
    }

    /** {@code {"url": ...}}: an http(s) URL or a {@code data:} URL. */
    public record Url(String url) {}

    /** {@code {"data": ..., "format": ...}}: data is a URL or a {@code data:;base64,} string. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InputAudio(String data, String format) {}

    /**
     * {@code {"type": "ephemeral"}}: the only cache type Qwen's explicit cache has (about 5 minutes). Qwen4 models read
     * it as well as their own {@code prompt_cache_breakpoint} (Model Studio, "Explicit cache (Qwen4)").
     */
    public record CacheControl(String type) {
        public static final CacheControl EPHEMERAL = new CacheControl("ephemeral");
    }
}
