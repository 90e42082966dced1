package io.github.qwenlangchain4j;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * The spoken answer of a Qwen-Omni model, put together from the stream's {@code delta.audio} pieces: the decoded
 * audio, its format, its transcript and Qwen's id for it.
 *
 * <p>What Qwen sends as {@code wav} is raw 16-bit little-endian PCM, 24 kHz, mono, without a WAV header (Model
 * Studio's Qwen-Omni examples decode it with {@code np.frombuffer(..., dtype=np.int16)} and write it at
 * {@code samplerate=24000}); {@link #wav()} gives it a header so that any player can open it.
 */
public final class QwenAudio {

    /** The sample rate of Qwen-Omni's audio output: 24,000 Hz. */
    public static final int SAMPLE_RATE = 24_000;

    private final byte[] data;
    private final String format;
    private final String transcript;
    private final String id;
    private final Long expiresAt;

    /**
     * Creates the audio of an answer.
     *
     * @param data       the decoded audio bytes (copied)
     * @param format     the requested format, e.g. {@code wav}, or null
     * @param transcript the transcript Qwen sent with the audio, or null when it sent none
     * @param id         Qwen's id of the audio ({@code audio.id}), or null
     * @param expiresAt  when Qwen forgets the audio ({@code audio.expires_at}, seconds since the epoch), or null
     */
    public QwenAudio(byte[] data, String format, String transcript, String id, Long expiresAt) {
        this.data = Objects.requireNonNull(data, "data").clone();
        this.format = format;
        this.transcript = transcript;
        this.id = id;
        this.expiresAt = expiresAt;
    }

    /**
     * The audio bytes as Qwen sent them, base64-decoded.
     *
     * @return a copy of the bytes
     */
    public byte[] data() {
        return data.clone();
    }

    /**
     * The audio as a WAV file: the bytes as they are when they already start with a RIFF header, else the PCM
     * samples behind a 44-byte header (16-bit, {@value #SAMPLE_RATE} Hz, mono).
     *
     * @return the bytes of a WAV file
     */
    public byte[] wav() {
        if (data.length >= 4 && data[0] == 'R' && data[1] == 'I' && data[2] == 'F' && data[3] == 'F') {
            return data.clone();
        }
        ByteBuffer header = ByteBuffer.allocate(44 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        header.put(new byte[] {'R', 'I', 'F', 'F'}).putInt(36 + data.length).put(new byte[] {'W', 'A', 'V', 'E'});
        header.put(new byte[] {'f', 'm', 't', ' '})
                .putInt(16)
                .putShort((short) 1)
                .putShort((short) 1)
                .putInt(SAMPLE_RATE)
                .putInt(SAMPLE_RATE * 2)
                .putShort((short) 2)
                .putShort((short) 16);
        header.put(new byte[] {'d', 'a', 't', 'a'}).putInt(data.length).put(data);
        return header.array();
    }

    /**
     * The format the audio was asked for ({@code audio.format} of the request).
     *
     * @return the format, or null when unknown
     */
    public String format() {
        return format;
    }

    /**
     * What the audio says, when Qwen sent a transcript with it ({@code delta.audio.transcript}); Qwen3-Omni sends
     * the text as {@code content} instead, so this is then null and the text is the answer's text.
     *
     * @return the transcript, or null
     */
    public String transcript() {
        return transcript;
    }

    /**
     * Qwen's id of the audio ({@code audio.id}, e.g. {@code audio_<request id>}).
     *
     * @return the id, or null
     */
    public String id() {
        return id;
    }

    /**
     * When Qwen forgets the audio ({@code audio.expires_at}).
     *
     * @return seconds since the epoch, or null
     */
    public Long expiresAt() {
        return expiresAt;
    }

    @Override
    public boolean equals(Object o) {
        return this == o
                || (o instanceof QwenAudio that
                        && Arrays.equals(data, that.data)
                        && Objects.equals(format, that.format)
                        && Objects.equals(transcript, that.transcript)
                        && Objects.equals(id, that.id)
                        && Objects.equals(expiresAt, that.expiresAt));
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(data), format, transcript, id, expiresAt);
    }

    @Override
    public String toString() {
        return "QwenAudio{bytes=" + data.length + ", format=" + format + ", transcript=" + transcript + ", id=" + id
                + ", expiresAt=" + expiresAt + '}';
    }
}
