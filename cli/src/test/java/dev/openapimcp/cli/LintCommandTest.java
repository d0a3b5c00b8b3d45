package dev.openapimcp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openapimcp.testing.RepoFiles;
import dev.openapimcp.testing.SpecFixtures;
import dev.openapimcp.testing.SpecYaml;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LintCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  static final String CLEAN = """
      openapi: 3.1.0
      info: {title: Clean, version: '1'}
      servers: [{url: 'https://clean.example'}]
      paths:
        /notes/{noteId}:
          get:
            operationId: getNote
            parameters: [{name: noteId, in: path, required: true, schema: {type: string}}]
            responses: {'200': {description: OK}}
          put:
            operationId: putNote
            parameters: [{name: noteId, in: path, required: true, schema: {type: string}}]
            requestBody:
              content:
                application/json:
                  schema: {type: object, properties: {text: {type: string, minLength: 1}}}
            responses: {'200': {description: OK}}
      """;

  /** Everything lint looks for, each once; each schema survives conversion, as the output shows. */
  private static final String BAD = """
      openapi: 3.0.3
      info: {title: Bad, version: '1'}
      servers: [{url: 'https://bad.example'}]
      paths:
        /a:
          get:
            operationId: aVeryLongOperationIdThatSomeoneWroteToDescribeEverythingThisEndpointDoesInDetail
            parameters:
              - {name: limit, in: query, schema: {type: integer, minimum: 0}}
              - {name: limit, in: query, schema: {type: string}}
            responses: {'200': {description: OK}}
          post:
            operationId: 'create a!'
            parameters: [{name: id, in: query, schema: {type: string}}]
            requestBody:
              content:
                application/json:
                  schema: {type: object, properties: {id: {type: string}, 'display name': {type: string}}}
            responses: {'200': {description: OK}}
        /b:
          get:
            operationId: negative
            parameters: [{name: q, in: query, schema: {type: string, minLength: -1}}]
            responses: {'200': {description: OK}}
        /c:
          get:
            responses: {'200': {description: OK}}
      """;

  @TempDir Path dir;

  @Test
  void aCleanSpecPasses() {
    Cli.Result result = Cli.run("lint", "--spec", SpecFixtures.write(dir, "clean.yaml", CLEAN));
    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).matches("2 tools: 0 errors, 0 warnings; tools/list is \\d+ bytes \\(~\\d+ tokens\\),"
        + " budget 100000\\.\\R");
  }

  @Test
  void ourNotionSpecPasses() {
    Cli.Result result = Cli.run("lint", "--spec", RepoFiles.notionSpec().toString(), "--prefix", "API-");
    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).startsWith("29 tools: 0 errors, 0 warnings;");
  }

  @Test
  void aBadSpecHasErrorsAndWarningsAndExitCodeThree() {
    Cli.Result result = Cli.run("lint", "--spec", SpecFixtures.write(dir, "bad.yaml", BAD));
    assertThat(result.exitCode()).isEqualTo(3);
    String longName = "aVeryLongOperationIdThatSomeoneWroteToDescribeEverythingThisEndpo";
    assertThat(result.out())
        .containsPattern("(?m)^warning " + longName.substring(0, 40) + "[A-Za-z]*-[0-9a-f]{8}: operationId '"
            + "aVeryLongOperationIdThatSomeoneWroteToDescribeEverythingThisEndpointDoesInDetail' is longer than 64"
            + " characters, so the tool was renamed")
        .containsPattern("(?m)^error   [^:]+: query parameter 'limit' is declared twice for GET /a; only the last")
        .contains("warning create_a_: operationId 'create a!' has characters outside A-Z a-z 0-9 _ -, so the tool"
            + " was renamed")
        .contains("warning create_a_: body property 'id' shares its name with another argument, so the model sees"
            + " it as 'body_id'")
        .contains("warning create_a_: body property 'display name' is not a name strict clients accept"
            + " (^[a-zA-Z0-9_.-]{1,64}$), so the model sees it as 'display_name' (it is still sent as"
            + " 'display name')")
        .contains("error   negative: #/paths/~1b/get: the input schema is not valid JSON Schema 2020-12:"
            + " [/properties/q/minLength: must have a minimum value of 0]; the operation is left out")
        .contains("warning get_c: no operationId")
        .contains("3 tools: 2 errors,");
  }

  @Test
  void renamesByCollisionAndOfXMcpNamesAreWarnings() {
    String spec = SpecYaml.openapi("3.0.3", "Names")
        .get("/a", "same")
        .get("/b", "same")
        .get("/c", "c", "x-mcp: {name: 'see all'}")
        .get("/d", "d", "x-mcp: {name: fine_name}")
        .write(dir, "names.yaml");
    Cli.Result result = Cli.run("lint", "--spec", spec, "--prefix", "p_");
    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .containsPattern("(?m)^warning p_same-[0-9a-f]{8}: operationId 'same' with prefix 'p_' is taken by another"
            + " operation, so the tool was renamed")
        .contains("warning see_all: x-mcp name 'see all' has characters outside")
        .doesNotContain("p_same:", "fine_name:")
        .contains("warning (spec): swagger-parser: attribute paths.'/b'(get).operationId is repeated")
        .contains("4 tools: 0 errors, 3 warnings;");
  }

  @Test
  void theBudgetAndJson() throws Exception {
    String spec = SpecFixtures.write(dir, "clean.yaml", CLEAN);
    Cli.Result result = Cli.run("lint", "--spec", spec, "--budget-bytes", "100", "--json");
    assertThat(result.exitCode()).isZero();
    JsonNode report = JSON.readTree(result.out());
    assertThat(report.path("tools").asInt()).isEqualTo(2);
    assertThat(report.path("errors").asInt()).isZero();
    assertThat(report.path("warnings").asInt()).isEqualTo(1);
    assertThat(report.at("/findings/0/severity").asText()).isEqualTo("warning");
    assertThat(report.at("/findings/0/subject").asText()).isEqualTo("(tools/list)");
    assertThat(report.at("/findings/0/message").asText()).startsWith(report.path("toolsListBytes").asInt()
        + " bytes (~").contains("over the budget of 100 bytes");

    assertThat(Cli.run("lint", "--spec", spec, "--budget-bytes", "0").exitCode()).isEqualTo(2);
  }

  @Test
  void noToolsIsAnError() {
    Cli.Result result = Cli.run("lint", "--spec", SpecFixtures.write(dir, "clean.yaml", CLEAN), "--include",
        "nothing*");
    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.out()).contains("error   (spec): no operation becomes a tool");
  }
}
