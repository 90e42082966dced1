package io.github.qwenlangchain4j.batch;

/**
 * A document uploaded for Qwen-Long ({@code file-extract}) that Qwen could not use: its parsing failed (status
 * {@code error}, with Qwen's reason in {@link QwenFile#statusDetails()}), or it was still not processed when the
 * wait ended. {@link #file()} is the file as Qwen last reported it.
 */
public class QwenFileProcessingException extends RuntimeException {

    private final transient QwenFile file;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, naming the file
     * @param file    the file as Qwen last reported it
     */
    public QwenFileProcessingException(String message, QwenFile file) {
        super(message);
        this.file = file;
    }

    /**
     * The file as Qwen last reported it: its status and, when parsing failed, the reason.
     *
     * @return the file
     */
    public QwenFile file() {
        return file;
    }
}
