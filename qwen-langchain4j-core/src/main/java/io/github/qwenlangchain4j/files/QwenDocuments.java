package io.github.qwenlangchain4j.files;

import dev.langchain4j.data.message.SystemMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * References to documents uploaded for Qwen-Long and Qwen-Doc ({@link QwenFiles#uploadDocument}): a system message
 * {@code fileid://<id>[,<id>...]} that Qwen replaces with the documents' text (Model Studio, "Long context
 * (Qwen-Long)"). Put it after your first system message; the chat models keep it as a system message of its own, in
 * place, as Qwen requires.
 *
 * <pre>{@code
 * QwenFile report = files.awaitProcessed(files.uploadDocument(Path.of("report.pdf")).id(), Duration.ofMinutes(2));
 * ChatResponse answer = qwenLong.chat(SystemMessage.from("You are a helpful assistant."),
 *         QwenDocuments.reference(report), UserMessage.from("What does the report conclude?"));
 * }</pre>
 */
public final class QwenDocuments {

    /** Qwen's limit of documents per request ("Too many files provided."). */
    public static final int MAX_DOCUMENTS = 100;

    private static final String SCHEME = "fileid://";

    private QwenDocuments() {}

    /**
     * A system message that references processed documents.
     *
     * @param files the documents, as {@link QwenFiles#awaitProcessed} returned them
     * @return {@code fileid://<id>,<id>...}
     * @throws QwenFileProcessingException when a document is not processed (yet), since Qwen would refuse the chat
     * @throws IllegalArgumentException    when there is no document, more than {@value #MAX_DOCUMENTS}, or one is not
     *                                     a {@code file-extract} file
     */
    public static SystemMessage reference(QwenFile... files) {
        if (files == null || files.length == 0) {
            throw new IllegalArgumentException("reference at least one document");
        }
        List<String> ids = new ArrayList<>(files.length);
        for (QwenFile file : files) {
            if (file == null) {
                throw new IllegalArgumentException("files must not contain null");
            }
            if (!QwenFiles.PURPOSE_FILE_EXTRACT.equals(file.purpose())) {
                throw new IllegalArgumentException("The file " + file.id() + " has purpose " + file.purpose()
                        + "; Qwen-Long reads only files uploaded with purpose file-extract (QwenFiles.uploadDocument)");
            }
            if (file.hasFailed()) {
                throw QwenFileProcessingException.failed(file);
            }
            if (!file.isProcessed()) {
                throw QwenFileProcessingException.notProcessed(
                        file,
                        "; Qwen would refuse the chat (\"File parsing in"
                                + " progress\"). Wait with QwenFiles.awaitProcessed first.");
            }
            ids.add(file.id());
        }
        return reference(ids);
    }

    /**
     * A system message that references documents by id.
     *
     * @param fileIds the ids, e.g. {@code file-fe-...}
     * @return {@code fileid://<id>,<id>...}
     * @throws IllegalArgumentException when there is no id, more than {@value #MAX_DOCUMENTS}, or an id is blank or
     *                                  contains a comma or white space
     */
    public static SystemMessage reference(String... fileIds) {
        return reference(fileIds == null ? List.of() : List.of(fileIds));
    }

    /**
     * A system message that references documents by id.
     *
     * @param fileIds the ids, e.g. {@code file-fe-...}
     * @return {@code fileid://<id>,<id>...}
     * @throws IllegalArgumentException when there is no id, more than {@value #MAX_DOCUMENTS}, or an id is blank or
     *                                  contains a comma or white space
     */
    public static SystemMessage reference(List<String> fileIds) {
        if (fileIds == null || fileIds.isEmpty()) {
            throw new IllegalArgumentException("reference at least one document");
        }
        if (fileIds.size() > MAX_DOCUMENTS) {
            throw new IllegalArgumentException("Qwen takes at most " + MAX_DOCUMENTS + " documents per request, but "
                    + fileIds.size() + " were given");
        }
        for (String id : fileIds) {
            if (id == null || id.isBlank() || id.contains(",") || !id.strip().equals(id) || id.contains(" ")) {
                throw new IllegalArgumentException("invalid file id '" + id + "'");
            }
        }
        return SystemMessage.from(SCHEME + String.join(",", fileIds));
    }
}
