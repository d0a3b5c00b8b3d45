package dev.openapimcp.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openapimcp.runtime.internal.json.JsonText;
import dev.openapimcp.testing.RecordingUpstream;
import dev.openapimcp.testing.ServerProcess;
import dev.openapimcp.testing.TestCatalog;
import dev.openapimcp.runtime.testing.TestServerMain;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A real server process (the test catalog's {@code main}) driven by the MCP SDK's own stdio client
 * against a loopback upstream. One process serves every test here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StdioSdkClientTest {

  private static final String SECRET = "s3cret-token-value";

  private final List<String> stderr = new CopyOnWriteArrayList<>();
  private RecordingUpstream api;
  private McpSyncClient client;

  @BeforeAll
  void startServer() {
    api = RecordingUpstream.start();
    List<String> arguments = ServerProcess.jvmArguments(TestServerMain.class);
    ServerParameters parameters =
        ServerParameters.builder(ServerProcess.javaLauncher())
            .args(arguments)
            .env(
                Map.of(
                    "BASE_URL", api.baseUrl() + "/",
                    // A pinned version that differs from create-item's own: the operation's must win.
                    "OPENAPI_MCP_HEADERS", "{\"Authorization\":\"Bearer " + SECRET + "\",\"api-version\":\"2022-06-28\"}"))
            .build();
    StdioClientTransport transport = new StdioClientTransport(parameters, McpJsonDefaults.getMapper());
    transport.setStdErrorHandler(stderr::add);
    client =
        McpClient.sync(transport)
            .requestTimeout(Duration.ofSeconds(30))
            .initializationTimeout(Duration.ofSeconds(30))
            .build();
    client.initialize();
  }

  @AfterAll
  void stopServer() {
    if (client != null) {
      client.closeGracefully();
    }
    api.close();
  }

  @BeforeEach
  void forgetRequests() {
    api.reset();
  }

  private static CallToolRequest call(String tool, Map<String, Object> arguments) {
    return CallToolRequest.builder(tool).arguments(arguments).build();
  }

  private static String text(CallToolResult result) {
    assertThat(result.content()).hasSize(1);
    return ((McpSchema.TextContent) result.content().get(0)).text();
  }

  @Test
  void serverInfoComesFromTheCatalog() {
    assertThat(client.getServerInfo().name()).isEqualTo("test-api-server");
    assertThat(client.getServerInfo().version()).isEqualTo("1.2.3");
  }

  @Test
  void listsTheCatalogsTools() {
    List<McpSchema.Tool> tools = client.listTools().tools();

    assertThat(tools).extracting(McpSchema.Tool::name).containsExactly("get-item", "create-item", "search", "delete-item");
    McpSchema.Tool createItem = tools.get(1);
    assertThat(createItem.title()).isEqualTo("Create item");
    assertThat(createItem.annotations().readOnlyHint()).isFalse();
    assertThat(createItem.annotations().destructiveHint()).isFalse();
    assertThat(createItem.inputSchema()).isEqualTo(JsonText.parse(TestCatalog.createItem().inputSchema()).orElseThrow());
  }

  @Test
  void successfulCallSendsExactlyTheExpectedRequest() {
    api.respond(200, "{\"object\":\"item\",\"id\":\"i1\"}");

    CallToolResult result =
        client.callTool(
            call(
                "create-item",
                Map.of(
                    "parent", "{\"id\":\"p1\"}",
                    "title", "Hello \"world\"",
                    "children", "[{\"type\":\"paragraph\",\"text\":\"hi\"}]")));

    assertThat(result.isError()).isFalse();
    assertThat(text(result)).isEqualTo("{\"object\":\"item\",\"id\":\"i1\"}");
    assertThat(result.structuredContent()).isEqualTo(Map.of("object", "item", "id", "i1"));
    RecordingUpstream.RecordedRequest request = api.onlyRequest();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.target()).isEqualTo("/v1/items");
    assertThat(request.header("Authorization")).isEqualTo("Bearer " + SECRET);
    assertThat(request.headers().get("api-version")).containsExactly(TestCatalog.API_VERSION);
    assertThat(request.header("Accept")).isEqualTo("application/json");
    assertThat(request.header("Content-Type")).isEqualTo("application/json");
    assertThat(request.bodyText())
        .isEqualTo(
            "{\"parent\":{\"id\":\"p1\"},\"title\":\"Hello \\\"world\\\"\","
                + "\"children\":[{\"type\":\"paragraph\",\"text\":\"hi\"}]}");
  }

  @Test
  void queryAndCookieArguments() {
    api.respond(200, "{\"results\":[]}");

    CallToolResult result =
        client.callTool(
            call(
                "search",
                Map.of("page_size", 5, "session", "abc;1", "query", "q", "sort", Map.of("direction", "ascending"))));

    assertThat(result.isError()).isFalse();
    RecordingUpstream.RecordedRequest request = api.onlyRequest();
    assertThat(request.target()).isEqualTo("/v1/search?page_size=5");
    assertThat(request.header("Cookie")).isEqualTo("session=abc%3B1");
    assertThat(JsonText.parse(request.bodyText())).hasValue(Map.of("query", "q", "sort", Map.of("direction", "ascending")));
  }

  @Test
  void notFoundIsAToolErrorWithStatusCodeAndMessage() {
    api.respond(
        404,
        "{\"object\":\"error\",\"status\":404,\"code\":\"object_not_found\",\"message\":\"Could not find item i9.\"}");

    CallToolResult result = client.callTool(call("get-item", Map.of("item_id", "i9")));

    assertThat(result.isError()).isTrue();
    assertThat(text(result))
        .startsWith("HTTP 404 Not Found (object_not_found): Could not find item i9.\n"
            // No hint: what a 404 means is the server's to say (Notion's is configured by its spec).
            + "\n{");
    assertThat(api.onlyRequest().target()).isEqualTo("/v1/items/i9");
  }

  @Test
  void invalidArgumentsAreRejectedBeforeAnyRequest() {
    CallToolResult result =
        client.callTool(call("create-item", Map.of("title", "t", "colour", "red")));

    assertThat(result.isError()).isTrue();
    assertThat(text(result)).isEqualTo("Invalid arguments for create-item: parent: required, but missing.");
    assertThat(api.requests()).isEmpty();
  }

  @Test
  void stderrHasTheStartLineOneOverrideWarningAndNoSecret() throws InterruptedException {
    // Two more calls of the operation whose fixed header overrides the environment's.
    for (int i = 0; i < 2; i++) {
      client.callTool(call("create-item", Map.of("parent", Map.of("id", "p" + i))));
    }
    Thread.sleep(200); // stderr is read by another thread

    String startLine = "test-api-server 1.2.3 serving 4 tools over stdio for http://127.0.0.1:" + api.port();
    assertThat(stderr).anyMatch(line -> line.contains(startLine));
    assertThat(stderr.stream().filter(line -> line.contains("sets api-version, which is ignored by every operation that declares its own api-version")))
        .hasSize(1);
    assertThat(stderr).noneMatch(line -> line.contains(SECRET)).noneMatch(line -> line.contains("2022-06-28"));
  }
}
