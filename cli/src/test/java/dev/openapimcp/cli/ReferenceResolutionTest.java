package dev.openapimcp.cli;

import static dev.openapimcp.testing.SpecFixtures.assertValid2020;
import static dev.openapimcp.testing.SpecFixtures.schema;
import static dev.openapimcp.testing.SpecFixtures.tool;
import static dev.openapimcp.testing.SpecYaml.jsonBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openapimcp.generator.GenerationTool;
import dev.openapimcp.generator.GeneratorConfig;
import dev.openapimcp.testing.SpecFixtures;
import dev.openapimcp.testing.SpecYaml;
import dev.openapimcp.model.Argument;
import dev.openapimcp.model.ArgumentLocation;
import dev.openapimcp.model.ToolCatalog;
import dev.openapimcp.model.ToolDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * References that are legal JSON References but not to a component (any JSON pointer into the
 * spec), references that lead nowhere, and path variables nothing fills: each costs at most its
 * own operation, and lint says so.
 */
class ReferenceResolutionTest {

  @TempDir Path dir;

  private static ToolCatalog catalog(String spec) throws Exception {
    return GenerationTool.catalog(GeneratorConfig.builder(spec).packageName("p").build());
  }

  /** Two places a real API's spec referenced by pointer, and the operations that did. */
  private static String pointers(String version) {
    return SpecYaml.openapi(version, "Pointers")
        .post("/oauth/access_token", "token", jsonBody("""
            oneOf:
              - allOf:
                  - {type: object, properties: {grant_type: {type: string}}}
                  - {type: object, properties: {code: {type: string, minLength: 6}}}
            """))
        .post("/oauth/refresh", "refresh", jsonBody("""
            type: object
            properties:
              grant:
                $ref: '#/paths/~1oauth~1access_token/post/requestBody/content/application~1json/schema/oneOf/0/allOf/1'
            """))
        .get("/v2/account/keys", "listKeys", """
            responses:
              '200':
                description: OK
                content:
                  application/json:
                    schema: {type: array, items: {type: object, properties: {id: {type: string}, scopes: {type: array}}}}
            """)
        .post("/v2/account/keys", "putKeys", jsonBody("""
            type: object
            properties:
              keys:
                type: array
                items: {$ref: '#/paths/~1v2~1account~1keys/get/responses/200/content/application~1json/schema/items'}
            """))
        .yaml();
  }

  @ParameterizedTest
  @ValueSource(strings = {"3.0.3", "3.1.0"})
  void aRefToAnyPointerInTheSpecResolvesToADefinitionWithAStableName(String version) throws Exception {
    ToolCatalog catalog = catalog(SpecFixtures.write(dir, "pointers.yaml", pointers(version)));

    assertThat(catalog.tools()).extracting(ToolDefinition::name).containsExactly("token", "refresh", "listKeys",
        "putKeys");
    JsonNode refresh = schema(tool(catalog, "refresh"));
    assertThat(refresh.at("/properties/grant/anyOf/0/$ref").asText())
        .isEqualTo("#/$defs/oauth_access_token_post_body_oneOf_0_allOf_1");
    assertThat(refresh.at("/$defs/oauth_access_token_post_body_oneOf_0_allOf_1/properties/code/minLength").asInt())
        .isEqualTo(6);
    JsonNode keys = schema(tool(catalog, "putKeys"));
    assertThat(keys.at("/properties/keys/anyOf/0/items/$ref").asText())
        .isEqualTo("#/$defs/v2_account_keys_get_200_items");
    assertThat(keys.at("/$defs/v2_account_keys_get_200_items/properties/id/type").asText()).isEqualTo("string");
    for (ToolDefinition tool : catalog.tools()) {
      assertValid2020(tool);
    }

    // The name depends on the spec alone, not on where it lies.
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere/deeper"));
    ToolCatalog again = catalog(SpecFixtures.write(elsewhere, "copy.yaml", pointers(version)));
    assertThat(again.tools()).isEqualTo(catalog.tools());
  }

  /** The reported operation: a parameter by reference to another operation's parameter vanished. */
  private static String announcements(String version) {
    String item = "/customers/{account}/announcements/{announcement_id}";
    return SpecYaml.openapi(version, "Announcements")
        .get("/customers/{account}/announcements", "listAnnouncements",
            "parameters: [{name: account, in: path, required: true, description: The account, schema: {type: string}}]")
        .path(item, "parameters: [{$ref: '#/paths/~1customers~1{account}~1announcements/get/parameters/0'}]")
        .delete(item, "deleteAnnouncement",
            "parameters: [{name: announcement_id, in: path, required: true, schema: {type: integer}}]",
            "responses: {'204': {description: Deleted}}")
        .get(item, "getAnnouncement",
            "parameters: [{$ref: '#/paths/~1customers~1{account}~1announcements~1{announcement_id}/delete/parameters/0'}]")
        .yaml();
  }

  @ParameterizedTest
  @ValueSource(strings = {"3.0.3", "3.1.0"})
  void aWholeParameterRefToAnotherOperationsParameterIsAnArgument(String version) throws Exception {
    String spec = SpecFixtures.write(dir, "announcements.yaml", announcements(version));
    ToolCatalog catalog = catalog(spec);

    for (String name : List.of("deleteAnnouncement", "getAnnouncement")) {
      ToolDefinition tool = tool(catalog, name);
      assertThat(tool.http().arguments()).extracting(Argument::wireName, Argument::location).containsExactly(
          org.assertj.core.groups.Tuple.tuple("account", ArgumentLocation.PATH),
          org.assertj.core.groups.Tuple.tuple("announcement_id", ArgumentLocation.PATH));
      JsonNode schema = schema(tool);
      assertThat(schema.at("/properties/account/description").asText()).isEqualTo("The account");
      assertThat(schema.at("/properties/announcement_id/type").asText()).isEqualTo("integer");
      assertThat(schema.path("required")).extracting(JsonNode::asText).containsExactly("account", "announcement_id");
    }
    Cli.Result lint = Cli.run("lint", "--spec", spec);
    assertThat(lint.exitCode()).as(lint.out()).isZero();
    assertThat(lint.out()).startsWith("3 tools: 0 errors, 0 warnings;");
  }

  private static String dangling(String version) {
    return SpecYaml.openapi(version, "Dangling")
        .get("/good", "good", "parameters: [{name: q, in: query, schema: {$ref: '#/components/schemas/Query'}}]")
        .get("/nowhere", "nowhere", "parameters: [{$ref: '#/paths/~1gone/get/parameters/0'}]")
        .post("/missing-file", "missingFile", jsonBody("{$ref: 'schemas/missing.yaml'}"))
        .get("/through-component", "throughComponent",
            "parameters: [{name: f, in: query, schema: {$ref: '#/components/schemas/Broken'}}]")
        .components("""
            schemas:
              Query: {type: string}
              Broken: {type: object, properties: {a: {$ref: '#/components/schemas/Query/nothing'}}}
            """)
        .yaml();
  }

  @ParameterizedTest
  @ValueSource(strings = {"3.0.3", "3.1.0"})
  void aRefThatLeadsNowhereLeavesOutItsOperationOnlyWithALintWarning(String version) throws Exception {
    String spec = SpecFixtures.write(dir, "dangling.yaml", dangling(version));

    assertThat(catalog(spec).tools()).extracting(ToolDefinition::name).containsExactly("good");

    Cli.Result lint = Cli.run("lint", "--spec", spec);
    assertThat(lint.exitCode()).as(lint.out()).isZero();
    assertThat(lint.out()).contains(
        "warning nowhere: #/paths/~1nowhere/get/parameters/0: $ref '#/paths/~1gone/get/parameters/0' does not"
            + " resolve: there is nothing at #/paths/~1gone/get/parameters/0 in the spec; the operation is left out",
        "warning missingFile: #/paths/~1missing-file/post/requestBody/content/application~1json/schema: $ref"
            + " 'schemas/missing.yaml' does not resolve: there is no file " + dir.resolve("schemas/missing.yaml")
            + "; the operation is left out",
        "warning throughComponent: #/components/schemas/Broken/properties/a: $ref"
            + " '#/components/schemas/Query/nothing' does not resolve: there is nothing at"
            + " #/components/schemas/Query/nothing in the spec; the operation is left out",
        "1 tools: 0 errors, 3 warnings;");

    Cli.Result tools = Cli.run("tools", "--spec", spec);
    assertThat(tools.exitCode()).isZero();
    assertThat(tools.out()).contains("good").doesNotContain("nowhere", "missingFile", "throughComponent");
  }

  @Test
  void whenEveryOperationIsLeftOutTheFirstReasonIsTheError() {
    String spec = SpecYaml.openapi("3.0.3", "None")
        .get("/x", "x", "parameters: [{$ref: '#/paths/~1y/get/parameters/0'}]").write(dir, "none.yaml");

    Cli.Result tools = Cli.run("tools", "--spec", spec);

    assertThat(tools.exitCode()).isEqualTo(2);
    assertThat(tools.err()).isEqualTo(spec + " #/paths/~1x/get/parameters/0: $ref '#/paths/~1y/get/parameters/0'"
        + " does not resolve: there is nothing at #/paths/~1y/get/parameters/0 in the spec" + System.lineSeparator());
  }

  @Test
  void aPathVariableWithoutParameterIsAskedForAndIsALintError() throws Exception {
    String spec = SpecYaml.openapi("3.0.3", "Undeclared")
        .delete("/customers/{account}/announcements/{announcement_id}", "deleteAnnouncement",
            "parameters: [{name: announcement_id, in: path, required: true, schema: {type: string}}]",
            "responses: {'204': {description: Deleted}}")
        .write(dir, "undeclared.yaml");

    ToolDefinition tool = tool(catalog(spec), "deleteAnnouncement");
    assertThat(tool.http().arguments()).extracting(Argument::wireName).containsExactly("announcement_id", "account");
    assertThat(schema(tool).path("required")).extracting(JsonNode::asText)
        .containsExactlyInAnyOrder("account", "announcement_id");

    Cli.Result lint = Cli.run("lint", "--spec", spec);
    assertThat(lint.exitCode()).isEqualTo(3);
    assertThat(lint.out()).contains("error   deleteAnnouncement:"
        + " #/paths/~1customers~1{account}~1announcements~1{announcement_id}/delete: the path variable {account} has"
        + " no path parameter, so the tool asks for it as a string");
  }
}
