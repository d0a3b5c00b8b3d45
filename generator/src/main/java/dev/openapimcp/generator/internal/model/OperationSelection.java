package dev.openapimcp.generator.internal.model;

import dev.openapimcp.generator.OperationFilter;
import dev.openapimcp.generator.internal.spec.LoadedSpec;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which operations become tools, in the spec's order: not those {@code x-mcp: false} leaves out
 * (on the operation, its path item or the root), not deprecated ones unless asked for, and only
 * those the user's filter accepts.
 */
final class OperationSelection {

  private OperationSelection() {}

  static List<OperationRef> select(LoadedSpec spec, OperationFilter filter, McpExtension extension) {
    OpenAPI openApi = spec.openApi();
    List<OperationRef> result = new ArrayList<>();
    if (openApi.getPaths() == null || McpExtension.excludes(openApi.getExtensions())) {
      return result;
    }
    for (Map.Entry<String, PathItem> entry : openApi.getPaths().entrySet()) {
      PathItem item = entry.getValue();
      if (item == null || McpExtension.excludes(item.getExtensions())) {
        continue;
      }
      for (Map.Entry<PathItem.HttpMethod, Operation> byMethod : inDocumentOrder(spec, entry.getKey(), item)) {
        Operation operation = byMethod.getValue();
        if (McpExtension.excludes(operation.getExtensions())
            || (Boolean.TRUE.equals(operation.getDeprecated()) && !filter.includeDeprecated())
            || !filter.accepts(byMethod.getKey().name(), entry.getKey(), operation.getOperationId(),
                operation.getTags())) {
          continue;
        }
        result.add(new OperationRef(entry.getKey(), byMethod.getKey().name(), item, operation,
            extension.of(operation.getExtensions())));
      }
    }
    return result;
  }

  /** swagger-parser's model forgets the order of a path item's methods; users expect the spec's. */
  private static List<Map.Entry<PathItem.HttpMethod, Operation>> inDocumentOrder(LoadedSpec spec, String path,
      PathItem item) {
    List<Map.Entry<PathItem.HttpMethod, Operation>> operations = new ArrayList<>(item.readOperationsMap().entrySet());
    List<String> order = spec.methodOrder().getOrDefault(path, List.of());
    operations.sort(Comparator.comparingInt(e -> {
      int index = order.indexOf(e.getKey().name().toLowerCase(Locale.ROOT));
      return index < 0 ? Integer.MAX_VALUE : index;
    }));
    return operations;
  }
}
