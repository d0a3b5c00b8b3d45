package dev.openapimcp.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openapimcp.model.ToolMode;
import dev.openapimcp.runtime.settings.ServerSettings;
import dev.openapimcp.testing.JsonRpcLines;
import dev.openapimcp.testing.RecordingUpstream;
import dev.openapimcp.testing.TestCatalog;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** --tools dynamic: three discovery tools (plus curated ones) reach every operation. */
class DiscoveryModeTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private RecordingUpstream api;
  private McpProxyServer server;
  private JsonRpcLines client;

  private void start(List<String> curated) throws IOException {
    api = RecordingUpstream.start().respond(200, "{\"id\":\"42\"}");
    PipedOutputStream clientOut = new PipedOutputStream();
    PipedInputStream serverIn = new PipedInputStream(clientOut, 1 << 16);
    PipedOutputStream serverOut = new PipedOutputStream();
    PipedInputStream clientIn = new PipedInputStream(serverOut, 1 << 16);
    server = McpProxyServer.builder(TestCatalog.catalog())
        .environment(Map.of("BASE_URL", api.baseUrl(), TestCatalog.TOKEN_VARIABLE, "t"))
        .settings(ServerSettings.builder().toolMode(ToolMode.DYNAMIC).exposedTools(curated).build())
        .input(serverIn)
        .output(serverOut)
        .build()
        .start();
    client = new JsonRpcLines(clientOut, clientIn);
    client.initialize();
  }

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
      server.close();
      api.close();
    }
  }

  @SuppressWarnings("unchecked")
  private List<String> toolNames() {
    List<Map<String, Object>> tools =
        (List<Map<String, Object>>) ((Map<?, ?>) client.request("tools/list", Map.of()).get("result")).get("tools");
    return tools.stream().map(tool -> (String) tool.get("name")).toList();
  }

  private JsonNode call(String tool, Map<String, Object> arguments) {
    return JSON.valueToTree(client.callTool(tool, arguments));
  }

  private static JsonNode text(JsonNode result) throws IOException {
    return JSON.readTree(result.at("/content/0/text").asText());
  }

  @Test
  void listsTheDiscoveryToolsAndCuratedOnesOnly() throws Exception {
    start(List.of("get-item"));
    assertThat(toolNames()).containsExactly("get-item", "search_operations", "describe_operation", "invoke_operation");
  }

  @Test
  void searchPagesDescribeShowsTheSchemaAndInvokeCallsThroughValidation() throws Exception {
    start(List.of());
    JsonNode all = text(call("search_operations", Map.of("limit", 3)));
    assertThat(all.path("total").asInt()).isEqualTo(4);
    assertThat(all.path("operations")).hasSize(3);
    JsonNode rest = text(call("search_operations", Map.of("limit", 3, "cursor", all.path("nextCursor").asText())));
    assertThat(rest.path("operations")).hasSize(1);
    assertThat(rest.has("nextCursor")).isFalse();

    JsonNode found = text(call("search_operations", Map.of("query", "delete")));
    assertThat(found.at("/operations/0/name").asText()).isEqualTo("delete-item");

    JsonNode described = text(call("describe_operation", Map.of("name", "get-item")));
    assertThat(described.at("/inputSchema/required/0").asText()).isEqualTo("item_id");

    JsonNode invalid = call("invoke_operation", Map.of("name", "get-item", "arguments", Map.of()));
    assertThat(invalid.path("isError").asBoolean()).isTrue();
    assertThat(invalid.at("/content/0/text").asText()).contains("item_id");
    assertThat(api.requests()).isEmpty();

    JsonNode ok = call("invoke_operation", Map.of("name", "get-item", "arguments", Map.of("item_id", "a/b")));
    assertThat(ok.path("isError").asBoolean()).isFalse();
    assertThat(api.onlyRequest().path()).isEqualTo("/v1/items/a%2Fb");

    JsonNode unknown = call("describe_operation", Map.of("name", "nope"));
    assertThat(unknown.path("isError").asBoolean()).isTrue();
    assertThat(unknown.at("/content/0/text").asText()).contains("no operation called nope");
  }

  @Test
  void aCuratedNameThatIsNoToolIsAConfigurationError() {
    assertThatThrownBy(() -> McpProxyServer.builder(TestCatalog.catalog()).environment(Map.of())
        .settings(ServerSettings.builder().toolMode(ToolMode.DYNAMIC).exposedTools(List.of("nope")).build()).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("exposedTools names nope, which is not a tool of this server.");
  }
}
