package dev.openapimcp.generator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openapimcp.generator.internal.model.SchemaCheck;
import dev.openapimcp.model.ToolCatalog;
import dev.openapimcp.model.ToolDefinition;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import dev.openapimcp.testing.RepoFiles;
import dev.openapimcp.testing.SpecFixtures;

/**
 * Pins the tools generated from {@code specs/notion-openapi.json} to a checked-in golden file, so any
 * change to names, schemas or bindings shows up as a reviewed diff. Regenerate the golden file with
 * {@code ./mvnw -pl generator test -Dtest=NotionGoldenTest -Dgolden.update=true}.
 */
class NotionGoldenTest {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final Path GOLDEN = Path.of("src/test/resources/golden/notion-tools.json");

  private static ToolCatalog notion() throws GenerationException {
    return GenerationTool.catalog(GeneratorConfig.builder(RepoFiles.notionSpec().toString()).toolPrefix("API-")
        .apiName("Notion").serverName("notion-mcp-server").build());
  }

  @Test
  void toolsMatchTheGoldenFile() throws Exception {
    String actual = JSON.writeValueAsString(describe(notion())) + "\n";
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(GOLDEN, actual, StandardCharsets.UTF_8);
    }
    assertThat(actual).isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
  }

  @Test
  void toolNamesAreTheNpmServersNamesAndTheFileUploadTools() throws Exception {
    JsonNode reference = JSON.readTree(RepoFiles.referenceNotionSpec().toFile());
    List<String> expected = new ArrayList<>();
    reference.path("paths").forEach(item -> item.properties().forEach(op -> {
      if (op.getValue().has("operationId")) {
        expected.add("API-" + op.getValue().get("operationId").asText());
      }
    }));
    assertThat(expected).hasSize(24);
    expected.addAll(List.of("API-create-a-file-upload", "API-list-file-uploads", "API-send-a-file-upload",
        "API-complete-a-file-upload", "API-retrieve-a-file-upload"));
    assertThat(notion().tools()).extracting(ToolDefinition::name).containsExactlyInAnyOrderElementsOf(expected);
  }

  /**
   * Every component schema a tool reaches stays one {@code $defs} entry, whichever way the spec is named.
   * swagger-parser's OpenAPI 3.1 resolver inlined a {@code $ref} it first met inside another component when
   * the spec's location was a {@code file:///} URI (how paths are handed to it) but not for {@code file:/},
   * which made tools/list a third larger; the loader no longer lets it resolve 3.1 documents
   * (ComponentReferencesTest).
   */
  @Test
  void componentReferencesSurviveSwaggerParser() throws Exception {
    String absolute = RepoFiles.notionSpec().toAbsolutePath().toString();
    ToolCatalog fromPath = notion();
    ToolCatalog fromUri = GenerationTool.catalog(GeneratorConfig.builder("file:" + absolute).toolPrefix("API-")
        .apiName("Notion").serverName("notion-mcp-server").build());
    List<String> differing = new ArrayList<>();
    for (int i = 0; i < fromPath.tools().size(); i++) {
      String loaded = fromPath.tools().get(i).inputSchema();
      String kept = fromUri.tools().get(i).inputSchema();
      if (!loaded.equals(kept)) {
        differing.add(fromPath.tools().get(i).name() + " (" + loaded.length() + " bytes, not " + kept.length() + ")");
      }
    }
    assertThat(differing).as("tools whose input schema has inlined component schemas").isEmpty();
  }

  @Test
  void everySchemaIsValid2020AndKeepsTheDefinitionsItReferences() throws Exception {
    for (ToolDefinition tool : notion().tools()) {
      SpecFixtures.assertValid2020(tool);
      JsonNode schema = SpecFixtures.schema(tool);
      List<String> refs = new ArrayList<>();
      collectRefs(schema, refs);
      for (String ref : refs) {
        assertThat(schema.at(ref.substring(1)).isMissingNode())
            .as("%s: %s resolves within the tool's own $defs", tool.name(), ref).isFalse();
      }
      if (tool.outputSchema() != null) {
        JsonNode output = JSON.readTree(tool.outputSchema());
        assertThat(new SchemaCheck().problem(tool.outputSchema(), "output")).as(tool.name()).isEmpty();
        List<String> outputRefs = new ArrayList<>();
        collectRefs(output, outputRefs);
        for (String ref : outputRefs) {
          assertThat(output.at(ref.substring(1)).isMissingNode())
              .as("%s: %s resolves within the output schema's own $defs", tool.name(), ref).isFalse();
        }
      }
    }
  }

  @Test
  void searchAndQueryAreReadOnlyAndNotionVersionIsFixedPerOperation() throws Exception {
    ToolCatalog catalog = notion();
    assertThat(SpecFixtures.tool(catalog, "API-post-search").hints().readOnlyHint()).isTrue();
    assertThat(SpecFixtures.tool(catalog, "API-query-data-source").hints().readOnlyHint()).isTrue();
    assertThat(SpecFixtures.tool(catalog, "API-patch-page").hints().readOnlyHint()).isFalse();
    assertThat(SpecFixtures.tool(catalog, "API-retrieve-page-markdown").http().fixedHeaders())
        .containsEntry("Notion-Version", "2026-03-11");
    // create-a-comment declares no version: it gets the one the other operations share.
    assertThat(SpecFixtures.tool(catalog, "API-create-a-comment").http().fixedHeaders())
        .containsEntry("Notion-Version", "2025-09-03");
    for (ToolDefinition tool : catalog.tools()) {
      assertThat(SpecFixtures.schema(tool).path("properties").has("Notion-Version")).as(tool.name()).isFalse();
    }
  }

  private static void collectRefs(JsonNode node, List<String> refs) {
    if (node.isObject() && node.has("$ref")) {
      refs.add(node.get("$ref").asText());
    }
    node.elements().forEachRemaining(child -> collectRefs(child, refs));
  }

  private static ArrayNode describe(ToolCatalog catalog) throws Exception {
    ArrayNode tools = JSON.createArrayNode();
    for (ToolDefinition tool : catalog.tools()) {
      ObjectNode node = tools.addObject();
      node.put("name", tool.name());
      node.put("title", tool.title());
      node.put("description", tool.description());
      node.set("hints", JSON.valueToTree(tool.hints()));
      node.set("inputSchema", JSON.readTree(tool.inputSchema()));
      if (tool.outputSchema() != null) {
        node.set("outputSchema", JSON.readTree(tool.outputSchema()));
      }
      node.set("http", JSON.valueToTree(tool.http()));
    }
    return tools;
  }
}
