package dev.openapimcp.runtime.internal.tool;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Answers one tool call: the seam between the protocol lanes and transports above and the call path
 * below. Every transport and protocol serves tools through this interface alone.
 *
 * <p>An operation's handler sends its request without waiting and completes the future on the
 * thread the API's answer arrived on (the HTTP client's); the memory budget's account is the one
 * current on the caller's thread when the call started. A caller composes on the future (as the SDK
 * specifications and {@code CallLimiter} do) rather than reading it at once.
 */
@FunctionalInterface
public interface ToolHandler {

  /**
   * @param arguments the call's arguments ({@code null} means none)
   * @param context what the request that carried the call brings besides its arguments
   * @return the result; the future never completes exceptionally (a failure is an {@code isError}
   *     result, since the SDK would turn an exception into a JSON-RPC error the model cannot read)
   */
  CompletableFuture<CallToolResult> call(Map<String, Object> arguments, CallContext context);
}
