package dev.openapimcp.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openapimcp.model.ToolCatalog;
import dev.openapimcp.model.ToolDefinition;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Small specs written to disk for a test, and helpers to read the tools made of them. */
public final class SpecFixtures {

  private static final ObjectMapper JSON = new ObjectMapper();

  private SpecFixtures() {}

  /** Writes {@code content} to {@code dir/name} and returns its path as a string. */
  public static String write(Path dir, String name, String content) {
    try {
      Path file = dir.resolve(name);
      Files.writeString(file, content, StandardCharsets.UTF_8);
      return file.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * One operation, {@code GET /x} ({@code x}), whose query parameter {@code q} has the schema {@code {$ref:
   * schemaRef}}: for tests about where a reference may lead (its pointer: {@code #/paths/~1x/get/parameters/0/schema}).
   */
  public static String queryParameterRef(String schemaRef) {
    return SpecYaml.openapi("3.0.3", "Ref")
        .get("/x", "x", "parameters: [{name: q, in: query, schema: {$ref: '" + schemaRef + "'}}]").yaml();
  }

  public static ToolDefinition tool(ToolCatalog catalog, String name) {
    return catalog.tools().stream().filter(t -> t.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no tool " + name + " in " + catalog.tools().stream()
            .map(ToolDefinition::name).toList()));
  }

  public static JsonNode schema(ToolDefinition tool) {
    try {
      return JSON.readTree(tool.inputSchema());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Asserts the schema is valid JSON Schema 2020-12, as the MCP SDK checks when a server starts. */
  @SuppressWarnings("unchecked")
  public static void assertValid2020(ToolDefinition tool) {
    JsonSchemaValidator validator = McpJsonDefaults.getSchemaValidator();
    Map<String, Object> schema = JSON.convertValue(schema(tool), Map.class);
    JsonSchemaValidator.ValidationResponse response = validator.validateSchema(schema);
    if (!response.valid()) {
      throw new AssertionError(tool.name() + ": not JSON Schema 2020-12: " + response.errorMessage());
    }
  }
}
