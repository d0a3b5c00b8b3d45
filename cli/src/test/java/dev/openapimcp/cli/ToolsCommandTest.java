package dev.openapimcp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openapimcp.generator.GenerationException;
import dev.openapimcp.generator.GenerationTool;
import dev.openapimcp.generator.GeneratorConfig;
import dev.openapimcp.model.ToolCatalog;
import dev.openapimcp.testing.SpecFixtures;
import dev.openapimcp.runtime.server.McpProxyServer;
import dev.openapimcp.testing.JsonRpcLines;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolsCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void jsonCountsTheToolsAndMeasuresTheSchemasAndTheList() throws Exception {
    String spec = SpecFixtures.write(dir, "shop.yaml", Cli.SHOP);
    Cli.Result result = Cli.run("tools", "--spec", spec, "--json");
    assertThat(result.exitCode()).isZero();
    JsonNode report = JSON.readTree(result.out());
    assertThat(report.at("/total/tools").asInt()).isEqualTo(2);
    assertThat(report.path("tools")).hasSize(2);
    JsonNode getItem = report.at("/tools/0");
    assertThat(getItem.path("name").asText()).isEqualTo("getItem");
    assertThat(getItem.path("method").asText()).isEqualTo("GET");
    assertThat(getItem.path("path").asText()).isEqualTo("/items/{id}");

    String schema = catalog(spec).tools().get(0).inputSchema();
    int schemaBytes = schema.getBytes(StandardCharsets.UTF_8).length;
    assertThat(getItem.path("schemaBytes").asInt()).isEqualTo(schemaBytes);
    assertThat(getItem.path("approxSchemaTokens").asInt()).isEqualTo((schemaBytes + 3) / 4);
    assertThat(getItem.path("entryBytes").asInt()).isGreaterThan(schemaBytes);
    assertThat(report.at("/total/schemaBytes").asInt())
        .isEqualTo(schemaBytes + report.at("/tools/1/schemaBytes").asInt());
    assertThat(report.at("/total/toolsListBytes").asInt()).isEqualTo(toolsListBytesServed(spec));
  }

  @Test
  void theTableHasARowPerToolAndATotalLabelledApproximate() throws Exception {
    String spec = SpecFixtures.write(dir, "shop.yaml", Cli.SHOP);
    JsonNode report = JSON.readTree(Cli.run("tools", "--spec", spec, "--json").out());
    Cli.Result result = Cli.run("tools", "--spec", spec);
    assertThat(result.exitCode()).isZero();
    assertThat(result.out().lines()).hasSize(1 + 2 + 3);
    assertThat(result.out().lines().toList().get(0)).contains("TOOL", "METHOD", "PATH", "SCHEMA BYTES", "TOKENS");
    assertThat(result.out().lines().toList().get(1)).matches(
        "getItem +GET +/items/\\{id\\} +" + report.at("/tools/0/schemaBytes").asInt() + " +~\\d+ +\\d+");
    assertThat(result.out()).contains("2 tools.", "The tools/list result: " + report.at("/total/toolsListBytes")
        .asInt() + " bytes", "approximate");
  }

  @Test
  void filtersApply() throws Exception {
    String spec = SpecFixtures.write(dir, "shop.yaml", Cli.SHOP);
    JsonNode report = JSON.readTree(Cli.run("tools", "--spec", spec, "--json", "--include", "method:GET",
        "--prefix", "s-").out());
    assertThat(report.at("/total/tools").asInt()).isEqualTo(1);
    assertThat(report.at("/tools/0/name").asText()).isEqualTo("s-getItem");
  }

  /** The size of tools/list as a running server actually sends it (the result object of the reply). */
  private static int toolsListBytesServed(String spec) throws Exception {
    PipedOutputStream toServer = new PipedOutputStream();
    PipedInputStream fromServer = new PipedInputStream(1 << 20);
    McpProxyServer server = McpProxyServer.builder(catalog(spec)).environment(Map.of())
        .input(new PipedInputStream(toServer, 1 << 16)).output(new PipedOutputStream(fromServer)).build();
    try (server; JsonRpcLines client = new JsonRpcLines(toServer, fromServer)) {
      server.start();
      client.initialize();
      client.request("tools/list", Map.of());
      String reply = client.lines().stream().filter(line -> line.contains("\"tools\":[")).findFirst().orElseThrow();
      String result = JSON.readTree(reply).path("result").toString();
      return result.getBytes(StandardCharsets.UTF_8).length;
    }
  }

  private static ToolCatalog catalog(String spec) throws GenerationException {
    return GenerationTool.catalog(GeneratorConfig.builder(spec).packageName("test.generated").apiName("Test").build());
  }
}
