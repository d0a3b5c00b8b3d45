/**
 * The lint checks: what strict MCP clients and models trip over in a spec's tools, read from both
 * the converted tools and swagger-parser's model.
 */
package dev.openapimcp.generator.internal.lint;
