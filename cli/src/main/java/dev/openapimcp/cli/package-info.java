/**
 * The {@code openapi-mcp} command line: generate sources, serve a spec without a build, list its
 * tools, call one, and lint a spec for strict MCP clients. Same engine as the Maven plugin.
 */
package dev.openapimcp.cli;
