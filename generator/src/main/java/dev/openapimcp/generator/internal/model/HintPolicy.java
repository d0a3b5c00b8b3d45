package dev.openapimcp.generator.internal.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openapimcp.model.ToolHints;

/**
 * A tool's hints: GET, HEAD and OPTIONS read only, DELETE destructive, PUT an idempotent write,
 * other methods writes; {@code x-mcp} hints override them.
 */
final class HintPolicy {

  private HintPolicy() {}

  static ToolHints hints(String method, JsonNode extension) {
    ToolHints base = switch (method) {
      case "GET", "HEAD", "OPTIONS" -> ToolHints.readOnly();
      case "DELETE" -> ToolHints.destructive();
      case "PUT" -> ToolHints.idempotentWrite();
      default -> ToolHints.writes();
    };
    Boolean readOnly = flag(extension, "readOnlyHint", base.readOnlyHint());
    boolean declaredReadOnly = Boolean.TRUE.equals(readOnly) && !Boolean.TRUE.equals(base.readOnlyHint());
    // A read-only override makes the write-only hints meaningless (MCP ignores them when read-only).
    Boolean destructive = flag(extension, "destructiveHint", declaredReadOnly ? null : base.destructiveHint());
    Boolean idempotent = flag(extension, "idempotentHint", declaredReadOnly ? null : base.idempotentHint());
    Boolean openWorld = flag(extension, "openWorldHint", base.openWorldHint());
    return new ToolHints(readOnly, destructive, idempotent, openWorld);
  }

  private static Boolean flag(JsonNode extension, String name, Boolean fallback) {
    JsonNode value = extension.get(name);
    return value != null && value.isBoolean() ? Boolean.valueOf(value.booleanValue()) : fallback;
  }
}
