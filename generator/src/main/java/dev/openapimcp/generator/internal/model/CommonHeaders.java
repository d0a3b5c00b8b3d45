package dev.openapimcp.generator.internal.model;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A fact about the whole spec: a header that most operations send with a fixed value
 * (Notion-Version) is also sent by the few that do not declare it, with the most common value:
 * the API expects it everywhere.
 */
final class CommonHeaders {

  private CommonHeaders() {}

  static void apply(List<PendingTool> tools) {
    Map<String, Map<String, Integer>> counts = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    Map<String, String> spelling = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (PendingTool tool : tools) {
      tool.fixedHeaders().forEach((name, value) -> {
        counts.computeIfAbsent(name, k -> new TreeMap<>()).merge(value, 1, Integer::sum);
        spelling.putIfAbsent(name, name);
      });
    }
    counts.forEach((name, values) -> {
      int declaring = values.values().stream().mapToInt(Integer::intValue).sum();
      if (declaring * 2 <= tools.size()) {
        return;
      }
      String common = values.entrySet().stream()
          .max(Map.Entry.<String, Integer>comparingByValue()
              .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
          .orElseThrow().getKey();
      for (PendingTool tool : tools) {
        tool.fixedHeaders().putIfAbsent(spelling.get(name), common);
      }
    });
  }
}
