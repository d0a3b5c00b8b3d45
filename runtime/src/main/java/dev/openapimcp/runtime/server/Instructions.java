package dev.openapimcp.runtime.server;

import dev.openapimcp.model.ToolCatalog;
import dev.openapimcp.model.ToolMode;
import dev.openapimcp.runtime.settings.ServerSettings;

/**
 * The instructions {@code initialize} returns when the server has none of its own ({@link
 * ServerSettings#instructions()}): what the tools are and the advice that holds for any API, to find
 * ids with tools that only read before changing anything.
 */
final class Instructions {

  private Instructions() {}

  /** A few sentences for {@code catalog} served with {@code settings}. */
  static String generic(ToolCatalog catalog, ServerSettings settings) {
    StringBuilder text = new StringBuilder(catalog.serverName())
        .append(" offers the operations of an HTTP API as tools: each call sends one request to the API and returns"
            + " its answer.");
    if (settings.toolMode() == ToolMode.DYNAMIC) {
      text.append(" Find operations with search_operations, read their arguments with describe_operation and call"
          + " them with invoke_operation.");
    }
    text.append(settings.readOnly()
        ? " This server runs read-only: only operations that only read are available."
        : " Start with tools that only read (readOnlyHint) to find ids and check what exists before changing"
            + " anything.");
    return text.toString();
  }
}
