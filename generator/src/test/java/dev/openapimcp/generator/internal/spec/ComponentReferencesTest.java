package dev.openapimcp.generator.internal.spec;

import static dev.openapimcp.testing.SpecFixtures.schema;
import static dev.openapimcp.testing.SpecFixtures.tool;
import static dev.openapimcp.testing.SpecYaml.jsonBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openapimcp.generator.GenerationTool;
import dev.openapimcp.generator.GeneratorConfig;
import dev.openapimcp.model.ToolCatalog;
import dev.openapimcp.testing.SpecFixtures;
import dev.openapimcp.testing.SpecYaml;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Component schemas stay shared definitions however the spec is named. swagger-parser 2.1.48's
 * OpenAPI 3.1 resolver, given the spec as a {@code file:///} location (as the loader hands it over),
 * copied every {@code $ref} it first met inside another component into that component (B and C
 * inside A below, and C inside the other tool's argument) and merged the keywords beside a
 * {@code $ref} into the shared component itself (A's description of its {@code c} became C's, in
 * every tool); the loader no longer lets it resolve 3.1 documents.
 */
class ComponentReferencesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private static String spec(String version) {
    return SpecYaml.openapi(version, "R")
        .post("/a", "postA", jsonBody("{type: object, properties: {a: {$ref: '#/components/schemas/A'}}}"))
        .post("/c", "postC", jsonBody("""
            type: object
            properties:
              c: {$ref: '#/components/schemas/C', description: The c of postC}
            """))
        .components("""
            schemas:
              A:
                type: object
                properties:
                  b: {$ref: '#/components/schemas/B'}
                  c: {$ref: '#/components/schemas/C', description: A's c}
              B:
                type: object
                properties:
                  a: {$ref: '#/components/schemas/A'}
                  c: {$ref: '#/components/schemas/C'}
              C:
                type: object
                properties:
                  s: {type: string}
            """)
        .yaml();
  }

  @ParameterizedTest
  @ValueSource(strings = {"3.0.3", "3.1.0"})
  void everyComponentStaysOneDefinitionAndKeywordsBesideARefStayThere(String version) throws Exception {
    String file = SpecFixtures.write(dir, "r.yaml", spec(version));
    JsonNode c = JSON.readTree("{\"type\": \"object\", \"properties\": {\"s\": {\"type\": \"string\"}}}");
    for (String location : List.of(file, Path.of(file).toUri().toString(), "file:" + file)) {
      ToolCatalog catalog = GenerationTool.catalog(GeneratorConfig.builder(location).build());

      JsonNode postA = schema(tool(catalog, "postA"));
      assertThat(postA.path("$defs").fieldNames()).toIterable().as(location).containsExactly("A", "B", "C");
      assertThat(postA.at("/$defs/A/properties/b")).isEqualTo(JSON.readTree("{\"$ref\": \"#/$defs/B\"}"));
      assertThat(postA.at("/$defs/B/properties/a")).isEqualTo(JSON.readTree("{\"$ref\": \"#/$defs/A\"}"));
      assertThat(postA.at("/$defs/B/properties/c")).isEqualTo(JSON.readTree("{\"$ref\": \"#/$defs/C\"}"));
      assertThat(postA.at("/$defs/C")).as(location).isEqualTo(c);

      JsonNode postC = schema(tool(catalog, "postC"));
      assertThat(postC.path("$defs").fieldNames()).toIterable().containsExactly("C");
      assertThat(postC.at("/$defs/C")).as(location).isEqualTo(c);
      assertThat(postC.at("/properties/c/anyOf/0")).isEqualTo(JSON.readTree("{\"$ref\": \"#/$defs/C\"}"));
      if (version.startsWith("3.1")) {
        // 2020-12 allows keywords beside $ref: they stay where the spec wrote them.
        assertThat(postA.at("/$defs/A/properties/c")).isEqualTo(
            JSON.readTree("{\"$ref\": \"#/$defs/C\", \"description\": \"A's c\"}"));
        assertThat(postC.at("/properties/c/description").asText()).isEqualTo("The c of postC");
      }
    }
  }
}
