/**
 * Tools offered as MCP resources too (the generation option {@code resources}): {@link
 * dev.openapimcp.runtime.internal.resource.ToolResources} lists them and reads a URI by calling the
 * tool's {@link dev.openapimcp.runtime.internal.tool.ToolHandler}, the same call path as {@code
 * tools/call} (rate limit, retries, credentials, read-only mode); each protocol lane turns what it
 * reads into its own answers and error codes.
 */
package dev.openapimcp.runtime.internal.resource;
