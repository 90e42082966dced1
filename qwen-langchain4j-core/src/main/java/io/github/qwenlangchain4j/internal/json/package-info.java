/**
 * JSON of the wire types. {@link io.github.qwenlangchain4j.internal.json.Json#MAPPER} is the Jackson databind
 * mapper, built on first use; {@link io.github.qwenlangchain4j.internal.json.WireJson} writes chat requests and
 * reads chat completions with Jackson's streaming API alone, so that a program's first call does not pay for
 * databind (its ~500 classes, and the reflection over every record). Internal: may change in any release.
 */
package io.github.qwenlangchain4j.internal.json;
