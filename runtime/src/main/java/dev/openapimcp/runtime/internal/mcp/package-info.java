/**
 * The bridge to the MCP Java SDK: tool definitions become SDK tool specifications (for session-based
 * and stateless servers), each backed by a {@link
 * dev.openapimcp.runtime.internal.call.ToolCallHandler}; headers one HTTP request brings along (a
 * passed-through token) reach that request's call through the SDK's transport context ({@link
 * dev.openapimcp.runtime.internal.mcp.PerRequestHeaders}); and the stdio transport reports when its
 * session ends so the process can exit.
 */
package dev.openapimcp.runtime.internal.mcp;
