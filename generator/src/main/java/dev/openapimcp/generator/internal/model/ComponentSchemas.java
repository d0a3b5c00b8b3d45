package dev.openapimcp.generator.internal.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openapimcp.generator.GenerationException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The spec's component schemas, normalised once each, so every tool can pick the definitions it
 * reaches without normalising them again.
 */
final class ComponentSchemas {

  private record Normalized(JsonNode schema, Map<String, String> refs) {}

  private final Map<String, JsonNode> raw;
  private final SchemaNormalizer normalizer;
  private final Map<String, Normalized> cache = new HashMap<>();

  ComponentSchemas(Map<String, JsonNode> raw, SchemaNormalizer normalizer) {
    this.raw = raw;
    this.normalizer = normalizer;
  }

  /** The normalised schema of component {@code name}. */
  JsonNode get(String name, String referencedFrom) throws GenerationException {
    return normalized(name, referencedFrom).schema();
  }

  /**
   * Every definition reachable from {@code roots}, transitively, sorted by name. Cycles end when
   * a name is already collected, so recursive schemas stay {@code $ref}s.
   */
  ObjectNode reachableDefs(Map<String, String> roots) throws GenerationException {
    Map<String, JsonNode> defs = new TreeMap<>();
    Deque<Map.Entry<String, String>> pending = new ArrayDeque<>(roots.entrySet());
    while (!pending.isEmpty()) {
      Map.Entry<String, String> ref = pending.pop();
      if (defs.containsKey(ref.getKey())) {
        continue;
      }
      Normalized def = normalized(ref.getKey(), ref.getValue());
      defs.put(ref.getKey(), def.schema());
      pending.addAll(def.refs().entrySet());
    }
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    defs.forEach((name, schema) -> out.set(name, schema.deepCopy()));
    return out;
  }

  private Normalized normalized(String name, String referencedFrom) throws GenerationException {
    Normalized found = cache.get(name);
    if (found != null) {
      return found;
    }
    JsonNode schema = raw.get(name);
    if (schema == null) {
      throw new GenerationException(referencedFrom + ": $ref '" + SchemaNormalizer.COMPONENT_PREFIX
          + SchemaNormalizer.escape(name) + "' does not resolve: no such component schema");
    }
    Map<String, String> refs = new LinkedHashMap<>();
    JsonNode normalized = normalizer.normalize(
        schema, "#/components/schemas/" + SchemaNormalizer.escape(name), refs);
    Normalized result = new Normalized(normalized, refs);
    cache.put(name, result);
    return result;
  }
}
