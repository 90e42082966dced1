/**
 * Model Studio's model list ({@code GET /api/v1/models}, the "List models" API reference): its wire records and
 * their mapping to LangChain4j's {@code ModelDescription}. Internal: not part of the public API and may change in any
 * release.
 */
package io.github.qwenlangchain4j.internal.catalog;
