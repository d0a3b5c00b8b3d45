package dev.openapimcp.examples.notion;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openapimcp.examples.notion.testing.Headers;
import dev.openapimcp.examples.notion.testing.Json;
import dev.openapimcp.examples.notion.testing.McpSession;
import dev.openapimcp.examples.notion.testing.NotionServer;
import dev.openapimcp.examples.notion.testing.ServerJar;
import dev.openapimcp.testing.JsonRpcLines;
import dev.openapimcp.testing.McpHttp;
import dev.openapimcp.testing.RecordingUpstream;
import dev.openapimcp.testing.RecordingUpstream.RecordedRequest;
import dev.openapimcp.examples.notion.testing.SpecFacts;
import dev.openapimcp.examples.notion.testing.ToolsListSize;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Content;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * End-to-end: the packaged jar as a child process, the MCP Java SDK's client on its stdio and a
 * loopback recorder standing in for api.notion.com.
 */
final class NotionServerIT {

  private static final String TOKEN = "ntn_it_0123456789abcdef";
  private static final String SECRET = "secret-123";
  /** Unescaped quotes in a client's JSON config cut the value short. */
  private static final String CUT_SHORT = "{\"Authorization\": \"Bearer " + SECRET + "\"";
  /** Quotes escaped once too often: {\"Authorization\":...} arrives with the backslashes. */
  private static final String ESCAPED_TWICE = "{\\\"Authorization\\\":\\\"Bearer " + SECRET + "\\\"}";
  private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(20);
  /** Tools npm's server lacks: Notion's file uploads, so a local image or PDF can be attached. */
  private static final List<String> NEW_TOOLS = List.of("API-create-a-file-upload", "API-list-file-uploads",
      "API-send-a-file-upload", "API-complete-a-file-upload", "API-retrieve-a-file-upload");
  /**
   * npm @notionhq/notion-mcp-server 2.5.2's tools/list answer: 76,259 bytes (one JSON-RPC line, every tool
   * carrying all nine component schemas; NpmParityIT measures both servers side by side).
   */
  private static final int NPM_TOOLS_LIST_BYTES = 76_259;

  @RegisterExtension
  static final NotionServer notion = NotionServer.withToken(TOKEN);

  private final RecordingUpstream api = notion.api();
  private final McpSession session = notion.session();

  static Stream<NotionCalls.Call> calls() {
    return NotionCalls.all().stream();
  }

  @Test
  void listsEveryNpmToolByItsNameAndTheFileUploadTools() {
    List<String> names = session.listTools().stream().map(Tool::name).toList();

    assertThat(names).containsExactlyElementsOf(SpecFacts.ours().toolNames());
    List<String> expected = new ArrayList<>(SpecFacts.npm().toolNames());
    expected.addAll(NEW_TOOLS);
    assertThat(names).hasSize(29).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void toolsListStaysWithinFourFifthsOfNpmsSize() {
    int bytes = ToolsListSize.bytes(ServerJar.command(), Map.of("NOTION_TOKEN", TOKEN, "BASE_URL", api.baseUrl()));

    assertThat(bytes).as("tools/list bytes (npm: %d)", NPM_TOOLS_LIST_BYTES)
        .isLessThanOrEqualTo(NPM_TOOLS_LIST_BYTES * 4 / 5);
  }

  @Test
  void everyInputSchemaIsAnObjectWhoseRefsResolveWithinItsOwnDefs() {
    for (Tool tool : session.listTools()) {
      JsonNode schema = Json.tree(tool.inputSchema());
      assertThat(schema.path("type").asText()).as("%s input schema type", tool.name()).isEqualTo("object");
      for (String ref : refsIn(schema)) {
        assertThat(ref).as("%s: $ref stays inside the tool", tool.name()).startsWith("#/$defs/");
        assertThat(schema.at(ref.substring(1)).isMissingNode()).as("%s: %s resolves", tool.name(), ref).isFalse();
      }
      Set<String> defs = new TreeSet<>();
      schema.path("$defs").fieldNames().forEachRemaining(defs::add);
      assertThat(defs)
          .as("%s: $defs holds exactly the definitions it reaches", tool.name())
          .isEqualTo(reachableDefs(schema));
    }
  }

  @Test
  void readOnlyHintsFollowTheHttpMethod() {
    Map<String, Tool> tools = session.listTools().stream().collect(Collectors.toMap(Tool::name, tool -> tool));
    for (NotionCalls.Call call : NotionCalls.all()) {
      if (call.request().method().equals("GET")) {
        assertThat(tools.get(call.tool()).annotations().readOnlyHint()).as("%s is read-only", call.tool()).isTrue();
      }
    }
    assertThat(tools.get("API-delete-a-block").annotations().destructiveHint()).isTrue();
  }

  /**
   * The answers our spec describes (users, a page of results, a page's Markdown) are output schemas
   * that require nothing, so a field Notion leaves out or adds never makes a client refuse the
   * answer, and the answer comes back as structured content that the SDK's validator accepts.
   */
  @Test
  void theAnswersTheSpecDescribesAreOutputSchemasAndComeBackStructured() {
    Map<String, Tool> tools = session.listTools().stream().collect(Collectors.toMap(Tool::name, tool -> tool));
    assertThat(tools.values().stream().filter(tool -> tool.outputSchema() != null).map(Tool::name))
        .containsExactlyInAnyOrder("API-get-user", "API-get-self", "API-get-users", "API-post-search",
            "API-get-block-children", "API-patch-block-children", "API-query-data-source",
            "API-retrieve-a-comment", "API-list-file-uploads", "API-retrieve-page-markdown",
            "API-update-page-markdown");
    for (Tool tool : tools.values()) {
      if (tool.outputSchema() != null) {
        JsonNode schema = Json.tree(tool.outputSchema());
        assertThat(schema.path("type").asText()).as(tool.name()).isEqualTo("object");
        assertThat(schema.findValues("required")).as("%s requires nothing", tool.name()).isEmpty();
      }
    }

    CallToolResult result = session.call("API-get-users", Map.of());

    assertThat(result.isError()).as("%s", result).isNotEqualTo(Boolean.TRUE);
    assertThat(result.structuredContent()).isEqualTo(Map.of("object", "list", "results", List.of(), "has_more", false));
    assertThat(new DefaultJsonSchemaValidator()
            .validate(tools.get("API-get-users").outputSchema(), result.structuredContent()).valid())
        .isTrue();
  }

  @Test
  void theSharedCallsCoverEveryNpmTool() {
    assertThat(NotionCalls.all()).extracting(NotionCalls.Call::tool)
        .containsExactlyInAnyOrderElementsOf(SpecFacts.npm().toolNames());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("calls")
  void eachToolSendsTheRequestTheApiExpects(NotionCalls.Call call) {
    CallToolResult result = session.call(call.tool(), call.arguments());

    assertThat(result.isError()).as("isError of %s: %s", call.tool(), result).isNotEqualTo(Boolean.TRUE);
    assertThat(texts(result)).as("the API's answer comes back as text").anySatisfy(text ->
        assertThat(Json.tryParse(text)).contains(Json.parse(NotionServer.answerFor(call.request().path()))));

    RecordedRequest request = api.onlyRequest();
    NotionCalls.ExpectedRequest expected = call.request();
    assertThat(request.method()).as("method").isEqualTo(expected.method());
    assertThat(request.path()).as("raw path").isEqualTo(expected.path());
    assertThat(request.query()).as("raw query").isEqualTo(expected.query());
    assertThat(Json.body(request.bodyText())).as("JSON body").isEqualTo(expected.body());
    assertThat(Headers.single(request, "Authorization")).as("Authorization").isEqualTo("Bearer " + TOKEN);
    assertThat(Headers.single(request, "Notion-Version")).as("Notion-Version").isEqualTo(expected.notionVersion());
    assertThat(Headers.single(request, "Content-Type"))
        .as("Content-Type")
        .isEqualTo(expected.body() == null ? null : "application/json");
  }

  @Test
  void notFoundIsAnErrorResultWithTheApisStatusCodeAndMessage() {
    api.respond(
        404, "{\"object\":\"error\",\"status\":404,\"code\":\"object_not_found\",\"message\":\"Could not find page\"}");

    CallToolResult result =
        session.call("API-retrieve-a-page", Map.of("page_id", "59833787-2cf9-4fdf-8782-e53db20768a5"));

    assertThat(result.isError()).isTrue();
    assertThat(String.join("\n", texts(result))).contains("404", "object_not_found", "Could not find page");
    assertThat(api.onlyRequest().path()).isEqualTo("/v1/pages/59833787-2cf9-4fdf-8782-e53db20768a5");
  }

  @Test
  void serverErrorIsAnErrorResult() {
    api.respond(
        500, "{\"object\":\"error\",\"status\":500,\"code\":\"internal_server_error\",\"message\":\"Unexpected error\"}");

    CallToolResult result = session.call("API-get-self", Map.of());

    assertThat(result.isError()).isTrue();
    assertThat(String.join("\n", texts(result))).contains("500", "internal_server_error");
    assertThat(api.requests()).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {CUT_SHORT, ESCAPED_TWICE})
  void malformedHeadersStopTheServerWithOneSentenceThatNeverShowsTheValue(String headers) {
    ServerJar.Exit exit =
        ServerJar.runToExit(
            ServerJar.command(),
            Map.of("OPENAPI_MCP_HEADERS", headers, "BASE_URL", api.baseUrl()),
            ServerJar.CONFIG_VARIABLES,
            EXIT_TIMEOUT);

    assertThat(exit.code()).as("exit code; stderr: %s", exit.stderr()).isEqualTo(2);
    // A JVM start plus parsing one variable; far below this even on a busy CI machine.
    assertThat(exit.elapsed()).isLessThan(Duration.ofSeconds(10));
    assertThat(exit.stdout()).as("stdout").isEmpty();
    assertThat(exit.stderrLines()).as("stderr").singleElement().asString().contains("OPENAPI_MCP_HEADERS");
    assertThat(exit.stderr()).doesNotContain(SECRET);
    assertThat(api.requests()).isEmpty();
  }

  /** Also the NOTION_TOKEN path: without OPENAPI_MCP_HEADERS the token becomes the bearer header. */
  @Test
  void stdoutCarriesNothingButJsonRpc() throws Exception {
    Path stderr = Files.createTempFile("notion-stderr", ".txt");
    Process server =
        ServerJar.processBuilder(
                ServerJar.command(), Map.of("NOTION_TOKEN", TOKEN, "BASE_URL", api.baseUrl()), ServerJar.CONFIG_VARIABLES)
            .redirectError(stderr.toFile())
            .start();
    try {
      JsonRpcLines rpc = new JsonRpcLines(server.getOutputStream(), server.getInputStream());
      assertThat(rpc.initialize()).containsKey("serverInfo");
      assertThat(Json.tree(rpc.request("tools/list", Map.of())).path("result").path("tools").size())
          .isEqualTo(SpecFacts.ours().toolNames().size());
      assertThat(rpc.callTool("API-get-self", Map.of())).doesNotContainEntry("isError", true);

      rpc.close(); // Closing stdin ends the session.
      assertThat(server.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).as("exits once stdin closes").isTrue();
      assertThat(server.exitValue()).isZero();
      assertThat(rpc.awaitEnd(Duration.ofSeconds(5))).as("stdout read to its end").isTrue();

      List<String> lines = rpc.lines();
      assertThat(lines).hasSizeGreaterThanOrEqualTo(3);
      for (String line : lines) {
        assertThat(Json.tryParse(line)).as("stdout line %s", line).hasValueSatisfying(NotionServerIT::assertJsonRpc);
      }
      assertThat(Files.readString(stderr)).doesNotContain(TOKEN);
    } finally {
      server.destroyForcibly();
      ServerJar.deleteQuietly(stderr);
    }
    assertThat(Headers.single(api.onlyRequest(), "Authorization")).isEqualTo("Bearer " + TOKEN);
  }

  @Test
  void httpTransportServesWithBearerAuthAndStopsOnSigterm() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path stdout = Files.createTempFile("notion-http-stdout", ".txt");
    Process process = ServerJar.processBuilder(
            ServerJar.command("--transport", "http", "--port", String.valueOf(port), "--auth-token", "client-secret"),
            Map.of("NOTION_TOKEN", "ntn_test", "BASE_URL", api.baseUrl()), ServerJar.CONFIG_VARIABLES)
        .redirectOutput(stdout.toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    try {
      HttpClient http = HttpClient.newHttpClient();
      URI health = URI.create("http://127.0.0.1:" + port + "/healthz");
      int status = 0;
      for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20); status != 200
          && System.nanoTime() < deadline; ) {
        try {
          status = http.send(HttpRequest.newBuilder(health).build(),
              HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException notYet) {
          Thread.sleep(100);
        }
      }
      assertThat(status).as("/healthz").isEqualTo(200);
      assertThat(McpHttp.post(port, Map.of(), McpHttp.INITIALIZE).statusCode())
          .as("no token").isEqualTo(401);
      HttpResponse<String> answer =
          McpHttp.post(port, Map.of("Authorization", "Bearer client-secret"), McpHttp.INITIALIZE);
      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(answer.body()).contains("notion-mcp-server");
    } finally {
      process.destroy();
      assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
    }
    assertThat(Files.readString(stdout, StandardCharsets.UTF_8)).as("stdout").isEmpty();
    Files.delete(stdout);
  }

  @Test
  void helpPrintsUsageAndExitsZero() {
    ServerJar.Exit exit =
        ServerJar.runToExit(ServerJar.command("--help"), Map.of(), ServerJar.CONFIG_VARIABLES, EXIT_TIMEOUT);

    assertThat(exit.code()).isZero();
    assertThat(exit.stdout()).contains("Usage:", "--transport", "OPENAPI_MCP_HEADERS", "NOTION_TOKEN", "BASE_URL");
    assertThat(exit.stderr()).isBlank();
  }

  private static void assertJsonRpc(JsonNode message) {
    assertThat(message.isObject()).isTrue();
    assertThat(message.path("jsonrpc").asText()).isEqualTo("2.0");
    boolean response = message.has("id") && (message.has("result") ^ message.has("error")) && !message.has("method");
    boolean requestOrNotification = message.path("method").isTextual() && !message.has("result") && !message.has("error");
    assertThat(response || requestOrNotification).as("a JSON-RPC response, request or notification: %s", message).isTrue();
  }

  private static List<String> texts(CallToolResult result) {
    List<String> texts = new ArrayList<>();
    for (Content content : result.content()) {
      if (content instanceof TextContent text) {
        texts.add(text.text());
      }
    }
    return texts;
  }

  /** Every {@code $ref} value anywhere in {@code node}. */
  private static List<String> refsIn(JsonNode node) {
    List<String> refs = new ArrayList<>();
    Deque<JsonNode> todo = new ArrayDeque<>(List.of(node));
    while (!todo.isEmpty()) {
      JsonNode next = todo.pop();
      if (next.isObject() && next.path("$ref").isTextual()) {
        refs.add(next.get("$ref").asText());
      }
      next.elements().forEachRemaining(todo::push);
    }
    return refs;
  }

  /** Names of the {@code $defs} entries reachable from the schema itself (not from unused defs). */
  private static Set<String> reachableDefs(JsonNode schema) {
    ObjectNode root = schema.deepCopy();
    JsonNode defs = root.remove("$defs");
    Set<String> reached = new TreeSet<>();
    Deque<JsonNode> todo = new ArrayDeque<>(List.of(root));
    while (!todo.isEmpty()) {
      for (String ref : refsIn(todo.pop())) {
        if (ref.startsWith("#/$defs/")) {
          String name = firstSegment(ref.substring("#/$defs/".length()));
          if (reached.add(name) && defs != null && defs.has(name)) {
            todo.push(defs.get(name));
          }
        }
      }
    }
    return reached;
  }

  private static String firstSegment(String pointer) {
    return pointer.split("/", 2)[0].replace("~1", "/").replace("~0", "~");
  }
}
