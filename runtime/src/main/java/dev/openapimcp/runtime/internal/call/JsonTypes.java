package dev.openapimcp.runtime.internal.call;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The JSON types a schema allows and a value has, for checks that look no further than the type. */
final class JsonTypes {

  private JsonTypes() {}

  /**
   * The JSON types {@code schema} allows, following a local {@code $ref} and the branches of {@code
   * anyOf}/{@code oneOf}; empty when it does not say (any type is then fine).
   */
  static Set<String> allowed(Map<String, Object> root, Object schema) {
    return allowed(root, schema, 0);
  }

  private static Set<String> allowed(Map<String, Object> root, Object schema, int depth) {
    if (depth > ArgumentDecoder.MAX_DEPTH || !(schema instanceof Map<?, ?> map)) {
      return Set.of();
    }
    Object type = map.get("type");
    if (type instanceof String name) {
      return Set.of(name);
    }
    if (type instanceof List<?> names) {
      Set<String> types = new LinkedHashSet<>();
      names.forEach(name -> types.add(String.valueOf(name)));
      return types;
    }
    if (map.get("$ref") instanceof String pointer) {
      return allowed(root, resolve(root, pointer), depth + 1);
    }
    for (String keyword : List.of("anyOf", "oneOf")) {
      if (map.get(keyword) instanceof List<?> branches && !branches.isEmpty()) {
        Set<String> types = new LinkedHashSet<>();
        for (Object branch : branches) {
          Set<String> branchTypes = allowed(root, branch, depth + 1);
          if (branchTypes.isEmpty()) {
            return Set.of();
          }
          types.addAll(branchTypes);
        }
        return types;
      }
    }
    return Set.of();
  }

  /** Whether {@code value} (not {@code null}) has one of {@code types}; an integral number is an integer. */
  static boolean matches(Object value, Set<String> types) {
    String type = of(value);
    return types.contains(type) || type.equals("integer") && types.contains("number")
        || type.equals("number") && types.contains("integer") && isIntegral(value);
  }

  /** The JSON type of a decoded value: {@code string}, {@code integer}, {@code number}, ... */
  static String of(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String) {
      return "string";
    }
    if (value instanceof Boolean) {
      return "boolean";
    }
    if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
        || value instanceof BigInteger) {
      return "integer";
    }
    if (value instanceof Number) {
      return "number";
    }
    if (value instanceof List<?>) {
      return "array";
    }
    return value instanceof Map<?, ?> ? "object" : "string";
  }

  private static boolean isIntegral(Object number) {
    try {
      return new BigDecimal(number.toString()).stripTrailingZeros().scale() <= 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** The schema a local {@code $ref} ({@code #/$defs/name}) points to in {@code root}, or {@code null}. */
  static Object resolve(Map<String, Object> root, String pointer) {
    if (!pointer.startsWith("#")) {
      return null;
    }
    Object node = root;
    String path = pointer.substring(1);
    if (path.isEmpty()) {
      return node;
    }
    if (!path.startsWith("/")) {
      return null;
    }
    for (String token : path.substring(1).split("/", -1)) {
      String key = token.replace("~1", "/").replace("~0", "~");
      if (node instanceof Map<?, ?> map) {
        node = map.get(key);
      } else if (node instanceof List<?> list && key.matches("\\d{1,9}") && Integer.parseInt(key) < list.size()) {
        node = list.get(Integer.parseInt(key));
      } else {
        return null;
      }
    }
    return node;
  }
}
