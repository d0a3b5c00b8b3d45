package dev.openapimcp.runtime.internal.call;

import dev.openapimcp.runtime.internal.json.JsonText;
import dev.openapimcp.runtime.internal.json.ObjectText;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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
    keyed.put("$id", "urn:openapi-mcp:schema:" + sha256(text));
    keyed.putAll(schema);
    return keyed;
  }

  private static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
