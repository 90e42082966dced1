/** Wire types, model limits and the concurrent batch runner of the embedding model. Internal. */
package io.github.qwenlangchain4j.embedding.internal;
