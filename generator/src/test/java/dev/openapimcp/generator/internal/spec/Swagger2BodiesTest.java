package dev.openapimcp.generator.internal.spec;

import static dev.openapimcp.testing.SpecFixtures.tool;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openapimcp.generator.GeneratedServer;
import dev.openapimcp.generator.GenerationTool;
import dev.openapimcp.generator.GeneratorConfig;
import dev.openapimcp.model.ToolCatalog;
import dev.openapimcp.testing.RecordingUpstream;
import dev.openapimcp.testing.SpecFixtures;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Swagger 2.0 bodies without {@code consumes} go out as the spec's global consumes, else as JSON, never as {@code *}{@code /*}. */
class Swagger2BodiesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  /** Notes: a body without consumes, one with an empty list, a shared body parameter; {@code %s} the global consumes. */
  private static final String SPEC = """
      {"swagger": "2.0", "info": {"title": "Notes", "version": "1"}, "host": "notes.example", %s
       "paths": {
         "/notes": {"post": {"operationId": "createNote",
           "parameters": [{"name": "note", "in": "body", "required": true, "schema": {"$ref": "#/definitions/Note"}}],
           "responses": {"201": {"description": "Created"}}}},
         "/notes/{id}": {"put": {"operationId": "replaceNote", "consumes": [],
           "parameters": [{"name": "id", "in": "path", "required": true, "type": "string"},
                          {"name": "note", "in": "body", "schema": {"$ref": "#/definitions/Note"}}],
           "responses": {"200": {"description": "OK"}}}},
         "/tags": {"post": {"operationId": "createTag", "parameters": [{"$ref": "#/parameters/Tag"}],
           "responses": {"201": {"description": "Created"}}}},
         "/uploads": {"post": {"operationId": "upload", "consumes": ["text/plain"],
           "parameters": [{"name": "text", "in": "body", "schema": {"type": "string"}}],
           "responses": {"201": {"description": "Created"}}}}},
       "parameters": {"Tag": {"name": "tag", "in": "body", "schema": {"type": "object",
         "properties": {"label": {"type": "string"}}}}},
       "definitions": {"Note": {"type": "object", "properties": {"text": {"type": "string"}}}}}
      """;

  private ToolCatalog catalog(String globalConsumes) throws Exception {
    return GenerationTool.catalog(GeneratorConfig.builder(SpecFixtures.write(dir, "notes.json",
        SPEC.formatted(globalConsumes))).build());
  }

  @Test
  void withoutAnyConsumesBodiesAreJson() throws Exception {
    ToolCatalog catalog = catalog("");
    assertThat(tool(catalog, "createNote").http().mediaType()).isEqualTo("application/json");
    assertThat(tool(catalog, "replaceNote").http().mediaType()).isEqualTo("application/json");
    assertThat(tool(catalog, "createTag").http().mediaType()).isEqualTo("application/json");
    assertThat(tool(catalog, "upload").http().mediaType()).isEqualTo("text/plain");
  }

  @Test
  void theSpecsGlobalConsumesComeFirst() throws Exception {
    ToolCatalog catalog = catalog("\"consumes\": [\"application/vnd.notes+json\", \"application/xml\"],");
    assertThat(tool(catalog, "createNote").http().mediaType()).isEqualTo("application/vnd.notes+json");
    assertThat(tool(catalog, "replaceNote").http().mediaType()).isEqualTo("application/vnd.notes+json");
    assertThat(tool(catalog, "createTag").http().mediaType()).isEqualTo("application/vnd.notes+json");
    assertThat(tool(catalog, "upload").http().mediaType()).isEqualTo("text/plain");
  }

  @Test
  void theRequestSaysItsBodyIsJson() throws Exception {
    String spec = SpecFixtures.write(dir, "notes.json", SPEC.formatted(""));
    try (RecordingUpstream api = RecordingUpstream.start();
        GeneratedServer server = GeneratedServer.start(spec, dir, api.baseUrl())) {
      assertThat(GeneratedServer.isError(server.call("replaceNote", Map.of("id", "n1", "text", "Buy milk"))))
          .isFalse();
      assertThat(api.onlyRequest().target()).isEqualTo("/notes/n1");
      assertThat(api.onlyRequest().header("Content-Type")).isEqualTo("application/json");
      assertThat(JSON.readTree(api.onlyRequest().body())).isEqualTo(JSON.readTree("{\"text\": \"Buy milk\"}"));
    }
  }
}
