package dev.openapimcp.runtime.internal.call;

import dev.openapimcp.runtime.internal.digest.Sha256;
import dev.openapimcp.runtime.internal.json.JsonText;
import dev.openapimcp.runtime.internal.json.ObjectText;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A schema as it is handed to the SDK's validator: with a root {@code $id} naming its content
 * ({@code urn:openapi-mcp:schema:<SHA-256 of its JSON text>}) unless it has an {@code $id} of its own.
 *
 * <p>Why: the SDK's validator (2.1.0) keys the schemas it compiles by {@code $id}, else by {@code
 * hashCode()} alone, so two schemas with equal hash codes shared one compiled schema: a valid call
 * of one tool was refused with another tool's rule ("required property 'Aa' not found" for a tool
 * that takes {@code BB}; {@code ArgumentValidatorTest}). Equal schemas still share one, and the key
 * no longer walks the schema on every call. Fragment {@code $ref}s ({@code #/$defs/...}) resolve
 * within the document whatever its {@code $id}. Made on the first check, as the schema is read lazily.
 */
final class KeyedSchema {

  private final Map<String, Object> schema;
  private volatile Map<String, Object> keyed;

  KeyedSchema(Map<String, Object> schema) {
    this.schema = schema;
  }

  /** The schema with its {@code $id}. */
  Map<String, Object> get() {
    Map<String, Object> result = keyed;
    if (result == null) {
      result = of(schema);
      keyed = result;
    }
    return result;
  }

  private static Map<String, Object> of(Map<String, Object> schema) {
    if (schema.containsKey("$id")) {
      return schema;
    }
    String text = schema instanceof ObjectText objectText ? objectText.text() : JsonText.write(schema);
    Map<String, Object> keyed = new LinkedHashMap<>();
    keyed.put("$id", "urn:openapi-mcp:schema:" + Sha256.hex(text));
    keyed.putAll(schema);
    return keyed;
  }
}
