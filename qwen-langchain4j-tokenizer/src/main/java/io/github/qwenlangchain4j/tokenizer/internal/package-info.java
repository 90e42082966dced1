/** Qwen's vocabulary and byte-level BPE encoder behind the tokenizer; not API. */
package io.github.qwenlangchain4j.tokenizer.internal;
