package dev.openapimcp.generator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openapimcp.generator.GeneratedSources;
import dev.openapimcp.generator.SpecFixtures;
import dev.openapimcp.runtime.testing.RecordingUpstream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class OpenApiMcpTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String SPEC = """
      openapi: 3.0.3
      info: {title: Shop, version: '1'}
      servers: [{url: 'https://shop.example'}]
      security: [{key: []}]
      components:
        securitySchemes:
          key: {type: apiKey, in: header, name: X-Key}
      paths:
        /items/{id}:
          get:
            operationId: getItem
            parameters:
              - {name: id, in: path, required: true, schema: {type: string}}
              - {name: fields, in: query, schema: {type: array, items: {type: string}}}
            responses: {'200': {description: OK}}
        /items:
          post:
            operationId: 'create item!'
            parameters: [{name: id, in: query, schema: {type: string}}]
            requestBody:
              content:
                application/json:
                  schema: {type: object, properties: {id: {type: string}, 'display name': {type: string}}}
            responses: {'200': {description: OK}}
      """;

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine commandLine = OpenApiMcp.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  private String spec() {
    return SpecFixtures.write(dir, "shop.yaml", SPEC);
  }

  @Test
  void generateWritesSourcesThatCompile() {
    assertThat(run("generate", "--spec", spec(), "--package", "com.example.shop", "--out",
        dir.resolve("src").toString())).isZero();
    assertThat(out.toString()).contains("Generated 2 tools", "com.example.shop.ShopServer");
    assertThat(GeneratedSources.compile(dir.resolve("src"), dir.resolve("classes"))).isEmpty();
  }

  @Test
  void toolsListsEachToolAndTheSizeOfToolsList() throws Exception {
    assertThat(run("tools", "--spec", spec(), "--json")).isZero();
    JsonNode report = JSON.readTree(out.toString());
    assertThat(report.path("count").asInt()).isEqualTo(2);
    assertThat(report.at("/tools/0/name").asText()).isEqualTo("getItem");
    assertThat(report.at("/tools/0/path").asText()).isEqualTo("/items/{id}");
    int schemaBytes = report.at("/tools/0/schemaBytes").asInt();
    assertThat(report.at("/tools/0/approxTokens").asInt()).isEqualTo(schemaBytes / 4);
    // The whole answer holds both schemas and more.
    assertThat(report.path("toolsListBytes").asInt()).isGreaterThan(schemaBytes + report.at("/tools/1/schemaBytes")
        .asInt());

    out.getBuffer().setLength(0);
    assertThat(run("tools", "--spec", spec())).isZero();
    assertThat(out.toString()).contains("getItem", "GET", "/items/{id}", "2 tools; the tools/list answer is "
        + report.path("toolsListBytes").asInt() + " bytes");
  }

  @Test
  void lintReportsRenamesClashesAndPropertyNamesAndTheBudget() {
    assertThat(run("lint", "--spec", spec(), "--budget-bytes", "100")).isZero();
    assertThat(out.toString())
        .contains("warning create_item_: operationId 'create item!' is not a valid name")
        .contains("warning create_item_: body_property 'id' clashes with another argument; the model sees it as 'body_id'")
        .contains("warning create_item_: property 'display name' is rejected by strict clients")
        .contains("warning (tools/list):")
        .contains("2 tools, 0 errors, 4 warnings");
  }

  @Test
  void lintFailsWhenNoToolRemains() {
    assertThat(run("lint", "--spec", spec(), "--include", "nothing*")).isEqualTo(3);
    assertThat(out.toString()).contains("error   (spec): no operation becomes a tool");
  }

  @Test
  void callSendsOneRequestAndPrintsTheResult() {
    try (RecordingUpstream upstream = RecordingUpstream.start().respond(200, "{\"id\":\"7\"}")) {
      // The key comes from the environment in real use; here OPENAPI_MCP_HEADERS is absent, so the
      // call must report the missing credential and send nothing.
      assertThat(run("call", "--spec", spec(), "--base-url", upstream.baseUrl(), "getItem", "{\"id\":\"7\"}"))
          .isEqualTo(1);
      assertThat(out.toString()).contains("SHOP_KEY");
      assertThat(upstream.requests()).isEmpty();

      String open = SpecFixtures.write(dir, "open.yaml", SPEC.replace("security: [{key: []}]", ""));
      assertThat(run("call", "--spec", open, "--base-url", upstream.baseUrl(), "getItem",
          "{\"id\":\"a/b\",\"fields\":[\"x\",\"y\"]}")).isZero();
      assertThat(out.toString()).contains("{\"id\":\"7\"}");
      assertThat(upstream.onlyRequest().path()).isEqualTo("/items/a%2Fb");
      assertThat(upstream.onlyRequest().query()).isEqualTo("fields=x&fields=y");

      out.getBuffer().setLength(0);
      assertThat(run("call", "--spec", spec(), "--base-url", upstream.baseUrl(), "--exclude", "nothing",
          "create item!", "{}")).isEqualTo(2);
      assertThat(err.toString()).contains("No tool named create item!");
    }
  }

  @Test
  void badInputIsOneSentenceAndExitCodeTwo() throws Exception {
    assertThat(run("tools", "--spec", dir.resolve("missing.yaml").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("missing.yaml: no such file");
    assertThat(run("call", "--spec", spec(), "getItem", "[1]")).isEqualTo(2);
    assertThat(err.toString()).contains("ARGUMENTS must be a JSON object");
    assertThat(run("lint")).isEqualTo(2);
    assertThat(Files.exists(dir.resolve("src"))).isFalse();
  }
}
