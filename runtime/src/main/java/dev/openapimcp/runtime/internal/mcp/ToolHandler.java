package dev.openapimcp.runtime.internal.mcp;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.Map;

/** Answers one tool call; never throws (the SDK would turn that into a JSON-RPC error). */
@FunctionalInterface
public interface ToolHandler {

  /**
   * @param arguments the call's arguments ({@code null} means none)
   * @param requestHeaders headers of the HTTP request that carried the call (empty over stdio)
   */
  CallToolResult call(Map<String, Object> arguments, Map<String, String> requestHeaders);
}
