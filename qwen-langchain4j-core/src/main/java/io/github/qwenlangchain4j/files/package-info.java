/**
 * Qwen's File API: {@link io.github.qwenlangchain4j.files.QwenFiles} uploads, lists, reads and deletes files, for
 * batches (purpose {@code batch}) and for Qwen-Long documents (purpose {@code file-extract}, with
 * {@link io.github.qwenlangchain4j.files.QwenFiles#awaitProcessed awaitProcessed}); {@link
 * io.github.qwenlangchain4j.files.QwenDocuments} turns processed documents into the system message Qwen-Long reads.
 */
package io.github.qwenlangchain4j.files;
