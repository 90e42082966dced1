/** Wire types of the File API. Internal: not part of the public API. */
package io.github.qwenlangchain4j.internal.files;
