package dev.openapimcp.runtime.internal.tool;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.concurrent.CompletableFuture;

/** The results every layer answers with when it, not the API, has the last word. */
public final class ToolResults {

  private ToolResults() {}

  /** An error result with {@code text}, for the model to read. */
  public static CallToolResult error(String text) {
    return CallToolResult.builder().addTextContent(text).isError(true).build();
  }

  /** {@link #error(String)}, as a handler returns it. */
  public static CompletableFuture<CallToolResult> failed(String text) {
    return CompletableFuture.completedFuture(error(text));
  }
}
