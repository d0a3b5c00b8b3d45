/**
 * The generator's public API: {@link dev.openapimcp.generator.GenerationTool} turns an OpenAPI
 * description into Java sources, the same way for the Maven plugin and the command line.
 */
package dev.openapimcp.generator;
