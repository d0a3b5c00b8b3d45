package dev.openapimcp.generator.internal.model;

import dev.openapimcp.generator.ToolListSize;
import dev.openapimcp.model.ToolCatalog;
import dev.openapimcp.model.ToolDefinition;
import java.util.List;

/**
 * Output schemas only while the {@code tools/list} they join fits a model's context ({@link
 * ToolListSize#DISCOVERY_THRESHOLD_BYTES}): they help a model read answers, but a list too large to
 * send whole helps no one, and a spec's responses are often larger than its requests.
 */
final class OutputBudget {

  /** What lint calls the list as a whole. */
  static final String TOOLS_LIST = "(tools/list)";

  private OutputBudget() {}

  /** {@code catalog}, or when its list is too large with output schemas, the catalog without them (a remark says so). */
  static ToolCatalog fit(ToolCatalog catalog, List<ConvertedApi.Remark> remarks) {
    long withOutput = catalog.tools().stream().filter(tool -> tool.outputSchema() != null).count();
    if (withOutput == 0) {
      return catalog;
    }
    int listBytes = ToolListSize.of(catalog).listBytes();
    if (listBytes <= ToolListSize.DISCOVERY_THRESHOLD_BYTES) {
      return catalog;
    }
    List<ToolDefinition> without = catalog.tools().stream()
        .map(tool -> new ToolDefinition(tool.name(), tool.title(), tool.description(), tool.inputSchema(), null,
            tool.hints(), tool.http(), tool.resource()))
        .toList();
    ToolCatalog smaller = new ToolCatalog(catalog.serverName(), catalog.serverVersion(), catalog.baseUrl(),
        catalog.tokenVariable(), without, catalog.credentials());
    remarks.add(new ConvertedApi.Remark(TOOLS_LIST, "", "", "the output schemas of " + withOutput + " tools are left"
        + " out: with them tools/list is " + listBytes + " bytes, more than the " + ToolListSize.DISCOVERY_THRESHOLD_BYTES
        + " bytes that fit a model's context (without them " + ToolListSize.of(smaller).listBytes() + ")", false));
    return smaller;
  }
}
