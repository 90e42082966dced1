/**
 * Wire types of Qwen's compatible-mode API, as Java records. Internal: not part of the public API and may change
 * in any release. All records serialise in snake_case, skip null fields and ignore unknown properties, because the
 * live API adds fields without notice.
 */
package io.github.qwenlangchain4j.internal.api;
