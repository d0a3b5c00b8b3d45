package dev.openapimcp.runtime.internal.tool;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Answers one tool call: the seam between the protocol lanes and transports above and the call path
 * below. Every transport and protocol serves tools through this interface alone.
 *
 * <p>Today every handler runs the call on the caller's thread and returns a completed future: the
 * transports give each call a thread of its own, and the memory budget counts an answer against the
 * account of the thread serving it. A caller must not assume that, though: it composes on the
 * future (as the SDK specifications and {@code CallLimiter} do) rather than reading it at once, so
 * a call path that completes later, on another thread, needs no change above it.
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
