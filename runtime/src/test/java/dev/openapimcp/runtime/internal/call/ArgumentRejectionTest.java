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

/** Every kind of schema violation is an {@code isError} result naming field and rule, and nothing is sent. */
class ArgumentRejectionTest {

  private final RecordingUpstream api = RecordingUpstream.start();

  @AfterEach
  void stop() {
    assertThat(api.requests()).as("requests sent for invalid calls").isEmpty();
    api.close();
  }

  @SuppressWarnings("unchecked")
  private String rejection(ToolDefinition tool, Map<String, Object> arguments) {
    Map<String, Object> schema = (Map<String, Object>) JsonText.parse(tool.inputSchema()).orElseThrow();
    ToolCallHandler handler = new ToolCallHandler(
        tool,
        new ArgumentDecoder(schema),
        new ArgumentValidator(tool.name(), schema, McpJsonDefaults.getSchemaValidator()),
        new RequestBuilder(BaseUrl.fromEnvironment(Map.of("BASE_URL", api.baseUrl()), "http://unused"), Map.of()),
        new UpstreamClient(null, ServerSettings.defaults(), RateLimiter.unlimited()),
        new ResultMapper(ServerSettings.defaults(), ErrorHints.generic()));
    CallToolResult result = handler.call(arguments);
    assertThat(result.isError()).isTrue();
    return ((McpSchema.TextContent) result.content().get(0)).text();
  }

  @Test
  void unknownArgumentsAreNamed() {
    assertThat(rejection(TestCatalog.getItem(), Map.of("item_id", "i1", "itemId", "i1")))
        .isEqualTo("Invalid arguments for get-item: property 'itemId' is not defined in the schema and the schema"
            + " does not allow additional properties.");
  }

  @Test
  void wrongTypesInArraysNameTheIndex() {
    assertThat(rejection(TestCatalog.getItem(), Map.of("item_id", "i1", "tags", List.of("a", 7))))
        .isEqualTo("Invalid arguments for get-item: tags[1]: integer found, string expected.");
  }

  @Test
  void boundsAndEnumsNameTheRule() {
    assertThat(rejection(TestCatalog.search(), Map.of("page_size", 500)))
        .isEqualTo("Invalid arguments for search: page_size: must have a maximum value of 100.");
    assertThat(rejection(TestCatalog.search(), Map.of("sort", Map.of("direction", "sideways"))))
        .startsWith("Invalid arguments for search: sort.direction: does not have a value in the enumeration"
            + " [\"ascending\", \"descending\"]");
  }

  @Test
  void severalViolationsAreAllListed() {
    assertThat(rejection(TestCatalog.createItem(), Map.of("title", 5, "children", List.of(Map.of("text", "x")))))
        .startsWith("Invalid arguments for create-item: ")
        .contains("required property 'parent' not found", "title: integer found, string expected",
            "children[0]: required property 'type' not found");
  }

  @Test
  void textThatIsNotTheJsonAnObjectNeedsIsNamed() {
    assertThat(rejection(TestCatalog.createItem(), Map.of("parent", "{not json")))
        .isEqualTo("Invalid arguments for create-item: parent: string found, object expected.");
  }
}
