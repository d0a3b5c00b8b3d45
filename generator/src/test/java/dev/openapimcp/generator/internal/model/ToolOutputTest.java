package dev.openapimcp.generator.internal.model;

import static dev.openapimcp.testing.SpecFixtures.tool;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openapimcp.generator.GenerationTool;
import dev.openapimcp.generator.GeneratorConfig;
import dev.openapimcp.generator.ToolListSize;
import dev.openapimcp.generator.internal.spec.SpecLoader;
import dev.openapimcp.model.ToolCatalog;
import dev.openapimcp.model.ToolDefinition;
import dev.openapimcp.testing.SpecFixtures;
import dev.openapimcp.testing.SpecYaml;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Output schemas: a tool gets one exactly when every success answer of its operation is the same
 * JSON object schema, normalized like input schemas, with the definitions it reaches and no others.
 */
class ToolOutputTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private static final String SPEC = """
      openapi: 3.0.3
      info: {title: Shop, version: '1'}
      servers: [{url: 'https://shop.example'}]
      paths:
        /items/{id}:
          parameters: [{name: id, in: path, required: true, schema: {type: string}}]
          get:
            operationId: getItem
            responses:
              '200': {description: OK, content: {application/json: {schema: {$ref: '#/components/schemas/Item'}}}}
              '404': {description: gone, content: {application/json: {schema: {$ref: '#/components/schemas/Error'}}}}
          delete:
            operationId: deleteItem
            responses:
              '200': {$ref: '#/components/responses/Deleted'}
        /items:
          get:
            operationId: listItems
            responses:
              '200':
                description: OK
                content:
                  application/json:
                    schema:
                      type: object
                      properties:
                        results: {type: array, items: {$ref: '#/components/schemas/Item'}}
                        next_cursor: {type: string, nullable: true, example: abc}
          post:
            operationId: createItem
            requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Item'}}}}
            responses:
              '201': {description: made, content: {application/json: {schema: {$ref: '#/components/schemas/Item'}}}}
              '202': {description: later}
        /tags:
          get:
            operationId: listTags
            responses:
              '200': {description: OK, content: {application/json: {schema: {type: array, items: {type: string}}}}}
        /export:
          get:
            operationId: export
            responses:
              '200':
                description: OK
                content:
                  application/json: {schema: {type: object}}
                  text/csv: {schema: {type: string}}
        /tree:
          get:
            operationId: getTree
            responses:
              '2XX': {description: OK, content: {application/json: {schema: {$ref: '#/components/schemas/Node'}}}}
        /status:
          get:
            operationId: status
            responses:
              '200': {description: OK, content: {application/json: {schema: {type: object, description: Anything}}}}
        /pets/{id}:
          get:
            operationId: getPet
            parameters: [{name: id, in: path, required: true, schema: {type: string}}]
            responses:
              '200': {description: OK, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}
        /ping:
          get:
            operationId: ping
            responses:
              default: {description: OK, content: {application/json: {schema: {type: object}}}}
      components:
        responses:
          Deleted: {description: gone, content: {application/json: {schema: {$ref: '#/components/schemas/Deleted'}}}}
        schemas:
          Item:
            type: object
            required: [id]
            properties:
              id: {type: string, pattern: '^\\p{Alnum}+$'}
              owner: {$ref: '#/components/schemas/User'}
          User: {type: object, properties: {name: {type: string}}}
          Error: {type: object, properties: {message: {type: string}}}
          Deleted: {type: object, properties: {id: {type: string}, deleted: {type: boolean}}}
          Node:
            type: object
            properties:
              children: {type: array, items: {$ref: '#/components/schemas/Node'}}
          Pet:
            allOf:
              - {$ref: '#/components/schemas/Item'}
              - {properties: {tag: {type: string}}}
          Unused: {type: object}
      """;

  private ToolCatalog catalog() throws Exception {
    return GenerationTool.catalog(GeneratorConfig.builder(SpecFixtures.write(dir, "shop.yaml", SPEC)).build());
  }

  @Test
  void aComponentAtTheRootIsInlinedWithTheDefinitionsItReaches() throws Exception {
    ToolDefinition getItem = tool(catalog(), "getItem");
    JsonNode output = JSON.readTree(getItem.outputSchema());
    assertThat(output.path("type").asText()).isEqualTo("object");
    assertThat(output.path("properties").path("owner").path("$ref").asText()).isEqualTo("#/$defs/User");
    assertThat(fieldNames(output.path("$defs"))).containsExactly("User");
    // Normalized as input schemas are: the pattern in a form ECMA-262 clients read alike.
    assertThat(output.path("properties").path("id").path("pattern").asText()).isEqualTo("^[0-9A-Za-z]+$");
    assertThat(getItem.outputSchema()).doesNotContain(" ").doesNotContain("Unused");
  }

  @Test
  void anAllOfWithAnObjectSchemaSaysObjectAtTheRoot() throws Exception {
    JsonNode output = JSON.readTree(tool(catalog(), "getPet").outputSchema());
    assertThat(fieldNames(output)).startsWith("type", "allOf");
    assertThat(output.path("type").asText()).isEqualTo("object");
    assertThat(output.path("allOf").get(0).path("$ref").asText()).isEqualTo("#/$defs/Item");
    assertThat(fieldNames(output.path("$defs"))).containsExactly("Item", "User");
  }

  @Test
  void anInlineObjectIsNormalized() throws Exception {
    JsonNode output = JSON.readTree(tool(catalog(), "listItems").outputSchema());
    assertThat(output.path("properties").path("next_cursor").path("type"))
        .isEqualTo(JSON.readTree("[\"string\",\"null\"]"));
    assertThat(output.toString()).doesNotContain("example");
    assertThat(fieldNames(output.path("$defs"))).containsExactly("Item", "User");
  }

  @Test
  void referencedResponsesAndRangesCountAndARecursiveRootKeepsItsDefinition() throws Exception {
    ToolCatalog catalog = catalog();
    assertThat(JSON.readTree(tool(catalog, "deleteItem").outputSchema()).path("properties").has("deleted")).isTrue();
    JsonNode tree = JSON.readTree(tool(catalog, "getTree").outputSchema());
    assertThat(tree.path("properties").path("children").path("items").path("$ref").asText()).isEqualTo("#/$defs/Node");
    assertThat(fieldNames(tree.path("$defs"))).containsExactly("Node");
  }

  @Test
  void noOutputSchemaWhereASuccessMayBeSomethingElseThanOneJsonObject() throws Exception {
    ToolCatalog catalog = catalog();
    // 202 without content; an array; a second media type; only a default response; an object and no more.
    for (String name : List.of("createItem", "listTags", "export", "ping", "status")) {
      assertThat(tool(catalog, name).outputSchema()).as(name).isNull();
    }
    catalog.tools().forEach(SpecFixtures::assertValid2020);
  }

  @Test
  void outputSchemasAreLeftOutWhenTheyWouldTakeToolsListPastTheContextBudget() throws Exception {
    // Each operation answers with a large object: with output schemas the list is too large.
    StringBuilder spec = new StringBuilder("""
        openapi: 3.0.3
        info: {title: Big, version: '1'}
        paths:
        """);
    StringBuilder properties = new StringBuilder();
    for (int i = 0; i < 400; i++) {
      properties.append("          p").append(i).append(": {type: string, description: 'a property with words"
          + " enough to weigh something in the list'}\n");
    }
    for (int i = 0; i < 60; i++) {
      spec.append("  /r").append(i).append(":\n    get:\n      operationId: get").append(i).append("\n"
          + "      responses:\n        '200': {description: OK, content: {application/json: {schema: {$ref:"
          + " '#/components/schemas/Big'}}}}\n");
    }
    spec.append("components:\n  schemas:\n    Big:\n      type: object\n      properties:\n").append(properties);
    GeneratorConfig config = GeneratorConfig.builder(SpecFixtures.write(dir, "big.yaml", spec.toString())).build();

    ToolCatalog catalog = GenerationTool.catalog(config);
    assertThat(catalog.tools()).allSatisfy(tool -> assertThat(tool.outputSchema()).isNull());
    assertThat(ToolListSize.of(catalog).listBytes()).isLessThan(ToolListSize.DISCOVERY_THRESHOLD_BYTES);
    assertThat(GenerationTool.lint(config, 100_000).findings())
        .anySatisfy(finding -> assertThat(finding.toString()).contains("output schemas of 60 tools are left out")
            .contains("more than the " + ToolListSize.DISCOVERY_THRESHOLD_BYTES + " bytes"));
  }

  @Test
  void anOutputSchemaThatFailsTheMetaSchemaIsLeftOutWithARemarkAmongItsToolsOwn() throws Exception {
    // /a and /c carry a query in their path keys: a remark each, made with their tools.
    String fine = "responses: {'200': {description: OK, content: {application/json: {schema: {$ref:"
        + " '#/components/schemas/Fine'}}}}}";
    String spec = SpecYaml.openapi("3.0.3", "Meta")
        .get("/a?x=1", "first", fine)
        .get("/b", "broken", "responses: {'200': {description: OK, content: {application/json: {schema:"
            + " {type: object, properties: {b: {$ref: '#/components/schemas/Broken'}}}}}}}")
        .get("/c?y=2", "third", fine)
        .components("""
            schemas:
              Fine: {type: object, properties: {id: {type: string}}}
              Broken: {type: object, properties: {n: {type: string, minLength: -1}}}
            """)
        .write(dir, "meta.yaml");
    ConvertedApi api = ToolConverter.convert(SpecLoader.load(spec, false), GeneratorConfig.builder(spec).build());

    assertThat(api.remarks()).extracting(ConvertedApi.Remark::tool).containsExactly("first", "broken", "third");
    assertThat(api.remarks().get(1).message()).startsWith("#/paths/~1b/get/responses/200/content/application~1json"
        + "/schema: the output schema is not valid JSON Schema 2020-12: $defs/Broken: ")
        .endsWith(", so the tool has no outputSchema");
    assertThat(tool(api.catalog(), "broken").outputSchema()).isNull();
    assertThat(tool(api.catalog(), "first").outputSchema()).isNotNull();
    assertThat(tool(api.catalog(), "third").outputSchema()).isNotNull();
    // Only what the served schemas reach.
    assertThat(api.definitions()).doesNotContainKey("Broken");
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
