package io.github.qwenlangchain4j.internal.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** One part of a multimodal user message: {@code text}, {@code image_url}, {@code video_url} or {@code input_audio}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ContentPart(String type, String text, Url imageUrl, Url videoUrl, InputAudio inputAudio) {

    public static ContentPart text(String text) {
        return new ContentPart("text", text, null, null, null);
    }

    public static ContentPart image(String url) {
        return new ContentPart("image_url", null, new Url(url), null, null);
    }

    public static ContentPart video(String url) {
        return new ContentPart("video_url", null, null, new Url(url), null);
    }

    public static ContentPart audio(String data, String format) {
        return new ContentPart("input_audio", null, null, null, new InputAudio(data, format));
    }

    /** {@code {"url": ...}}: an http(s) URL or a {@code data:} URL. */
    public record Url(String url) {}

    /** {@code {"data": ..., "format": ...}}: data is a URL or a {@code data:;base64,} string. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InputAudio(String data, String format) {}
}
