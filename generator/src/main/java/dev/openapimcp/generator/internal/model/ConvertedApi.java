package dev.openapimcp.generator.internal.model;

import dev.openapimcp.runtime.tool.ToolCatalog;
import dev.openapimcp.runtime.tool.ToolDefinition;
import java.util.List;

/**
 * A spec turned into tools, with what the emitter needs beyond the runtime's catalog.
 *
 * @param apiName short API name ({@code Notion}); class names and the token variable derive from it
 * @param catalog the tools as the runtime serves them
 * @param tools each tool with its source operation, in catalog order
 */
public record ConvertedApi(String apiName, ToolCatalog catalog, List<ConvertedTool> tools) {

  public ConvertedApi {
    tools = List.copyOf(tools);
  }

  /**
   * One tool and where it came from.
   *
   * @param definition the tool
   * @param operationId the operation's id, or {@code null}
   * @param tag the operation's first tag, or {@code null}
   * @param method HTTP method
   * @param path path template
   */
  public record ConvertedTool(ToolDefinition definition, String operationId, String tag, String method, String path) {}
}
