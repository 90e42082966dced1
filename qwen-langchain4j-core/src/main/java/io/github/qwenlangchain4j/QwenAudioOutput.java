package io.github.qwenlangchain4j;

import java.util.Objects;

/**
 * How a Qwen-Omni model speaks its answer: the {@code audio: {"voice": ..., "format": ...}} of a request, sent with
 * {@code modalities: ["text", "audio"]} (Model Studio, Qwen-Omni). Voices depend on the model ({@code Cherry},
 * {@code Ethan}, {@code Serena}, {@code Chelsie} on every Omni model; Qwen3-Omni has more); Qwen checks the name.
 * The only format Qwen-Omni takes is {@code wav}.
 */
public final class QwenAudioOutput {

    /** The format Qwen-Omni speaks in: {@code wav} (16-bit PCM samples, 24 kHz, mono; see {@link QwenAudio}). */
    public static final String WAV = "wav";

    private final String voice;
    private final String format;

    private QwenAudioOutput(String voice, String format) {
        if (voice == null || voice.isBlank()) {
            throw new IllegalArgumentException("voice must be set, e.g. \"Cherry\"");
        }
        if (format == null || format.isBlank()) {
            throw new IllegalArgumentException("format must be set, e.g. \"wav\"");
        }
        this.voice = voice;
        this.format = format;
    }

    /**
     * A spoken answer in this voice, as {@code wav}.
     *
     * @param voice the voice, e.g. {@code Cherry}
     * @return the options
     * @throws IllegalArgumentException when the voice is null or blank
     */
    public static QwenAudioOutput voice(String voice) {
        return new QwenAudioOutput(voice, WAV);
    }

    /**
     * A spoken answer in this voice and format.
     *
     * @param voice  the voice, e.g. {@code Cherry}
     * @param format the format, e.g. {@code wav}
     * @return the options
     * @throws IllegalArgumentException when either is null or blank
     */
    public static QwenAudioOutput of(String voice, String format) {
        return new QwenAudioOutput(voice, format);
    }

    /**
     * The voice ({@code audio.voice}).
     *
     * @return the voice
     */
    public String voice() {
        return voice;
    }

    /**
     * The format ({@code audio.format}).
     *
     * @return the format
     */
    public String format() {
        return format;
    }

    @Override
    public boolean equals(Object o) {
        return this == o
                || (o instanceof QwenAudioOutput that && voice.equals(that.voice) && format.equals(that.format));
    }

    @Override
    public int hashCode() {
        return Objects.hash(voice, format);
    }

    @Override
    public String toString() {
        return "QwenAudioOutput{voice=" + voice + ", format=" + format + '}';
    }
}
