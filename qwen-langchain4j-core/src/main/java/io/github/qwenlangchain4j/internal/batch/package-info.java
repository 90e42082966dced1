/**
 * Wire types of the Batch API and the machinery behind the high-level batch jobs (splitting input into
 * files, joining results). Internal: not part of the public API and may change in any release.
 */
package io.github.qwenlangchain4j.internal.batch;
