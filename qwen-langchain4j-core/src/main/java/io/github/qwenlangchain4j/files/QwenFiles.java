package io.github.qwenlangchain4j.files;

import io.github.qwenlangchain4j.QwenConnectionBuilder;
import io.github.qwenlangchain4j.QwenPage;
import io.github.qwenlangchain4j.internal.client.QwenClient;
import io.github.qwenlangchain4j.internal.files.FileDeleted;
import io.github.qwenlangchain4j.internal.files.FileList;
import io.github.qwenlangchain4j.internal.files.FileObject;
import io.github.qwenlangchain4j.internal.mapper.WireValues;
import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Qwen's Files API ({@code /files}): upload batch input files and Qwen-Long documents, look files up, list and delete
 * them, and download the output and error files of batches.
 *
 * <pre>{@code
 * QwenFiles files = QwenFiles.builder().apiKey(System.getenv("DASHSCOPE_API_KEY")).build();
 * QwenFile input = files.upload(Path.of("requests.jsonl"));
 * files.content(batch.outputFileId(), line -> System.out.println(line));
 *
 * QwenFile report = files.awaitProcessed(files.uploadDocument(Path.of("report.pdf")).id(), Duration.ofMinutes(2));
 * chatModel.chat(SystemMessage.from("You are a helpful assistant."), QwenDocuments.reference(report),
 *         UserMessage.from("Summarise the report"));
 * }</pre>
 *
 * <p>Model Studio keeps at most 10,000 files (100 GB) per account and never deletes them by itself: delete input
 * and result files you no longer need. Downloading content works for the files batches write (output and error
 * files); Qwen does not serve back the content of uploaded files. Thread-safe.
 */
public final class QwenFiles {

    /** The purpose of batch input files. */
    public static final String PURPOSE_BATCH = "batch";

    /** The purpose of documents for Qwen-Long and Qwen-Doc ({@code fileid://} references). */
    public static final String PURPOSE_FILE_EXTRACT = "file-extract";

    /** How often {@link #awaitProcessed(String, Duration)} asks Qwen about a document. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);

    private final QwenClient client;

    QwenFiles(QwenClient client) {
        this.client = client;
    }

    /**
     * A builder; only {@link QwenConnectionBuilder#apiKey(String) apiKey} is required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Uploads a JSONL batch input file (purpose {@code batch}), under its own file name.
     *
     * @param file the file to upload; it is streamed from disk, not read into memory
     * @return the uploaded file
     * @throws UncheckedIOException when the file cannot be read
     */
    public QwenFile upload(Path file) {
        return upload(file.getFileName().toString(), file);
    }

    /**
     * Uploads a JSONL batch input file (purpose {@code batch}) under the name {@code filename}, streamed from disk:
     * a file of hundreds of megabytes needs no more memory than a small one. A retry (when the upload cannot have
     * reached Qwen) reads the file again.
     *
     * @param filename the file name Qwen records, e.g. {@code requests.jsonl}
     * @param file     the file to upload
     * @return the uploaded file
     * @throws UncheckedIOException when the file cannot be read
     * @throws NullPointerException when an argument is null
     */
    public QwenFile upload(String filename, Path file) {
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(file, "file");
        if (!Files.isReadable(file) || Files.isDirectory(file)) {
            throw new UncheckedIOException("Could not read " + file, new FileNotFoundException(file.toString()));
        }
        return toFile(client.files()
                .postMultipart(
                        "/files",
                        Map.of("purpose", PURPOSE_BATCH),
                        filename,
                        file,
                        contentType(filename),
                        FileObject.class)
                .body());
    }

    /**
     * Uploads JSONL content as a batch input file (purpose {@code batch}) named {@code filename}.
     *
     * @param filename the file name, e.g. {@code requests.jsonl}
     * @param content  the JSONL content
     * @return the uploaded file
     */
    public QwenFile upload(String filename, byte[] content) {
        return upload(filename, content, PURPOSE_BATCH);
    }

    /**
     * Uploads a file with the given purpose.
     *
     * @param filename the file name; a {@code .jsonl} name is sent as {@code application/jsonl}
     * @param content  the content
     * @param purpose  {@code batch} (see {@link #PURPOSE_BATCH}) or {@code file-extract}
     * @return the uploaded file
     * @throws NullPointerException when an argument is null
     */
    public QwenFile upload(String filename, byte[] content, String purpose) {
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(purpose, "purpose");
        return toFile(client.files()
                .postMultipart(
                        "/files",
                        Map.of("purpose", purpose),
                        filename,
                        content,
                        contentType(filename),
                        FileObject.class)
                .body());
    }

    /**
     * Uploads a document for Qwen-Long (purpose {@code file-extract}: TXT, DOCX, PDF, XLSX, EPUB, MOBI, MD, CSV,
     * JSON, images; at most 150 MB), streamed from disk. Qwen parses it after the upload: wait with
     * {@link #awaitProcessed(String, Duration)} before referencing it ({@code QwenDocuments.reference(file)}).
     *
     * @param file the document
     * @return the uploaded file; its status is {@code uploaded} while Qwen parses it
     * @throws UncheckedIOException when the file cannot be read
     */
    public QwenFile uploadDocument(Path file) {
        Objects.requireNonNull(file, "file");
        if (!Files.isReadable(file) || Files.isDirectory(file)) {
            throw new UncheckedIOException("Could not read " + file, new FileNotFoundException(file.toString()));
        }
        String filename = file.getFileName().toString();
        return toFile(client.files()
                .postMultipart(
                        "/files",
                        Map.of("purpose", PURPOSE_FILE_EXTRACT),
                        filename,
                        file,
                        contentType(filename),
                        FileObject.class)
                .body());
    }

    /**
     * Uploads a document for Qwen-Long (purpose {@code file-extract}) from memory.
     *
     * @param filename the file name; its extension tells Qwen the format, e.g. {@code report.pdf}
     * @param content  the document's bytes
     * @return the uploaded file; its status is {@code uploaded} while Qwen parses it
     */
    public QwenFile uploadDocument(String filename, byte[] content) {
        return upload(filename, content, PURPOSE_FILE_EXTRACT);
    }

    /**
     * Waits until Qwen has parsed a document, asking every {@link #DEFAULT_POLL_INTERVAL}.
     *
     * @param fileId  the document's id, e.g. {@code file-fe-...}
     * @param timeout how long to wait at most
     * @return the file, processed
     * @throws QwenFileProcessingException when parsing failed (with Qwen's reason) or the wait ended first
     */
    public QwenFile awaitProcessed(String fileId, Duration timeout) {
        return awaitProcessed(fileId, timeout, DEFAULT_POLL_INTERVAL);
    }

    /**
     * Waits until Qwen has parsed a document: looks the file up, then again every {@code pollInterval}, until its
     * status is {@code processed}, or {@code error}, or {@code timeout} has passed. Qwen refuses chats that
     * reference a document it is still parsing ("File parsing in progress, please try again later.").
     *
     * @param fileId       the document's id, e.g. {@code file-fe-...}
     * @param timeout      how long to wait at most; zero looks once
     * @param pollInterval the pause between two look-ups
     * @return the file, processed
     * @throws QwenFileProcessingException when parsing failed (with Qwen's reason) or the wait ended first
     * @throws IllegalArgumentException when the id is invalid or a duration is negative
     */
    public QwenFile awaitProcessed(String fileId, Duration timeout, Duration pollInterval) {
        WireValues.requireId(fileId);
        if (timeout == null || timeout.isNegative() || pollInterval == null || pollInterval.isNegative()) {
            throw new IllegalArgumentException("timeout and pollInterval must be zero or positive");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            QwenFile file = retrieve(fileId);
            if (file.isProcessed()) {
                return file;
            }
            if (file.hasFailed()) {
                throw QwenFileProcessingException.failed(file);
            }
            if (System.nanoTime() - deadline >= 0) {
                throw QwenFileProcessingException.notProcessed(
                        file,
                        " after " + timeout + ": Qwen refuses chats" + " that reference it until it is; wait longer");
            }
            try {
                Thread.sleep(pollInterval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new QwenFileProcessingException(
                        "Interrupted while waiting for the file " + fileId + " to be processed (status " + file.status()
                                + ")",
                        file);
            }
        }
    }

    private static String contentType(String filename) {
        return filename.endsWith(".jsonl") ? "application/jsonl" : "application/octet-stream";
    }

    /**
     * Looks a file up by id.
     *
     * @param fileId the file id, e.g. {@code file-batch-...}
     * @return the file as Qwen reports it
     * @throws IllegalArgumentException when the id is null, blank or contains {@code /}
     */
    public QwenFile retrieve(String fileId) {
        return toFile(client.get("/files/" + WireValues.requireId(fileId), null, FileObject.class)
                .body());
    }

    /**
     * The first page of files.
     *
     * @return the first page, of the server's default size
     */
    public QwenPage<QwenFile> list() {
        return list(null, null);
    }

    /**
     * A page of files.
     *
     * @param after the id of the last file of the previous page, or null for the first page
     * @param limit page size, or null for the server's default
     * @return the page
     */
    public QwenPage<QwenFile> list(String after, Integer limit) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("after", after);
        query.put("limit", limit == null ? null : limit.toString());
        FileList page = client.get("/files", query, FileList.class).body();
        List<QwenFile> files = new ArrayList<>();
        if (page.data() != null) {
            page.data().forEach(file -> files.add(toFile(file)));
        }
        String lastId = page.lastId() != null
                ? page.lastId()
                : files.isEmpty() ? null : files.get(files.size() - 1).id();
        String firstId = page.firstId() != null
                ? page.firstId()
                : files.isEmpty() ? null : files.get(0).id();
        return new QwenPage<>(files, firstId, lastId, Boolean.TRUE.equals(page.hasMore()));
    }

    /**
     * Deletes a file.
     *
     * @param fileId the file id
     * @return whether Qwen reports it deleted
     * @throws IllegalArgumentException when the id is null, blank or contains {@code /}
     */
    public boolean delete(String fileId) {
        FileDeleted deleted = client.delete("/files/" + WireValues.requireId(fileId), FileDeleted.class)
                .body();
        return Boolean.TRUE.equals(deleted.deleted());
    }

    /**
     * Downloads a file's content line by line ({@code GET /files/{id}/content}), handing each line to
     * {@code onLine} as it arrives, so that large result files are never held in memory.
     *
     * @param fileId the id of an output or error file of a batch
     * @param onLine called with each line, without its line break, on the calling thread
     * @throws IllegalArgumentException when the id is null, blank or contains {@code /}
     */
    public void content(String fileId, Consumer<String> onLine) {
        client.files().getLines("/files/" + WireValues.requireId(fileId) + "/content", onLine);
    }

    /**
     * Downloads a file's content as a list of lines, held in memory; for large files, see
     * {@link #content(String, Consumer)}.
     *
     * @param fileId the id of an output or error file of a batch
     * @return the lines, without their line breaks
     * @throws IllegalArgumentException when the id is null, blank or contains {@code /}
     */
    public List<String> contentLines(String fileId) {
        List<String> lines = new ArrayList<>();
        content(fileId, lines::add);
        return lines;
    }

    static QwenFile toFile(FileObject file) {
        return new QwenFile(
                file.id(),
                file.bytes() == null ? 0 : file.bytes(),
                WireValues.instant(file.createdAt()),
                file.filename(),
                file.purpose(),
                file.status(),
                file.statusDetails());
    }

    @Override
    public String toString() {
        return "QwenFiles{baseUrl=" + client.baseUrl() + ", apiKey=***}";
    }

    /** Builder of {@link QwenFiles}; see {@link QwenConnectionBuilder} for the settings. */
    public static final class Builder extends QwenConnectionBuilder<QwenFiles, Builder> {

        private Builder() {}

        @Override
        public QwenFiles build() {
            return new QwenFiles(newClient());
        }
    }
}
