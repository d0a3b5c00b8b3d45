package dev.openapimcp.runtime.internal.call;

import dev.openapimcp.runtime.internal.json.JsonText;
import dev.openapimcp.runtime.internal.request.InvalidCallException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decodes arguments that arrive as JSON text where the schema wants an object or array. Some
 * clients (Claude Desktop among them) send {@code "[{...}]"} or {@code "{...}"} instead of the value.
 *
 * <p>Text is parsed only when the property's schema cannot accept a string, so a string-typed
 * property holding JSON-looking text is left alone. Text that starts like JSON ({@code {} or {@code [})
 * but does not parse (or nests deeper than {@link JsonText#MAX_NESTING_DEPTH}) is an invalid call
 * naming the field, whatever the validation mode: no value can be built from it. Other text is left
 * as it is, for validation (or the API) to judge.
 * Decoding also reaches into nested objects and array items, following {@code $ref}s into the
 * schema's {@code $defs}.
 *
 * <p>The generator lets top-level object and array properties also accept JSON text, as a branch
 * {@code {"type": "string", "contentMediaType": "application/json"}}. That branch is not a real
 * string: its text is decoded, and text that is not JSON there is an invalid call naming the field.
 */
public final class ArgumentDecoder {

  /** Bounds schema walking ({@code $ref} chains, nested values) against cycles and deep input. */
  static final int MAX_DEPTH = JsonText.MAX_NESTING_DEPTH;

  private final Map<String, Object> rootSchema;

  public ArgumentDecoder(Map<String, Object> inputSchema) {
    this.rootSchema = inputSchema;
  }

  /**
   * {@code arguments} with JSON text decoded where the schema asks for structure.
   *
   * @throws InvalidCallException when a property that takes JSON text holds text that is not JSON
   */
  public Map<String, Object> decode(Map<String, Object> arguments) throws InvalidCallException {
    Object decoded = decode(arguments, rootSchema, "", 0);
    @SuppressWarnings("unchecked") // decoding an object yields an object with String keys.
    Map<String, Object> result = (Map<String, Object>) decoded;
    return result;
  }

  private Object decode(Object value, Object schema, String path, int depth) throws InvalidCallException {
    if (depth > MAX_DEPTH || !(schema instanceof Map<?, ?>)) {
      return value;
    }
    if (value instanceof String text && !acceptsString(schema, 0)) {
      Optional<Object> parsed = looksLikeJson(text) ? JsonText.parse(text) : Optional.empty();
      if (parsed.isPresent() && (parsed.get() instanceof Map<?, ?> || parsed.get() instanceof List<?>)) {
        value = parsed.get();
      } else if (takesJsonText(schema, 0)) {
        throw new InvalidCallException(path.substring(1)
            + ": expected an object or array, or JSON text of one; got text that is not JSON");
      } else if (parsed.isEmpty() && looksLikeJson(text)) {
        // Meant as JSON ({ or [ where no string fits) but unreadable: no mode can build a value from it.
        throw new InvalidCallException(path.substring(1)
            + ": expected an object or array; got JSON text that does not parse (or nests deeper than "
            + MAX_DEPTH + " levels)");
      } else {
        value = scalar(text, schema);
      }
    }
    if (value instanceof Map<?, ?> object) {
      Map<String, Object> decoded = new LinkedHashMap<>();
      for (Map.Entry<?, ?> entry : object.entrySet()) {
        String name = String.valueOf(entry.getKey());
        Object propertySchema = propertySchema(schema, name, 0);
        Object item = entry.getValue();
        decoded.put(name, propertySchema == null ? item : decode(item, propertySchema, path + "." + name, depth + 1));
      }
      return decoded;
    }
    if (value instanceof List<?> list) {
      Object itemSchema = itemSchema(schema, 0);
      if (itemSchema == null) {
        return value;
      }
      List<Object> decoded = new ArrayList<>(list.size());
      for (int i = 0; i < list.size(); i++) {
        decoded.add(decode(list.get(i), itemSchema, path + "[" + i + "]", depth + 1));
      }
      return decoded;
    }
    return value;
  }

  /**
   * {@code "25"} for an integer, {@code "true"} for a boolean: models often quote scalars, and the
   * npm server forwards them as given. Text that is no such value is returned unchanged, so
   * validation names the field.
   */
  private Object scalar(String text, Object schema) {
    Object types = schema instanceof Map<?, ?> map ? map.get("type") : null;
    if (types == null && schema instanceof Map<?, ?> map && map.get("$ref") instanceof String pointer
        && resolve(pointer) instanceof Map<?, ?> target) {
      types = target.get("type");
    }
    List<?> allowed = types instanceof List<?> list ? list : types == null ? List.of() : List.of(types);
    String trimmed = text.strip();
    if (allowed.contains("integer") && trimmed.matches("-?\\d{1,18}")) {
      return Long.parseLong(trimmed);
    }
    if (allowed.contains("number") && trimmed.matches("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?")) {
      return new java.math.BigDecimal(trimmed);
    }
    if (allowed.contains("boolean") && (trimmed.equals("true") || trimmed.equals("false"))) {
      return Boolean.valueOf(trimmed);
    }
    return text;
  }

  /** Whether {@code schema} has the generator's JSON-text branch. */
  private static boolean takesJsonText(Object schema, int depth) {
    if (!(schema instanceof Map<?, ?> map) || depth > 2) {
      return false;
    }
    if (isJsonText(map)) {
      return true;
    }
    for (String keyword : List.of("anyOf", "oneOf")) {
      if (map.get(keyword) instanceof List<?> branches
          && branches.stream().anyMatch(branch -> takesJsonText(branch, depth + 1))) {
        return true;
      }
    }
    return false;
  }

  /** {@code {"type": "string", "contentMediaType": "application/json"}}: text to decode, not a string. */
  private static boolean isJsonText(Map<?, ?> schema) {
    return "string".equals(schema.get("type")) && schema.get("contentMediaType") instanceof String media
        && (media.equals("application/json") || media.endsWith("+json"));
  }

  /**
   * Whether a string could satisfy {@code schema}. Every keyword present must allow it ({@code
   * $ref}, {@code type}, {@code const}, {@code enum}, {@code allOf}); {@code anyOf}/{@code oneOf}
   * need one branch that does. A schema that says nothing accepts strings.
   */
  private boolean acceptsString(Object schema, int depth) {
    if (depth > MAX_DEPTH || !(schema instanceof Map<?, ?> map)) {
      // Boolean schemas and anything unreadable: assume strings are fine, never decode.
      return !(schema instanceof Boolean bool) || bool;
    }
    if (isJsonText(map)) {
      return false;
    }
    Object ref = map.get("$ref");
    if (ref instanceof String pointer && !acceptsString(resolve(pointer), depth + 1)) {
      return false;
    }
    Object type = map.get("type");
    if (type instanceof String name && !name.equals("string")) {
      return false;
    }
    if (type instanceof List<?> names && !names.contains("string")) {
      return false;
    }
    if (map.containsKey("const") && !(map.get("const") instanceof String)) {
      return false;
    }
    if (map.get("enum") instanceof List<?> values && values.stream().noneMatch(String.class::isInstance)) {
      return false;
    }
    if (map.get("allOf") instanceof List<?> all) {
      for (Object branch : all) {
        if (!acceptsString(branch, depth + 1)) {
          return false;
        }
      }
    }
    for (String keyword : List.of("anyOf", "oneOf")) {
      if (map.get(keyword) instanceof List<?> branches
          && branches.stream().noneMatch(branch -> acceptsString(branch, depth + 1))) {
        return false;
      }
    }
    return true;
  }

  /** The schema of property {@code name}: in {@code properties}, behind {@code $ref}, or in a branch. */
  private Object propertySchema(Object schema, String name, int depth) {
    if (depth > MAX_DEPTH || !(schema instanceof Map<?, ?> map)) {
      return null;
    }
    if (map.get("properties") instanceof Map<?, ?> properties && properties.containsKey(name)) {
      return properties.get(name);
    }
    if (map.get("$ref") instanceof String pointer) {
      Object found = propertySchema(resolve(pointer), name, depth + 1);
      if (found != null) {
        return found;
      }
    }
    for (String keyword : List.of("allOf", "anyOf", "oneOf")) {
      if (map.get(keyword) instanceof List<?> branches) {
        for (Object branch : branches) {
          Object found = propertySchema(branch, name, depth + 1);
          if (found != null) {
            return found;
          }
        }
      }
    }
    return null;
  }

  /** The schema of array items: {@code items}, behind {@code $ref}, or in a branch. */
  private Object itemSchema(Object schema, int depth) {
    if (depth > MAX_DEPTH || !(schema instanceof Map<?, ?> map)) {
      return null;
    }
    if (map.get("items") instanceof Map<?, ?> items) {
      return items;
    }
    if (map.get("$ref") instanceof String pointer) {
      Object found = itemSchema(resolve(pointer), depth + 1);
      if (found != null) {
        return found;
      }
    }
    for (String keyword : List.of("allOf", "anyOf", "oneOf")) {
      if (map.get(keyword) instanceof List<?> branches) {
        for (Object branch : branches) {
          Object found = itemSchema(branch, depth + 1);
          if (found != null) {
            return found;
          }
        }
      }
    }
    return null;
  }

  private Object resolve(String pointer) {
    return JsonTypes.resolve(rootSchema, pointer);
  }

  private static boolean looksLikeJson(String text) {
    String start = text.stripLeading();
    return start.startsWith("{") || start.startsWith("[");
  }
}
