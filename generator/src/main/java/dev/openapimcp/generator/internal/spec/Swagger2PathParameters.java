package dev.openapimcp.generator.internal.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A Swagger 2.0 path's parameters moved into each of its operations before swagger-parser sees the
 * document, an operation's own parameter overriding the path's of the same name and location, as
 * the specification says. swagger-parser's resolver copies them itself but cannot tell the name of
 * one given as a {@code $ref}, so such a path parameter took the place of the operation's own (an
 * {@code Action} enum, a type and a description lost; {@code
 * swagger20OperationParametersOverridePathParametersGivenAsReferences}). The merged list keeps the
 * order OpenAPI 3 paths get from the converter: the path's parameters first, each overridden in its
 * place, then the operation's others.
 */
final class Swagger2PathParameters {

  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch");

  private Swagger2PathParameters() {}

  /** Moves every path's parameters of the Swagger 2.0 {@code document} into its operations. */
  static void merge(ObjectNode document) {
    for (JsonNode item : document.path("paths")) {
      JsonNode shared = item.get("parameters");
      if (!(item instanceof ObjectNode path) || !(shared instanceof ArrayNode pathParameters)
          || pathParameters.isEmpty()) {
        continue;
      }
      boolean moved = false;
      for (Map.Entry<String, JsonNode> entry : path.properties()) {
        if (METHODS.contains(entry.getKey().toLowerCase(Locale.ROOT)) && entry.getValue() instanceof ObjectNode op) {
          op.set("parameters", merged(document, pathParameters, op.get("parameters")));
          moved = true;
        }
      }
      if (moved) {
        path.remove("parameters");
      }
    }
  }

  private static ArrayNode merged(JsonNode document, ArrayNode pathParameters, JsonNode own) {
    // Keyed by location and name where known; a parameter whose name cannot be told keeps a key of its own.
    Map<Object, JsonNode> byKey = new LinkedHashMap<>();
    for (JsonNode parameter : pathParameters) {
      byKey.put(key(document, parameter), parameter.deepCopy());
    }
    if (own instanceof ArrayNode list) {
      for (JsonNode parameter : list) {
        byKey.put(key(document, parameter), parameter);
      }
    }
    ArrayNode merged = JsonNodeFactory.instance.arrayNode();
    byKey.values().forEach(merged::add);
    return merged;
  }

  /** {@code in:name} of a parameter, itself or the one its {@code #/...} reference names; else a key of its own. */
  private static Object key(JsonNode document, JsonNode parameter) {
    JsonNode named = parameter;
    JsonNode ref = parameter.get("$ref");
    if (ref != null && ref.isTextual() && ref.asText().startsWith("#/")) {
      try {
        named = document.at(ref.asText().substring(1));
      } catch (IllegalArgumentException e) {
        return new Object();
      }
    }
    JsonNode in = named.get("in");
    JsonNode name = named.get("name");
    if (in != null && in.isTextual() && name != null && name.isTextual()) {
      return in.asText() + ":" + name.asText();
    }
    return new Object();
  }
}
