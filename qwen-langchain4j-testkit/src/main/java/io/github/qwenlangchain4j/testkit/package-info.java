/**
 * {@link io.github.qwenlangchain4j.testkit.QwenMockServer}: an offline stand-in for Qwen's compatible-mode API, for
 * tests, samples and benchmarks.
 */
package io.github.qwenlangchain4j.testkit;
