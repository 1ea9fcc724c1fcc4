/**
 * JSON trees read and written with Jackson's streaming parser and generator, without an {@code
 * ObjectMapper} on the cold-start path. A library-like package: it depends on the JDK and Jackson
 * only (DependencyRuleTest), so the core's capabilities and the Lambda handlers may both use it.
 */
package dev.frontdoor.json;
