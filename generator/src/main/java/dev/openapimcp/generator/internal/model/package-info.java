/**
 * Step 2 of the pipeline: turn swagger-parser's model into tool definitions. Schemas are normalised
 * to JSON Schema 2020-12 here, each component once; each tool's schemas are kept without their
 * {@code $defs} ({@link dev.openapimcp.generator.internal.model.SchemaParts}) beside the definitions
 * the API's tools reach, and its definition holds them whole, with only the {@code $defs} it reaches.
 */
package dev.openapimcp.generator.internal.model;
