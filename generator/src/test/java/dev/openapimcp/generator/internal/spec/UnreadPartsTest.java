package dev.openapimcp.generator.internal.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link UnreadParts}: every schema a tool may be made of loses its {@code example}, and nothing
 * else does (a property named {@code example}, a parameter's or a media type's own example); the
 * document, its path items and operations keep {@code x-mcp} and reserved extensions only.
 */
class UnreadPartsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String SPEC = """
      {"openapi": "3.0.3", "info": {"title": "t", "version": "1"},
       "x-webhooks": {"ping": {"post": {"responses": {"200": {"description": "ok"}}}}},
       "x-mcp": {"instructions": "Use it."}, "x-oai-reserved": 1,
       "paths": {"/items/{id}": {
         "x-mcp": {"prefix": "kept"}, "x-path-note": "gone",
         "parameters": [{"name": "id", "in": "path", "required": true, "example": "kept",
           "schema": {"type": "string", "format": "uuid", "example": "9b2e2b5c-0c2a-4d7e-9d1b-3c1f0f3e2a11"}}],
         "post": {
           "x-github": {"category": "gone"}, "x-mcp": false,
           "parameters": [{"name": "f", "in": "query",
             "content": {"application/json": {"schema": {"type": "object", "example": {"a": 1}}}}}],
           "requestBody": {"content": {"application/json": {"example": {"kept": true}, "schema": {
             "type": "object", "example": {"when": "2024-01-01T00:00:00Z"},
             "properties": {
               "example": {"type": "string", "example": "its own"},
               "when": {"type": "string", "format": "date-time", "example": "2024-01-01T00:00:00Z"},
               "tags": {"type": "array", "items": {"type": "string", "example": "a"}},
               "extra": {"type": "object", "additionalProperties": {"type": "integer", "example": 3}},
               "either": {"oneOf": [{"type": "string", "example": "x"}, {"not": {"type": "null", "example": 1}}]}},
             "required": ["example"]}}}},
           "responses": {"200": {"description": "ok",
             "headers": {"X-Rate": {"schema": {"type": "integer", "example": 10}}},
             "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Item"}}}}}}}},
       "components": {
         "schemas": {"Item": {"type": "object", "example": {"id": "1"},
           "allOf": [{"type": "object", "properties": {"day": {"type": "string", "format": "date",
             "example": "2024-01-01"}}}]}},
         "parameters": {"P": {"name": "p", "in": "query", "schema": {"type": "string", "example": "p"}}},
         "requestBodies": {"B": {"content": {"text/plain": {"schema": {"type": "string", "example": "b"}}}}},
         "responses": {"R": {"description": "r", "content": {"application/json": {"schema": {
           "type": "integer", "example": 4}}}}},
         "headers": {"H": {"schema": {"type": "string", "example": "h"}}}}}
      """;

  @Test
  void everySchemaLosesItsExampleAndNothingElseIsTouched() throws Exception {
    ObjectNode document = (ObjectNode) JSON.readTree(SPEC);
    UnreadParts.drop(document);

    assertThat(keywordCount((ObjectNode) JSON.readTree(SPEC), "example")).isEqualTo(18);
    assertThat(keywordCount(document, "example")).as("examples left: the two that are not a schema's")
        .isEqualTo(2);
    JsonNode pathItem = document.path("paths").path("/items/{id}");
    assertThat(pathItem.path("parameters").get(0).path("example").asText()).isEqualTo("kept");
    JsonNode media = pathItem.path("post").path("requestBody").path("content").path("application/json");
    assertThat(media.path("example").path("kept").asBoolean()).isTrue();
    JsonNode body = media.path("schema");
    assertThat(body.path("properties").has("example")).as("a property named example").isTrue();
    assertThat(body.path("properties").path("example").path("type").asText()).isEqualTo("string");
    assertThat(body.path("required").get(0).asText()).isEqualTo("example");
    assertThat(body.path("properties").path("when").path("format").asText()).isEqualTo("date-time");

    assertThat(fieldNames(document)).containsExactly("openapi", "info", "x-mcp", "x-oai-reserved", "paths",
        "components");
    assertThat(fieldNames(pathItem)).containsExactly("x-mcp", "parameters", "post");
    assertThat(fieldNames(pathItem.path("post"))).containsExactly("x-mcp", "parameters", "requestBody",
        "responses");
  }

  @Test
  void theModelKeepsOnlyTheExtensionsTheConverterReadsOrSwaggerParserReports(@TempDir Path dir) throws Exception {
    Path spec = Files.writeString(dir.resolve("spec.json"), SPEC.replace("\"x-mcp\": false,", ""));
    OpenAPI api = SpecLoader.load(spec.toString(), false).openApi();

    assertThat(api.getExtensions()).containsOnlyKeys("x-mcp", "x-oai-reserved");
    assertThat(api.getPaths().get("/items/{id}").getExtensions()).containsOnlyKeys("x-mcp");
    assertThat(api.getPaths().get("/items/{id}").getPost().getExtensions()).isNull();
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void theLoadedModelHasNoSchemaExampleWhileAPropertyNamedExampleStays(@TempDir Path dir) throws Exception {
    Path spec = Files.writeString(dir.resolve("spec.json"), SPEC);
    OpenAPI api = SpecLoader.load(spec.toString(), false).openApi();

    Schema<?> body = api.getPaths().get("/items/{id}").getPost().getRequestBody().getContent()
        .get("application/json").getSchema();
    assertThat(body.getExample()).isNull();
    assertThat(body.getProperties()).containsKey("example");
    assertThat(body.getProperties().get("when").getExample()).isNull();
    Schema<?> item = api.getComponents().getSchemas().get("Item");
    Schema<?> day = (Schema<?>) item.getAllOf().get(0).getProperties().get("day");
    assertThat(day.getFormat()).isEqualTo("date");
    assertThat(day.getExample()).isNull();
  }

  @Test
  void anOpenApi31DocumentIsLeftAsItIs(@TempDir Path dir) throws Exception {
    Path spec = Files.writeString(dir.resolve("spec.json"), SPEC.replace("\"3.0.3\"", "\"3.1.0\""));
    OpenAPI api = SpecLoader.load(spec.toString(), false).openApi();

    assertThat(api.getComponents().getSchemas().get("Item").getExample()).isNotNull();
  }

  /** How often {@code keyword} is a key of {@code node} and below, keys of {@code properties} aside. */
  private static int keywordCount(JsonNode node, String keyword) {
    int count = 0;
    if (node.isObject()) {
      for (var field : node.properties()) {
        count += field.getKey().equals(keyword) ? 1 : 0;
        JsonNode value = field.getValue();
        if (field.getKey().equals("properties")) {
          for (JsonNode property : value) {
            count += keywordCount(property, keyword);
          }
        } else {
          count += keywordCount(value, keyword);
        }
      }
    } else {
      for (JsonNode child : node) {
        count += keywordCount(child, keyword);
      }
    }
    return count;
  }
}
