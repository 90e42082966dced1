package io.github.qwenlangchain4j.files;

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
     * Qwen could not parse the document ({@code status: "error"}).
     *
     * @param file the file as Qwen reported it, with its {@code status_details}
     * @return the exception, naming the file and Qwen's reason
     */
    public static QwenFileProcessingException failed(QwenFile file) {
        return new QwenFileProcessingException(
                "Qwen could not process the file " + file.id() + " (" + file.filename() + "): "
                        + (file.statusDetails() == null ? "no reason given" : file.statusDetails()),
                file);
    }

    /**
     * The document is not processed yet.
     *
     * @param file  the file as Qwen reported it
     * @param advice what to do about it, ending the message
     * @return the exception, naming the file and its status
     */
    public static QwenFileProcessingException notProcessed(QwenFile file, String advice) {
        return new QwenFileProcessingException(
                "The file " + file.id() + " (" + file.filename() + ") is not processed" + " yet (status "
                        + file.status() + ")" + advice,
                file);
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
