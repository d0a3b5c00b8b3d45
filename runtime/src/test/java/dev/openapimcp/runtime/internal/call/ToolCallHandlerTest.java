package dev.openapimcp.runtime.internal.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openapimcp.runtime.internal.capacity.RateLimiter;
import dev.openapimcp.runtime.internal.config.BaseUrl;
import dev.openapimcp.runtime.internal.json.JsonText;
import dev.openapimcp.runtime.internal.request.RequestBuilder;
import dev.openapimcp.runtime.internal.result.ErrorHints;
import dev.openapimcp.runtime.internal.result.ResultMapper;
import dev.openapimcp.runtime.internal.upstream.UpstreamClient;
import dev.openapimcp.runtime.settings.ServerSettings;
import dev.openapimcp.runtime.testing.StructuredContent;
import dev.openapimcp.testing.RecordingUpstream;
import dev.openapimcp.testing.TestCatalog;
import dev.openapimcp.model.ToolDefinition;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The whole call path against a real loopback upstream, without MCP around it. */
class ToolCallHandlerTest {

  private final RecordingUpstream api = RecordingUpstream.start();

  @AfterEach
  void stop() {
    api.close();
  }

  @SuppressWarnings("unchecked")
  private ToolCallHandler handler(ToolDefinition tool, Map<String, String> environmentHeaders) {
    Map<String, Object> schema = (Map<String, Object>) JsonText.parse(tool.inputSchema()).orElseThrow();
    return new ToolCallHandler(
        tool,
        new ArgumentDecoder(schema),
        new ArgumentValidator(tool.name(), schema, McpJsonDefaults.getSchemaValidator()),
        new RequestBuilder(
            BaseUrl.fromEnvironment(Map.of("BASE_URL", api.baseUrl() + "/"), "http://unused"), environmentHeaders),
        new UpstreamClient(null, ServerSettings.defaults(), RateLimiter.unlimited()),
        new ResultMapper(ServerSettings.defaults(), ErrorHints.generic()));
  }

  private static String text(CallToolResult result) {
    return ((McpSchema.TextContent) result.content().get(0)).text();
  }

  @Test
  void stringifiedArgumentsAreDecodedThenSentWithFixedHeadersWinning() {
    api.respond(200, "{\"object\":\"item\",\"id\":\"i1\"}");

    CallToolResult result =
        handler(TestCatalog.createItem(), Map.of("Authorization", "Bearer t0k3n", "api-version", "2022-06-28"))
            .call(Map.of("parent", "{\"id\":\"p1\"}", "children", "[{\"type\":\"paragraph\",\"text\":\"hi\"}]"));

    assertThat(result.isError()).isFalse();
    assertThat(StructuredContent.asMap(result)).isEqualTo(Map.of("object", "item", "id", "i1"));
    RecordingUpstream.RecordedRequest request = api.onlyRequest();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.target()).isEqualTo("/v1/items");
    assertThat(request.header("Api-Version")).isEqualTo(TestCatalog.API_VERSION);
    assertThat(request.headers().get("Api-Version")).hasSize(1);
    assertThat(request.header("Authorization")).isEqualTo("Bearer t0k3n");
    assertThat(request.header("Content-Type")).isEqualTo("application/json");
    assertThat(JsonText.parse(request.bodyText()))
        .hasValue(
            Map.of("parent", Map.of("id", "p1"), "children", List.of(Map.of("type", "paragraph", "text", "hi"))));
  }

  @Test
  void invalidArgumentsNameTheFieldAndSendNothing() {
    CallToolResult result = handler(TestCatalog.createItem(), Map.of()).call(Map.of("parent", Map.of("id", 7)));

    assertThat(result.isError()).isTrue();
    assertThat(text(result)).isEqualTo("Invalid arguments for create-item: parent.id: integer found, string expected.");
    assertThat(api.requests()).isEmpty();
  }

  @Test
  void nullArgumentsAreTreatedAsNone() {
    CallToolResult result = handler(TestCatalog.getItem(), Map.of()).call(null);

    assertThat(result.isError()).isTrue();
    assertThat(text(result)).contains("required property 'item_id' not found");
    assertThat(api.requests()).isEmpty();
  }

  @Test
  void noContentAnswer() {
    api.respond(204, "");

    CallToolResult result =
        handler(TestCatalog.deleteItem(), Map.of()).call(Map.of("item_id", "a/b", "mode", List.of("soft", "now")));

    assertThat(result.isError()).isFalse();
    assertThat(text(result)).isEqualTo("HTTP 204 No Content");
    assertThat(api.onlyRequest().target()).isEqualTo("/v1/items/a%2Fb?mode=soft%7Cnow");
    assertThat(api.onlyRequest().header("Content-Type")).isNull();
  }

  @Test
  void apiErrorBecomesIsError() {
    api.respond(404, "{\"object\":\"error\",\"status\":404,\"code\":\"object_not_found\",\"message\":\"No such item.\"}");

    CallToolResult result = handler(TestCatalog.getItem(), Map.of()).call(Map.of("item_id", "missing"));

    assertThat(result.isError()).isTrue();
    assertThat(text(result))
        .startsWith("HTTP 404 Not Found (object_not_found): No such item.\n\n{\"object\":\"error\"");
  }
}
