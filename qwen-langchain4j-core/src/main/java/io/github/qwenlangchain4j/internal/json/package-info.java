/**
 * JSON of the wire types: {@link io.github.qwenlangchain4j.internal.json.Json#MAPPER}, a Jackson databind mapper,
 * reads and writes all of them from the records' annotations. Internal: may change in any release.
 */
package io.github.qwenlangchain4j.internal.json;
