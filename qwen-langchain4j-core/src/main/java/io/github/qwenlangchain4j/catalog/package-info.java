/**
 * The models Model Studio serves, for LangChain4j's {@code ModelCatalog}:
 * {@link io.github.qwenlangchain4j.catalog.QwenModelCatalog} lists them through the "List models" API
 * ({@code GET /api/v1/models}) with their kind, token limits, author and release date.
 */
package io.github.qwenlangchain4j.catalog;
