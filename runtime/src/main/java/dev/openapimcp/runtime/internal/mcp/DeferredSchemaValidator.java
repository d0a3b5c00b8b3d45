package dev.openapimcp.runtime.internal.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON Schema 2020-12 validator of arguments and structured output: the same library, dialect
 * and messages as the SDK's ({@code DefaultJsonSchemaValidator}, mcp-json-jackson2 2.1.0), without
 * what that one costs on every call. On success the SDK's writes the whole checked value back out as
 * JSON text ({@code asValid(node.toString())}), which no caller here reads: 13 of 296 samples of a
 * server under load (JFR, 16 HTTP clients), a twentieth of its work, were that text. A value that
 * is already a tree is checked as it is.
 *
 * <p>Created when the first call is checked rather than at start: the library and the 2020-12
 * meta-schema load then, a good part of a short start-up. For the same reason the SDK's start-up
 * check of every tool schema against the meta-schema is skipped ({@link #validateSchema} accepts):
 * the generator checked each schema when it built the tools, so the check would find nothing.
 *
 * <p>Compiled schemas are kept by {@code $id}, as the SDK keeps them; the call path gives every
 * schema one naming its content ({@code KeyedSchema}). One without is kept by its JSON text (the SDK
 * used its hash code alone, which let two schemas share one compiled schema).
 */
public final class DeferredSchemaValidator implements JsonSchemaValidator {

  /** What the SDK's messages start with; {@code ArgumentValidator} reads the errors after it. */
  static final String INVALID = "Validation failed: JSON schema validation errors: ";

  /** Initialized on first use, by the JVM's lazy class initialization. */
  private static final class Registry {
    static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(Dialects.getDraft202012());
    static final ObjectMapper JSON = new ObjectMapper();
  }

  private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

  @Override
  public ValidationResponse validate(Map<String, Object> schema, Object structuredContent) {
    if (schema == null || structuredContent == null) {
      throw new IllegalArgumentException(schema == null ? "Schema must not be null"
          : "Structured content must not be null");
    }
    try {
      // As the SDK's does: a string is JSON text, anything else a value.
      JsonNode value = structuredContent instanceof JsonNode tree ? tree
          : structuredContent instanceof String text ? Registry.JSON.readTree(text)
          : Registry.JSON.valueToTree(structuredContent);
      List<com.networknt.schema.Error> errors = compiled(schema).validate(value);
      return errors.isEmpty() ? ValidationResponse.asValid(null) : ValidationResponse.asInvalid(INVALID + errors);
    } catch (JsonProcessingException e) {
      return ValidationResponse.asInvalid("Error parsing tool JSON Schema: " + e.getMessage());
    } catch (RuntimeException e) {
      return ValidationResponse.asInvalid("Unexpected validation error: " + e.getMessage());
    }
  }

  private Schema compiled(Map<String, Object> schema) {
    Object id = schema.get("$id");
    String key = id != null ? "$id " + id : "json " + text(schema);
    Schema known = compiled.get(key);
    if (known != null) {
      return known;
    }
    Schema made = Registry.SCHEMAS.getSchema(Registry.JSON.<JsonNode>valueToTree(schema));
    Schema raced = compiled.putIfAbsent(key, made);
    return raced != null ? raced : made;
  }

  private static String text(Map<String, Object> schema) {
    try {
      return Registry.JSON.writeValueAsString(schema);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the schema does not write as JSON", e);
    }
  }

  @Override
  public ValidationResponse validateSchema(Map<String, Object> schema) {
    return ValidationResponse.asValid(null);
  }
}
