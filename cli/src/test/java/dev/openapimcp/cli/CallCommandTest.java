package dev.openapimcp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openapimcp.testing.SpecFixtures;
import dev.openapimcp.testing.RecordingUpstream;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private RecordingUpstream upstream;
  private String spec;

  @BeforeEach
  void start() {
    upstream = RecordingUpstream.start().respond(200, "{\"id\":\"7\",\"name\":\"lamp\"}");
    spec = SpecFixtures.write(dir, "shop.yaml", Cli.SHOP);
  }

  @AfterEach
  void stop() {
    upstream.close();
  }

  @Test
  void sendsOneRequestWithTheCredentialsAndPrintsTheText() {
    Cli.Result result = Cli.run(Map.of("SHOP_KEY", "k-123"), "call", "--spec", spec, "--base-url",
        upstream.baseUrl(), "getItem", "{\"id\":\"a/b\",\"fields\":[\"x\",\"y\"]}");
    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("\"name\":\"lamp\"");
    RecordingUpstream.RecordedRequest request = upstream.onlyRequest();
    assertThat(request.method()).isEqualTo("GET");
    assertThat(request.path()).isEqualTo("/items/a%2Fb");
    assertThat(request.query()).isEqualTo("fields=x&fields=y");
    assertThat(request.header("X-Key")).isEqualTo("k-123");
  }

  @Test
  void aBodyCallWithHeadersFromTheEnvironmentAndTheWholeResultAsJson() throws Exception {
    Cli.Result result = Cli.run(Map.of("OPENAPI_MCP_HEADERS", "{\"X-Key\":\"from-headers\"}"), "call", "--spec",
        spec, "--base-url", upstream.baseUrl(), "--json", "create_item_",
        "{\"id\":\"q\",\"tag_name\":\"new\",\"body_id\":\"b\",\"display_name\":\"Lamp\"}");
    assertThat(result.exitCode()).isZero();
    JsonNode printed = JSON.readTree(result.out());
    assertThat(printed.path("isError").asBoolean(true)).isFalse();
    assertThat(printed.at("/content/0/type").asText()).isEqualTo("text");
    RecordingUpstream.RecordedRequest request = upstream.onlyRequest();
    assertThat(request.method()).isEqualTo("POST");
    // Names strict clients refuse were offered cleaned (tag_name, display_name) and go out as the spec has them.
    assertThat(request.target()).isEqualTo("/items?id=q&tag%5Bname%5D=new");
    assertThat(request.header("X-Key")).isEqualTo("from-headers");
    assertThat(JSON.readTree(request.bodyText())).isEqualTo(JSON.readTree("{\"id\":\"b\",\"display name\":\"Lamp\"}"));
  }

  @Test
  void theBaseUrlOptionWinsOverTheVariable() {
    Cli.Result result = Cli.run(Map.of("SHOP_KEY", "k", "BASE_URL", "http://127.0.0.1:9"), "call", "--spec", spec,
        "--base-url", upstream.baseUrl(), "getItem", "{\"id\":\"1\"}");
    assertThat(result.exitCode()).isZero();
    assertThat(upstream.onlyRequest().path()).isEqualTo("/items/1");
  }

  @Test
  void theVariableSetsTheAddressWithoutTheOption() {
    Cli.Result result = Cli.run(Map.of("SHOP_KEY", "k", "BASE_URL", upstream.baseUrl()), "call", "--spec", spec,
        "getItem", "{\"id\":\"2\"}");
    assertThat(result.exitCode()).isZero();
    assertThat(upstream.onlyRequest().path()).isEqualTo("/items/2");
  }

  @Test
  void anErrorResultIsExitCodeOne() {
    upstream.respond(404, "{\"code\":\"not_found\",\"message\":\"No such item\"}");
    Cli.Result result = Cli.run(Map.of("SHOP_KEY", "k"), "call", "--spec", spec, "--base-url", upstream.baseUrl(),
        "getItem", "{\"id\":\"9\"}");
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).contains("404", "No such item");
  }

  @Test
  void missingCredentialsAndInvalidArgumentsSendNothing() {
    Cli.Result noKey = Cli.run("call", "--spec", spec, "--base-url", upstream.baseUrl(), "getItem", "{\"id\":\"7\"}");
    assertThat(noKey.exitCode()).isEqualTo(1);
    assertThat(noKey.out()).contains("SHOP_KEY");

    Cli.Result noId = Cli.run(Map.of("SHOP_KEY", "k"), "call", "--spec", spec, "--base-url", upstream.baseUrl(),
        "getItem");
    assertThat(noId.exitCode()).isEqualTo(1);
    assertThat(noId.out()).contains("id");
    assertThat(upstream.requests()).isEmpty();
  }

  @Test
  void badInputIsExitCodeTwo() {
    Cli.Result notJson = Cli.run("call", "--spec", spec, "getItem", "{id:1}");
    assertThat(notJson.exitCode()).isEqualTo(2);
    assertThat(notJson.err()).startsWith("ARGUMENTS is not JSON");

    Cli.Result array = Cli.run("call", "--spec", spec, "getItem", "[1]");
    assertThat(array.exitCode()).isEqualTo(2);
    assertThat(array.err()).contains("ARGUMENTS must be a JSON object");

    Cli.Result unknownTool = Cli.run("call", "--spec", spec, "create item!");
    assertThat(unknownTool.exitCode()).isEqualTo(2);
    assertThat(unknownTool.err()).contains("No tool is named 'create item!'");

    Cli.Result badUrl = Cli.run("call", "--spec", spec, "--base-url", "ftp://x", "getItem", "{\"id\":\"1\"}");
    assertThat(badUrl.exitCode()).isEqualTo(2);
    assertThat(badUrl.err()).contains("--base-url must be an absolute http or https URL");

    Cli.Result badHeaders = Cli.run(Map.of("OPENAPI_MCP_HEADERS", "{nope"), "call", "--spec", spec, "getItem",
        "{\"id\":\"1\"}");
    assertThat(badHeaders.exitCode()).isEqualTo(2);
    assertThat(badHeaders.err()).contains("OPENAPI_MCP_HEADERS").doesNotContain("{nope");
    assertThat(upstream.requests()).isEmpty();
  }
}
