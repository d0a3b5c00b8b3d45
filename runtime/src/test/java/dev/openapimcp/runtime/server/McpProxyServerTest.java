package dev.openapimcp.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import dev.openapimcp.testing.JsonRpcLines;
import dev.openapimcp.testing.RecordingUpstream;
import dev.openapimcp.testing.TestCatalog;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The server in this JVM on piped streams, driven by raw JSON-RPC lines. */
class McpProxyServerTest {

  private static final String SECRET = "secret-token-42";

  private RecordingUpstream api;
  private McpProxyServer server;
  private JsonRpcLines client;

  @BeforeEach
  void start() throws IOException {
    api = RecordingUpstream.start();
    PipedOutputStream clientOut = new PipedOutputStream();
    PipedInputStream serverIn = new PipedInputStream(clientOut, 1 << 16);
    PipedOutputStream serverOut = new PipedOutputStream();
    PipedInputStream clientIn = new PipedInputStream(serverOut, 1 << 16);
    server =
        McpProxyServer.builder(TestCatalog.catalog())
            .environment(Map.of("BASE_URL", api.baseUrl(), TestCatalog.TOKEN_VARIABLE, SECRET))
            .input(serverIn)
            .output(serverOut)
            .build()
            .start();
    client = new JsonRpcLines(clientOut, clientIn);
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
    api.close();
  }

  @Test
  void initializeReportsTheCatalogsNameAndVersionAndToolsCapability() {
    Map<String, Object> result = client.initialize();

    assertThat(result.get("serverInfo")).isEqualTo(Map.of("name", "test-api-server", "version", "1.2.3"));
    assertThat(result.get("capabilities")).asInstanceOf(MAP).containsKey("tools");
  }

  @Test
  void toolsListShowsEveryToolWithSchemaTitleAndHints() {
    client.initialize();

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> tools =
        (List<Map<String, Object>>) ((Map<?, ?>) client.request("tools/list", Map.of()).get("result")).get("tools");

    assertThat(tools)
        .extracting(tool -> tool.get("name"))
        .containsExactly("get-item", "create-item", "search", "delete-item");
    Map<String, Object> getItem = tools.get(0);
    assertThat(getItem).containsEntry("title", "Get item").containsEntry("description", "Reads one item.");
    assertThat(getItem.get("annotations")).isEqualTo(Map.of("title", "Get item", "readOnlyHint", true));
    assertThat(getItem.get("inputSchema"))
        .asInstanceOf(MAP)
        .containsEntry("required", List.of("item_id"))
        .containsEntry("additionalProperties", false);
    assertThat(tools.get(3).get("annotations"))
        .isEqualTo(Map.of("title", "Delete item", "readOnlyHint", false, "destructiveHint", true, "idempotentHint", true));
  }

  @Test
  void callGoesOutAsTheExactRequest() {
    client.initialize();
    api.respond(200, "{\"object\":\"item\",\"id\":\"i 1\"}");

    Map<String, Object> result =
        client.callTool(
            "get-item", Map.of("item_id", "i 1", "expand", true, "tags", List.of("a", "b c"), "request_id", "r-9"));

    assertThat(result.get("isError")).isEqualTo(false);
    assertThat(result.get("content"))
        .isEqualTo(List.of(Map.of("type", "text", "text", "{\"object\":\"item\",\"id\":\"i 1\"}")));
    assertThat(result.get("structuredContent")).isEqualTo(Map.of("object", "item", "id", "i 1"));
    RecordingUpstream.RecordedRequest request = api.onlyRequest();
    assertThat(request.method()).isEqualTo("GET");
    assertThat(request.target()).isEqualTo("/v1/items/i%201?expand=true&tags=a&tags=b%20c");
    assertThat(request.header("Authorization")).isEqualTo("Bearer " + SECRET);
    assertThat(request.header("Accept")).isEqualTo("application/json");
    assertThat(request.header("X-Request-Id")).isEqualTo("r-9");
    assertThat(request.header("Content-Type")).isNull();
    assertThat(request.body()).isEmpty();
  }

  @Test
  void invalidArgumentsAreAToolErrorAndNoRequest() {
    client.initialize();

    // Lenient (the default): a query value of the wrong type is certainly wrong; the body is the API's to judge.
    Map<String, Object> result = client.callTool("search", Map.of("page_size", "ten", "filter", "{\"value\":\"x\"}"));

    assertThat(result.get("isError")).isEqualTo(true);
    assertThat(result.get("content").toString())
        .contains("Invalid arguments for search: page_size: expected integer, got string.")
        .doesNotContain("filter");
    assertThat(api.requests()).isEmpty();
  }

  @Test
  void clientClosingItsEndStopsTheServer() throws InterruptedException {
    client.initialize();

    client.endInput();

    assertThat(server.awaitTermination(Duration.ofSeconds(10))).isTrue();
  }

  @Test
  void startingTwiceIsRefused() {
    assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void badEnvironmentFailsAtBuildWithTheUsersMessage() {
    assertThatThrownBy(
            () ->
                McpProxyServer.builder(TestCatalog.catalog())
                    .environment(Map.of("OPENAPI_MCP_HEADERS", "{\"Authorization\": Bearer " + SECRET + "}"))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("OPENAPI_MCP_HEADERS is not valid JSON: unexpected character at line 1, column 19.")
        .message()
        .doesNotContain(SECRET);
  }
}
