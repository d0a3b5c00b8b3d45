package dev.openapimcp.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openapimcp.model.Argument;
import dev.openapimcp.model.HttpBinding;
import dev.openapimcp.model.ToolCatalog;
import dev.openapimcp.model.ToolDefinition;
import dev.openapimcp.model.ToolHints;
import dev.openapimcp.model.ToolMode;
import dev.openapimcp.runtime.settings.ServerSettings;
import dev.openapimcp.runtime.settings.ServerSettings.Validation;
import dev.openapimcp.testing.McpHttp;
import dev.openapimcp.testing.RecordingUpstream;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code --validation strict|lenient|off}, {@code --read-only}, instructions and unknown tools, through
 * the SDK's own client over Streamable HTTP against a loopback API that records what it is sent.
 *
 * <p>The catalog is shaped like npm's Notion spec, whose block schema has {@code additionalProperties:
 * false} at every level and no {@code object} or {@code annotations}: what Notion's own examples send
 * (issue 10).
 */
class ValidationModesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String AUTH = "validation-token";

  /** A paragraph as Notion's reference writes it: {@code object}, annotations, a link the schema does not know. */
  private static final String CHILDREN = "[{\"object\":\"block\",\"type\":\"paragraph\",\"paragraph\":{\"rich_text\":"
      + "[{\"type\":\"text\",\"text\":{\"content\":\"Hi ✓\",\"link\":{\"url\":\"https://example.com\"}},"
      + "\"annotations\":{\"bold\":true,\"color\":\"red\"}}],\"color\":\"default\"}}]";

  private RecordingUpstream api;
  private McpProxyServer server;
  private McpSyncClient client;

  static ToolCatalog catalog() {
    ToolDefinition append = ToolDefinition.builder("append-block-children")
        .description("Appends blocks.")
        .hints(ToolHints.writes())
        .inputSchema("""
            {"type":"object","properties":{\
            "block_id":{"type":"string"},\
            "children":{"type":"array","items":{"$ref":"#/$defs/block"}},\
            "after":{"type":"string"}},\
            "required":["block_id","children"],"additionalProperties":false,\
            "$defs":{"block":{"type":"object","properties":{\
            "type":{"enum":["paragraph"]},\
            "paragraph":{"type":"object","properties":{"rich_text":{"type":"array","items":{"type":"object",\
            "properties":{"type":{"const":"text"},"text":{"type":"object","properties":{"content":{"type":"string"}},\
            "required":["content"],"additionalProperties":false}},"additionalProperties":false}}},\
            "additionalProperties":false}},\
            "required":["paragraph"],"additionalProperties":false}}}""")
        .http(HttpBinding.of("PATCH", "/v1/blocks/{block_id}/children")
            .argument(Argument.path("block_id"))
            .argument(Argument.bodyProperty("children"))
            .argument(Argument.bodyProperty("after"))
            .mediaType("application/json")
            .build())
        .build();
    ToolDefinition list = ToolDefinition.builder("get-block-children")
        .description("Lists child blocks.")
        .hints(ToolHints.readOnly())
        .inputSchema("""
            {"type":"object","properties":{"block_id":{"type":"string"},\
            "page_size":{"type":"integer","minimum":1,"maximum":100}},\
            "required":["block_id"],"additionalProperties":false}""")
        .http(HttpBinding.of("GET", "/v1/blocks/{block_id}/children")
            .argument(Argument.path("block_id"))
            .argument(Argument.query("page_size"))
            .build())
        .build();
    ToolDefinition update = ToolDefinition.builder("update-page")
        .description("Updates a page; the whole body is one argument.")
        .hints(ToolHints.writes())
        .inputSchema("""
            {"type":"object","properties":{"page_id":{"type":"string"},\
            "body":{"type":"object","properties":{"archived":{"type":"boolean"}},"additionalProperties":false}},\
            "required":["page_id"]}""")
        .http(HttpBinding.of("PATCH", "/v1/pages/{page_id}")
            .argument(Argument.path("page_id"))
            .argument(Argument.body("body"))
            .mediaType("application/json")
            .build())
        .build();
    return new ToolCatalog("blocks-mcp-server", "2.0.0", "http://127.0.0.1:9/", "BLOCKS_TOKEN",
        List.of(append, list, update));
  }

  private void start(UnaryOperator<ServerSettings.Builder> settings) {
    api = RecordingUpstream.start().respond(200, "{\"object\":\"list\"}");
    server = McpProxyServer.builder(catalog())
        .environment(Map.of("BASE_URL", api.baseUrl(), "BLOCKS_TOKEN", "t"))
        .settings(settings.apply(ServerSettings.builder().transport(ServerSettings.Transport.HTTP).port(0)
            .authToken(AUTH)).build())
        .build()
        .start();
    client = McpHttp.connect(server.httpPort(), Map.of("Authorization", "Bearer " + AUTH));
  }

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
      client = null;
    }
    if (server != null) {
      server.close();
      server = null;
    }
    if (api != null) {
      api.close();
      api = null;
    }
  }

  private CallToolResult call(String tool, String argumentsJson) throws Exception {
    @SuppressWarnings("unchecked") // a JSON object; LinkedHashMap keeps the order written
    Map<String, Object> arguments = JSON.readValue(argumentsJson, LinkedHashMap.class);
    return client.callTool(CallToolRequest.builder(tool).arguments(arguments).build());
  }

  private static String text(CallToolResult result) {
    return ((McpSchema.TextContent) result.content().get(0)).text();
  }

  private String onlyBody() {
    return new String(api.onlyRequest().body(), StandardCharsets.UTF_8);
  }

  @Test
  void lenientByDefaultSendsWhatTheSchemaDoesNotListByteForByte() throws Exception {
    start(settings -> settings);

    CallToolResult result = call("append-block-children", "{\"block_id\":\"b1\",\"children\":" + CHILDREN + "}");

    assertThat(result.isError()).as(text(result)).isFalse();
    assertThat(api.onlyRequest().target()).isEqualTo("/v1/blocks/b1/children");
    assertThat(onlyBody()).isEqualTo("{\"children\":" + CHILDREN + "}");
  }

  @Test
  void lenientPutsUndeclaredTopLevelArgumentsIntoTheBody() throws Exception {
    start(settings -> settings.validation(Validation.LENIENT));

    call("append-block-children",
        "{\"block_id\":\"b1\",\"children\":[],\"position\":{\"type\":\"end\"},\"after\":\"b0\"}");
    assertThat(onlyBody()).isEqualTo("{\"children\":[],\"after\":\"b0\",\"position\":{\"type\":\"end\"}}");

    // A tool whose whole body is one argument: undeclared ones join that object, which keeps its own values.
    api.reset();
    call("update-page", "{\"page_id\":\"p1\",\"body\":{\"archived\":true},\"in_trash\":true,\"archived\":false}");
    assertThat(onlyBody()).isEqualTo("{\"archived\":true,\"in_trash\":true}");
    api.reset();
    call("update-page", "{\"page_id\":\"p1\",\"in_trash\":true}");
    assertThat(onlyBody()).isEqualTo("{\"in_trash\":true}");
  }

  @Test
  void lenientStillRefusesWhatIsCertainlyWrongNamingTheFieldAndSendingNothing() throws Exception {
    start(settings -> settings);

    CallToolResult wrongType = call("get-block-children", "{\"block_id\":\"b1\",\"page_size\":\"many\"}");
    assertThat(wrongType.isError()).isTrue();
    assertThat(text(wrongType))
        .isEqualTo("Invalid arguments for get-block-children: page_size: expected integer, got string.");

    CallToolResult wrongPathType = call("get-block-children", "{\"block_id\":{\"id\":\"b1\"}}");
    assertThat(text(wrongPathType))
        .isEqualTo("Invalid arguments for get-block-children: block_id: expected string, got object.");

    CallToolResult missing = call("append-block-children", "{\"children\":[]}");
    assertThat(text(missing)).isEqualTo("Invalid arguments for append-block-children: block_id: required, but missing.");

    CallToolResult malformed = call("append-block-children", "{\"block_id\":\"b1\",\"children\":\"[{\\\"type\\\":\"}");
    assertThat(malformed.isError()).isTrue();
    assertThat(text(malformed)).startsWith("children: expected an object or array; got JSON text that does not parse");

    assertThat(api.requests()).isEmpty();

    // A quoted number is a number: models quote scalars, and the value is certainly meant.
    call("get-block-children", "{\"block_id\":\"b1\",\"page_size\":\"25\"}");
    assertThat(api.onlyRequest().target()).isEqualTo("/v1/blocks/b1/children?page_size=25");
  }

  @Test
  void strictRefusesUndeclaredPropertiesAtAnyDepthAndUndeclaredArguments() throws Exception {
    start(settings -> settings.validation(Validation.STRICT));

    CallToolResult nested = call("append-block-children", "{\"block_id\":\"b1\",\"children\":" + CHILDREN + "}");
    assertThat(nested.isError()).isTrue();
    assertThat(text(nested)).startsWith("Invalid arguments for append-block-children: ")
        .contains("children[0]: property 'object' is not defined in the schema");

    CallToolResult undeclared = call("append-block-children", "{\"block_id\":\"b1\",\"children\":[],\"position\":{}}");
    assertThat(text(undeclared)).isEqualTo("Invalid arguments for append-block-children: position: not an argument"
        + " of this tool (--validation strict refuses undeclared arguments; the tool takes after, block_id,"
        + " children).");

    CallToolResult bounds = call("get-block-children", "{\"block_id\":\"b1\",\"page_size\":500}");
    assertThat(text(bounds)).isEqualTo("Invalid arguments for get-block-children: page_size: must have a maximum"
        + " value of 100.");
    assertThat(api.requests()).isEmpty();
  }

  @Test
  void offChecksNothingBeyondBuildingTheRequest() throws Exception {
    start(settings -> settings.validation(Validation.OFF));

    call("get-block-children", "{\"block_id\":\"b1\",\"page_size\":\"many\"}");
    assertThat(api.onlyRequest().target()).isEqualTo("/v1/blocks/b1/children?page_size=many");

    api.reset();
    call("append-block-children", "{\"block_id\":\"b1\",\"children\":" + CHILDREN + ",\"position\":{}}");
    assertThat(onlyBody()).isEqualTo("{\"children\":" + CHILDREN + ",\"position\":{}}");

    api.reset();
    CallToolResult noPath = call("append-block-children", "{\"children\":[]}");
    assertThat(noPath.isError()).isTrue();
    assertThat(text(noPath)).isEqualTo("Missing required path parameter 'block_id'.");
    assertThat(api.requests()).isEmpty();
  }

  @Test
  void readOnlyListsAndCallsOnlyToolsThatOnlyRead() throws Exception {
    start(settings -> settings.readOnly(true));

    assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name).containsExactly("get-block-children");
    CallToolResult write = call("append-block-children", "{\"block_id\":\"b1\",\"children\":[]}");
    assertThat(write.isError()).isTrue();
    assertThat(text(write)).isEqualTo("append-block-children is not available: this server runs read-only"
        + " (--read-only), so only tools that only read can be called; nothing was sent.");
    assertThat(api.requests()).isEmpty();

    assertThat(call("get-block-children", "{\"block_id\":\"b1\"}").isError()).isFalse();
    assertThat(api.onlyRequest().method()).isEqualTo("GET");
    assertThat(client.getServerInstructions()).contains("This server runs read-only");
  }

  @Test
  void readOnlyWithDynamicToolsSearchesDescribesAndInvokesOnlyReads() throws Exception {
    start(settings -> settings.readOnly(true).toolMode(ToolMode.DYNAMIC).exposedTools(List.of("update-page")));

    // The server's own curated write is left out rather than failing the start.
    assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name)
        .containsExactly("search_operations", "describe_operation", "invoke_operation");
    assertThat(JSON.readTree(text(call("search_operations", "{}"))).path("total").asInt()).isEqualTo(1);
    String refusal = "append-block-children is not available: this server runs read-only (--read-only), so only"
        + " tools that only read can be called; nothing was sent.";
    assertThat(text(call("describe_operation", "{\"name\":\"append-block-children\"}"))).isEqualTo(refusal);
    CallToolResult invoked = call("invoke_operation",
        "{\"name\":\"append-block-children\",\"arguments\":{\"block_id\":\"b1\",\"children\":[]}}");
    assertThat(invoked.isError()).isTrue();
    assertThat(text(invoked)).isEqualTo(refusal);
    assertThat(api.requests()).isEmpty();

    assertThat(call("invoke_operation", "{\"name\":\"get-block-children\",\"arguments\":{\"block_id\":\"b1\"}}")
        .isError()).isFalse();
    assertThat(api.onlyRequest().target()).isEqualTo("/v1/blocks/b1/children");
  }

  @Test
  void instructionsAreTheServersOwnOrAGenericTextAndUnknownToolsAreNamedWithCloseMatches() throws Exception {
    start(settings -> settings);

    assertThat(client.getServerInstructions())
        .startsWith("blocks-mcp-server offers the operations of an HTTP API as tools")
        .contains("Start with tools that only read (readOnlyHint)");
    CallToolResult unknown = call("append-block-childs", "{}");
    assertThat(unknown.isError()).isTrue();
    assertThat(text(unknown)).isEqualTo("Unknown tool: append-block-childs. Did you mean append-block-children?");
    // The hidden tool that answers unknown names is never listed.
    assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name)
        .containsExactly("append-block-children", "get-block-children", "update-page");
    assertThat(api.requests()).isEmpty();

    stop();
    start(settings -> settings.instructions("Share pages with the integration first."));
    assertThat(client.getServerInstructions()).isEqualTo("Share pages with the integration first.");
  }
}
