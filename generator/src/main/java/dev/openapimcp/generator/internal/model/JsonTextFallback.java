package dev.openapimcp.generator.internal.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openapimcp.generator.GenerationException;
import java.util.Set;

/**
 * Lets a top-level object or array argument also arrive as JSON text. Some clients (Claude Desktop,
 * Cursor) send {@code "{\"a\":1}"} instead of {@code {"a":1}}; the npm server accepts both, and a
 * client that validates against the schema must not reject it. The string branch is marked with
 * {@code contentMediaType: application/json} so the runtime knows to decode it, and the value is
 * validated as the structured schema after decoding.
 */
final class JsonTextFallback {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Set<String> STRUCTURED = Set.of("object", "array", "null");
  private static final int MAX_REF_DEPTH = 16;
  /**
   * Schemas looked at for one argument: unions whose branches each reference the next union four
   * times are 4^16 looks within the depth limit.
   */
  private static final int MAX_VISITS = 10_000;

  private final ComponentSchemas components;
  private int visits;

  JsonTextFallback(ComponentSchemas components) {
    this.components = components;
  }

  /** {@code schema}, or {@code anyOf: [schema, JSON text]} when it only accepts objects or arrays. */
  JsonNode wrap(JsonNode schema, String pointer) throws GenerationException {
    visits = 0;
    if (!schema.isObject() || !structuredOnly(schema, pointer, 0)) {
      return schema;
    }
    ObjectNode copy = ((ObjectNode) schema).deepCopy();
    ObjectNode wrapper = NODES.objectNode();
    // The description stays on top, where clients show it.
    JsonNode description = copy.remove("description");
    if (description != null) {
      wrapper.set("description", description);
    }
    wrapper.putArray("anyOf").add(copy)
        .add(NODES.objectNode().put("type", "string").put("contentMediaType", "application/json"));
    return wrapper;
  }

  /** Whether every value {@code schema} accepts is an object or an array (or null). */
  private boolean structuredOnly(JsonNode schema, String pointer, int depth) throws GenerationException {
    if (!schema.isObject() || depth > MAX_REF_DEPTH || ++visits > MAX_VISITS) {
      return false;
    }
    JsonNode ref = schema.get("$ref");
    if (ref != null) {
      String target = ref.asText();
      if (!target.startsWith(SchemaNormalizer.DEFS_PREFIX) || target.indexOf('/', 8) >= 0) {
        return false;
      }
      String name = SchemaNormalizer.unescape(target.substring(SchemaNormalizer.DEFS_PREFIX.length()));
      return structuredOnly(components.get(name, pointer + "/$ref"), pointer, depth + 1);
    }
    JsonNode type = schema.get("type");
    if (type != null) {
      if (type.isTextual()) {
        return STRUCTURED.contains(type.asText()) && !type.asText().equals("null");
      }
      boolean any = false;
      for (JsonNode t : type) {
        if (!STRUCTURED.contains(t.asText())) {
          return false;
        }
        any |= !t.asText().equals("null");
      }
      return any;
    }
    for (String union : new String[] {"anyOf", "oneOf"}) {
      JsonNode branches = schema.get(union);
      if (branches != null && branches.isArray() && !branches.isEmpty()) {
        for (int i = 0; i < branches.size(); i++) {
          JsonNode branch = branches.get(i);
          if (!structuredOnly(branch, pointer + "/" + union + "/" + i, depth + 1) && !isNullOnly(branch)) {
            return false;
          }
        }
        return true;
      }
    }
    JsonNode all = schema.get("allOf");
    if (all != null && all.isArray()) {
      for (int i = 0; i < all.size(); i++) {
        if (structuredOnly(all.get(i), pointer + "/allOf/" + i, depth + 1)) {
          return true;
        }
      }
    }
    return schema.has("properties") || schema.has("items");
  }

  private static boolean isNullOnly(JsonNode schema) {
    return schema.isObject() && "null".equals(schema.path("type").asText());
  }
}
