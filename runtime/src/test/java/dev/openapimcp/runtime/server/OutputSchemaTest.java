package dev.openapimcp.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openapimcp.model.ToolCatalog;
import dev.openapimcp.model.ToolDefinition;
import dev.openapimcp.runtime.settings.ServerSettings;
import dev.openapimcp.testing.McpHttp;
import dev.openapimcp.testing.RecordingUpstream;
import dev.openapimcp.testing.TestCatalog;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A tool with an output schema, served over HTTP (with sessions and without: the SDK builds two
 * servers) to the SDK's own client: an answer that matches the schema comes back as structured
 * content, and one that does not is still the API's whole answer, as an error result with a line
 * saying why (the SDK's server would have put "Validation failed: ..." in place of the answer, and
 * Python {@code mcp} and the TypeScript SDK refuse a success that does not match).
 */
class OutputSchemaTest {

  private static final String AUTH_TOKEN = "output-schema-test-token";
  private static final String OUTPUT_SCHEMA = """
      {"type":"object","properties":{"object":{"const":"item"},"id":{"type":"string"}},\
      "required":["object","id"]}""";

  private static ToolCatalog catalog() {
    ToolDefinition getItem = TestCatalog.getItem();
    ToolDefinition withOutput = new ToolDefinition(getItem.name(), getItem.title(), getItem.description(),
        getItem.inputSchema(), OUTPUT_SCHEMA, getItem.hints(), getItem.http());
    ToolCatalog test = TestCatalog.catalog();
    return new ToolCatalog(test.serverName(), test.serverVersion(), test.baseUrl(), test.tokenVariable(),
        List.of(withOutput, TestCatalog.search()), test.credentials());
  }

  @ParameterizedTest(name = "stateless={0}")
  @ValueSource(booleans = {false, true})
  void aMatchingAnswerIsStructuredAndOneThatDoesNotMatchIsAnErrorResultCarryingIt(boolean stateless) {
    try (RecordingUpstream api = RecordingUpstream.start();
        McpProxyServer server = McpProxyServer.builder(catalog())
            .environment(Map.of("BASE_URL", api.baseUrl(), TestCatalog.TOKEN_VARIABLE, "env-token"))
            .settings(ServerSettings.builder().transport(ServerSettings.Transport.HTTP).port(0)
                .authToken(AUTH_TOKEN).stateless(stateless).build())
            .build()
            .start()) {
      McpSyncClient client = McpHttp.connect(server.httpPort(), Map.of("Authorization", "Bearer " + AUTH_TOKEN));
      try {
        McpSchema.Tool listed = client.listTools().tools().get(0);
        assertThat(listed.outputSchema()).containsEntry("type", "object").containsEntry("required",
            List.of("object", "id"));
        assertThat(client.listTools().tools().get(1).outputSchema()).isNull();

        String matching = "{\"object\":\"item\",\"id\":\"i1\"}";
        api.respond(200, matching);
        CallToolResult structured = client.callTool(getItem("i1"));
        assertThat(structured.isError()).isFalse();
        assertThat(structured.structuredContent()).isEqualTo(Map.of("object", "item", "id", "i1"));
        assertThat(text(structured)).isEqualTo(matching);

        String other = "{\"object\":\"page\",\"id\":7,\"archived\":true}";
        api.respond(200, other);
        CallToolResult unmatched = client.callTool(getItem("p7"));
        assertThat(unmatched.isError()).as("%s", unmatched).isTrue();
        assertThat(texts(unmatched)).first().isEqualTo(other);
        assertThat(texts(unmatched)).last().asString()
            .contains("does not match the tool's outputSchema (", "id: ", "the API itself answered with success");
        assertThat(api.requests()).hasSize(2);
      } finally {
        client.closeGracefully();
      }
    }
  }

  /**
   * Python {@code mcp} 2.3.0 and the TypeScript SDK refuse a success without structured content from
   * a tool with an output schema: such an answer (cut at the text limit, or not JSON) comes as an
   * error result that carries it, so the model still reads it.
   */
  @Test
  void anAnswerThatCannotBeStructuredComesAsAnErrorResultCarryingIt() {
    try (RecordingUpstream api = RecordingUpstream.start();
        McpProxyServer server = McpProxyServer.builder(catalog())
            .environment(Map.of("BASE_URL", api.baseUrl(), TestCatalog.TOKEN_VARIABLE, "env-token"))
            .settings(ServerSettings.builder().transport(ServerSettings.Transport.HTTP).port(0)
                .authToken(AUTH_TOKEN).maxTextBytes(64).build())
            .build()
            .start()) {
      McpSyncClient client = McpHttp.connect(server.httpPort(), Map.of("Authorization", "Bearer " + AUTH_TOKEN));
      try {
        api.respond(RecordingUpstream.Response.of(200, "text/plain", "item i1 is ready"));
        CallToolResult plain = client.callTool(getItem("i1"));
        assertThat(plain.isError()).isTrue();
        assertThat(plain.structuredContent()).isNull();
        assertThat(texts(plain)).first().isEqualTo("item i1 is ready");
        assertThat(texts(plain)).last().asString().contains("not the JSON object the tool's outputSchema promises");

        String longAnswer = "{\"object\":\"item\",\"id\":\"i2\",\"notes\":\"" + "x".repeat(100) + "\"}";
        api.respond(200, longAnswer);
        CallToolResult cut = client.callTool(getItem("i2"));
        assertThat(cut.isError()).isTrue();
        assertThat(texts(cut)).first().asString().startsWith(longAnswer.substring(0, 64)).contains("[truncated:");

        api.respond(200, "{\"object\":\"item\",\"id\":\"i3\"}");
        assertThat(client.callTool(getItem("i3")).isError()).isFalse();

        api.respond(RecordingUpstream.Response.of(200, "text/plain", "no schema, no promise"));
        CallToolResult search = client.callTool(
            CallToolRequest.builder("search").arguments(Map.of("query", "x")).build());
        assertThat(search.isError()).as("a tool without an output schema").isFalse();
        assertThat(api.requests()).hasSize(4);
      } finally {
        client.closeGracefully();
      }
    }
  }

  private static List<String> texts(CallToolResult result) {
    return result.content().stream().map(content -> ((McpSchema.TextContent) content).text()).toList();
  }

  private static CallToolRequest getItem(String id) {
    return CallToolRequest.builder("get-item").arguments(Map.of("item_id", id)).build();
  }

  private static String text(CallToolResult result) {
    assertThat(result.content()).hasSize(1);
    return ((McpSchema.TextContent) result.content().get(0)).text();
  }
}
