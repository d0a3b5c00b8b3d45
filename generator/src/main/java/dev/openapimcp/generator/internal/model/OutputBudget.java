package dev.openapimcp.generator.internal.model;

import dev.openapimcp.generator.ToolListSize;
import dev.openapimcp.model.ToolCatalog;
import dev.openapimcp.model.ToolDefinition;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Output schemas only while the {@code tools/list} they join fits a model's context ({@link
 * ToolListSize#DISCOVERY_THRESHOLD_BYTES}): they help a model read answers, but a list too large to
 * send whole helps no one, and a spec's responses are often larger than its requests.
 */
final class OutputBudget {

  /** What lint calls the list as a whole. */
  static final String TOOLS_LIST = "(tools/list)";

  /**
   * Output schemas this many times larger than the budget on their own are left out without being
   * written out whole: Microsoft Graph beta's come to 930 MB, whose text and measuring took most of
   * its conversion. The margin covers the difference between this estimate and the list as sent.
   */
  private static final long CERTAINLY_TOO_LARGE = 2L * ToolListSize.DISCOVERY_THRESHOLD_BYTES;

  private OutputBudget() {}

  /**
   * Whether the output schemas of {@code tools} may fit in the budget ({@link #fit} then decides on the
   * list itself): false, with a remark, when they alone certainly do not. {@code servable} says of each
   * tool in turn whether its output schema can be served at all (one that cannot is not counted), until
   * they certainly do not fit: the rest are not asked about.
   */
  static boolean mayFit(List<PendingTool> tools, Map<String, SchemaParts> definitions,
      List<ConvertedApi.Remark> remarks, Predicate<PendingTool> servable) {
    Map<String, Long> entryBytes = new HashMap<>();
    long total = 0;
    long withOutput = 0;
    for (PendingTool tool : tools) {
      SchemaParts output = tool.output();
      if (output == null) {
        continue;
      }
      if (total <= CERTAINLY_TOO_LARGE) {
        if (!servable.test(tool)) {
          continue;
        }
        total += bytes(output, definitions, entryBytes);
      }
      withOutput++;
    }
    if (total <= CERTAINLY_TOO_LARGE) {
      return true;
    }
    remarks.add(new ConvertedApi.Remark(TOOLS_LIST, "", "", "the output schemas of " + withOutput + " tools are left"
        + " out: they alone would make tools/list more than " + total + " bytes, more than the "
        + ToolListSize.DISCOVERY_THRESHOLD_BYTES + " bytes that fit a model's context", false));
    return false;
  }

  /** About the bytes of {@code schema} made whole: its root, and each definition it reaches once. */
  private static long bytes(SchemaParts schema, Map<String, SchemaParts> definitions, Map<String, Long> entryBytes) {
    long bytes = utf8(schema.root());
    Set<String> reached = new HashSet<>();
    Deque<String> pending = new ArrayDeque<>(schema.refs());
    while (!pending.isEmpty()) {
      String name = pending.pop();
      if (reached.add(name)) {
        SchemaParts definition = definitions.get(name);
        bytes += entryBytes.computeIfAbsent(name, n -> utf8(n) + 4 + utf8(definition.root()));
        pending.addAll(definition.refs());
      }
    }
    return bytes + (reached.isEmpty() ? 0 : "\"$defs\":{}".length());
  }

  private static long utf8(String text) {
    long bytes = text.length();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      bytes += c < 0x80 ? 0 : c < 0x800 || Character.isSurrogate(c) ? 1 : 2;
    }
    return bytes;
  }

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
