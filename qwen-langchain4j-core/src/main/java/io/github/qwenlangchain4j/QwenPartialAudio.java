package io.github.qwenlangchain4j;

import java.util.Objects;

/**
 * One {@code delta.audio} of a Qwen-Omni stream, decoded: a piece of the spoken answer and/or a piece of its
 * transcript. Pieces arrive in order; put together they are {@link QwenAudio#data()}.
 */
public final class QwenPartialAudio {

    private final byte[] data;
    private final String transcript;
    private final String id;
    private final Long expiresAt;

    /**
     * Creates a piece of audio.
     *
     * @param data       the decoded audio bytes of this piece (copied), empty when it only carries transcript
     * @param transcript the transcript piece, or null
     * @param id         Qwen's id of the audio, or null
     * @param expiresAt  when Qwen forgets the audio (seconds since the epoch), or null
     */
    public QwenPartialAudio(byte[] data, String transcript, String id, Long expiresAt) {
        this.data = Objects.requireNonNull(data, "data").clone();
        this.transcript = transcript;
        this.id = id;
        this.expiresAt = expiresAt;
    }

    /**
     * The decoded audio bytes of this piece (16-bit PCM at 24 kHz, mono, for {@code wav}; see {@link QwenAudio}).
     *
     * @return a copy of the bytes; empty when the piece only carries transcript
     */
    public byte[] data() {
        return data.clone();
    }

    /**
     * The transcript piece ({@code delta.audio.transcript}).
     *
     * @return the piece, or null when it carries none
     */
    public String transcript() {
        return transcript;
    }

    /**
     * Qwen's id of the audio ({@code audio.id}).
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
    public String toString() {
        return "QwenPartialAudio{bytes=" + data.length + ", transcript=" + transcript + ", id=" + id + '}';
    }
}
