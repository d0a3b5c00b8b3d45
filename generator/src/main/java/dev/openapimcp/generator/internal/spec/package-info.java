/**
 * Step 1 of the pipeline: read an OpenAPI description (3.0, 3.1 or Swagger 2.0; JSON or YAML; file
 * or URL) with swagger-parser and decide which of its complaints stop the build.
 */
package dev.openapimcp.generator.internal.spec;
