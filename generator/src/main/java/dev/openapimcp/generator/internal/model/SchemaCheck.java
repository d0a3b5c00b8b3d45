package dev.openapimcp.generator.internal.model;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a tool's input schema is one MCP clients take: a JSON object schema that passes the JSON
 * Schema 2020-12 meta-schema. The generator checks every tool when it builds them, so generated
 * servers need not check again each time they start.
 */
public final class SchemaCheck {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

  private final JsonSchemaValidator validator = McpJsonDefaults.getSchemaValidator();

  /** Empty when {@code inputSchema} is fine, else what is wrong, as a phrase. */
  public Optional<String> problem(String inputSchema) {
    JsonNode schema;
    try {
      schema = JSON.readTree(inputSchema);
    } catch (IOException e) {
      return Optional.of("input schema is not JSON: " + e.getMessage());
    }
    if (!schema.path("type").asText().equals("object")) {
      return Optional.of("input schema is not of type object, as MCP requires");
    }
    JsonSchemaValidator.ValidationResponse valid = validator.validateSchema(JSON.convertValue(schema, OBJECT));
    if (!valid.valid()) {
      return Optional.of("input schema is not valid JSON Schema 2020-12: "
          + valid.errorMessage().replaceFirst("^Schema does not conform to JSON Schema 2020-12[^:]*: ", ""));
    }
    return Optional.empty();
  }
}
