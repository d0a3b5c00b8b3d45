package dev.openapimcp.runtime.internal.request;

import dev.openapimcp.model.HttpBinding;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which header value wins when several sources name the same header (names compare ignoring
 * case), lowest first: the default {@code Accept}, the environment, the operation's fixed headers,
 * then header arguments of the call.
 *
 * <p>Fixed headers beat the environment because they carry what the operation was written
 * against: a {@code Notion-Version} pinned in {@code OPENAPI_MCP_HEADERS} must not break the
 * operations that need a newer version.
 */
public final class HeaderPrecedence {

  private static final Map<String, String> DEFAULTS = Map.of("Accept", "application/json");

  private HeaderPrecedence() {}

  /** The merged headers, in the order each was last set, spelled as the winning source spells them. */
  static Map<String, String> merge(
      Map<String, String> environment, Map<String, String> fixed, Map<String, String> arguments) {
    Map<String, String> merged = new LinkedHashMap<>();
    DEFAULTS.forEach((name, value) -> put(merged, name, value));
    environment.forEach((name, value) -> put(merged, name, value));
    fixed.forEach((name, value) -> put(merged, name, value));
    arguments.forEach((name, value) -> put(merged, name, value));
    return merged;
  }

  /** Sets {@code name} to {@code value}, replacing a header of the same name in any case. */
  static void put(Map<String, String> headers, String name, String value) {
    remove(headers, name);
    headers.put(name, value);
  }

  /** Removes header {@code name} in any case. */
  static void remove(Map<String, String> headers, String name) {
    for (Iterator<String> names = headers.keySet().iterator(); names.hasNext(); ) {
      if (names.next().equalsIgnoreCase(name)) {
        names.remove();
      }
    }
  }

  /**
   * Names of environment headers that some operation overrides with a different fixed value, in the
   * environment's spelling, sorted. The server warns once per name at start.
   */
  public static Set<String> overriddenByOperations(
      Map<String, String> environment, Collection<HttpBinding> bindings) {
    Set<String> overridden = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    for (Map.Entry<String, String> header : environment.entrySet()) {
      for (HttpBinding binding : bindings) {
        for (Map.Entry<String, String> fixed : binding.fixedHeaders().entrySet()) {
          if (fixed.getKey().equalsIgnoreCase(header.getKey()) && !fixed.getValue().equals(header.getValue())) {
            overridden.add(header.getKey());
          }
        }
      }
    }
    return overridden;
  }
}
