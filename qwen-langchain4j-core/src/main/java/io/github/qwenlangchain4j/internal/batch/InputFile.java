package io.github.qwenlangchain4j.internal.batch;

import io.github.qwenlangchain4j.files.QwenFile;
import io.github.qwenlangchain4j.files.QwenFiles;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One batch input file while a job is submitted: its JSONL lines in memory while the whole job fits in a small
 * {@link Budget}, otherwise in a temporary file, so that a job of a million items never holds its input in the heap.
 * Written once, line by line, before anything is uploaded (every line is checked first); then uploaded, and read
 * again from the same bytes if the upload is retried. {@link #close()} deletes the temporary file. Not thread-safe.
 */
final class InputFile implements AutoCloseable {

    /** What the in-memory files of one job may hold together; the file that would exceed it goes to disk. */
    static final class Budget {

        private long left;

        Budget(long bytes) {
            this.left = bytes;
        }

        boolean take(long bytes) {
            if (bytes > left) {
                return false;
            }
            left -= bytes;
            return true;
        }

        void giveBack(long bytes) {
            left += bytes;
        }
    }

    private final String model;
    private final Budget budget;
    private final Path directory;
    private ByteArrayOutputStream memory = new ByteArrayOutputStream();
    private Path path;
    private OutputStream disk;
    private long size;
    private int lines;

    InputFile(String model, Budget budget, Path directory) {
        this.model = model;
        this.budget = budget;
        this.directory = directory;
    }

    String model() {
        return model;
    }

    /** The bytes written so far, line breaks included. */
    long size() {
        return size;
    }

    int lines() {
        return lines;
    }

    /** Whether the content went to a temporary file. */
    boolean onDisk() {
        return path != null;
    }

    /** Appends one line: {@code json} and a line break. */
    void append(byte[] json) {
        long length = json.length + 1L;
        try {
            if (disk == null && !budget.take(length)) {
                spill();
            }
            OutputStream out = disk != null ? disk : memory;
            out.write(json);
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the batch input file " + path + ": " + e.getMessage(), e);
        }
        size += length;
        lines++;
    }

    /** Moves what is in memory to a new temporary file, where the rest of the lines go too. */
    private void spill() throws IOException {
        try {
            path = directory == null
                    ? Files.createTempFile("qwen-langchain4j-batch-", ".jsonl")
                    : Files.createTempFile(directory, "qwen-langchain4j-batch-", ".jsonl");
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Could not create a temporary file for a batch input file larger than fits"
                            + " in memory, in " + (directory != null ? directory : System.getProperty("java.io.tmpdir"))
                            + ": " + e.getMessage(),
                    e);
        }
        disk = new BufferedOutputStream(Files.newOutputStream(path), 64 * 1024);
        memory.writeTo(disk);
        budget.giveBack(memory.size());
        memory = null;
    }

    /** Ends writing: flushes the temporary file, if there is one. */
    void finish() {
        if (disk != null) {
            try {
                disk.close();
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "Could not write the batch input file " + path + ": " + e.getMessage(), e);
            }
            disk = null;
        }
    }

    /** Uploads the content under {@code filename}: from memory, or streamed from the temporary file. */
    QwenFile upload(QwenFiles files, String filename) {
        finish();
        return path != null ? files.upload(filename, path) : files.upload(filename, memory.toByteArray());
    }

    /** Releases the memory and deletes the temporary file; may be called more than once. */
    @Override
    public void close() {
        if (disk != null) {
            try {
                disk.close();
            } catch (IOException e) {
                // deleted next anyway
            }
            disk = null;
        }
        if (path != null) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                // a temporary file; nothing else to do
            }
        }
        if (memory != null) {
            budget.giveBack(memory.size());
            memory = null;
        }
    }
}
