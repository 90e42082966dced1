/** The pieces of the mock server: Qwen's validation rules, reply rendering, word vectors. Internal. */
package io.github.qwenlangchain4j.testkit.internal;
