package dev.openapimcp.generator.internal.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openapimcp.generator.GenerationException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A tool's input schema under construction: one flat object whose properties are the operation's
 * parameters, then its body's properties (or the whole body), and the component schemas they
 * reference.
 */
final class ToolInput {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final ObjectNode properties = NODES.objectNode();
  private final Set<String> required = new LinkedHashSet<>();
  /** Component schemas referenced directly, each with the pointer of its first {@code $ref}. */
  private final Map<String, String> refs = new LinkedHashMap<>();

  /** Where the properties' schemas record the components they reference. */
  Map<String, String> refs() {
    return refs;
  }

  /**
   * A property name for {@code wanted}, valid for strict clients ({@link ArgumentNames}).
   * Parameters come first, then body properties; a later clash is renamed to
   * {@code <location>_<name>} so no value is lost.
   */
  String freeName(String wanted, String location) {
    String name = ArgumentNames.clean(wanted);
    if (!properties.has(name)) {
      return name;
    }
    String prefixed = ArgumentNames.clean(location + "_" + wanted);
    name = prefixed;
    for (int i = 2; properties.has(name); i++) {
      name = ArgumentNames.fit(prefixed + "_" + i, prefixed + "_" + i);
    }
    return name;
  }

  void add(String property, JsonNode schema, boolean isRequired) {
    properties.set(property, schema);
    if (isRequired) {
      required.add(property);
    }
  }

  /**
   * The input schema without its {@code $defs}, and the definitions its properties reference; each
   * definition they reach is normalised and checked here.
   */
  SchemaParts schema(ComponentSchemas components) throws GenerationException {
    ObjectNode input = NODES.objectNode();
    input.put("type", "object");
    input.set("properties", properties);
    if (!required.isEmpty()) {
      ArrayNode list = input.putArray("required");
      required.forEach(list::add);
    }
    components.closure(refs);
    return new SchemaParts(input.toString(), List.copyOf(refs.keySet()));
  }

  /** {@code schema} with {@code description} first, so it reads naturally in tool listings. */
  static JsonNode withDescription(JsonNode schema, String description) {
    if (description == null || description.isBlank() || !schema.isObject()) {
      return schema;
    }
    ObjectNode copy = ((ObjectNode) schema).deepCopy();
    ObjectNode ordered = NODES.objectNode();
    ordered.put("description", description.strip());
    copy.remove("description");
    ordered.setAll(copy);
    return ordered;
  }
}
