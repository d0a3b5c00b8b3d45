/**
 * The bridge to the MCP Java SDK: tool definitions become SDK tool specifications, each backed by a
 * {@link dev.openapimcp.runtime.internal.call.ToolCallHandler}, and the stdio transport reports when
 * its session ends so the process can exit.
 */
package dev.openapimcp.runtime.internal.mcp;
