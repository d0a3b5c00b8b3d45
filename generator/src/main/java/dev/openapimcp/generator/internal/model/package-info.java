/**
 * Step 2 of the pipeline: turn swagger-parser's model into tool definitions. Schemas are normalised
 * to JSON Schema 2020-12 here, and each tool keeps only the {@code $defs} it reaches.
 */
package dev.openapimcp.generator.internal.model;
