package dev.openapimcp.model;

/**
 * MCP tool annotations. {@code null} means "not stated", which clients read as the protocol's
 * default (not read-only, destructive, not idempotent, open world).
 */
public record ToolHints(
    Boolean readOnlyHint, Boolean destructiveHint, Boolean idempotentHint, Boolean openWorldHint) {

  /** No hints at all. */
  public static final ToolHints NONE = new ToolHints(null, null, null, null);

  /** Reads only (GET, HEAD): safe to call freely. */
  public static ToolHints readOnly() {
    return new ToolHints(true, null, null, null);
  }

  /** Changes data but does not destroy it (POST, PATCH). */
  public static ToolHints writes() {
    return new ToolHints(false, false, null, null);
  }

  /** Replaces data; repeating the call has no further effect (PUT). */
  public static ToolHints idempotentWrite() {
    return new ToolHints(false, false, true, null);
  }

  /** Deletes data; repeating the call has no further effect (DELETE). */
  public static ToolHints destructive() {
    return new ToolHints(false, true, true, null);
  }
}
