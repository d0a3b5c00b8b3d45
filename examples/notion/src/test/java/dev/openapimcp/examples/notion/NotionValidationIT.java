package dev.openapimcp.examples.notion;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openapimcp.examples.notion.testing.McpSession;
import dev.openapimcp.examples.notion.testing.ServerJar;
import dev.openapimcp.testing.RecordingUpstream;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged Notion server's validation modes, its advice (instructions on initialize, the 404
 * hint) and {@code --read-only}, through the SDK's client over stdio against a loopback recorder.
 */
class NotionValidationIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BLOCK = "b55c9c91-384d-452b-81db-d1ef79372b75";
  /**
   * A block type and a rich-text property the published schema does not describe (as the API grows), and
   * {@code position}, a top-level argument the tool does not declare: all Notion's to judge.
   */
  private static final String ARGUMENTS = "{\"block_id\":\"" + BLOCK + "\",\"children\":[{\"object\":\"block\","
      + "\"type\":\"meeting_notes\",\"meeting_notes\":{\"title\":[{\"type\":\"text\",\"text\":{\"content\":\"Sync\"},"
      + "\"future_flag\":{\"a\":[1,2]}}]}}],\"position\":{\"type\":\"end\"}}";

  private RecordingUpstream api;
  private McpSession session;

  @BeforeEach
  void startApi() {
    api = RecordingUpstream.start().respond(200, "{\"object\":\"list\",\"results\":[],\"has_more\":false}");
  }

  @AfterEach
  void stop() {
    try {
      if (session != null) {
        session.close();
      }
    } finally {
      api.close();
    }
  }

  private void start(String... args) {
    session = McpSession.start(ServerJar.command(args),
        Map.of("NOTION_TOKEN", "ntn_validation", "BASE_URL", api.baseUrl()));
  }

  private CallToolResult call(String tool, String json) throws Exception {
    @SuppressWarnings("unchecked") // a JSON object; LinkedHashMap keeps the order written
    Map<String, Object> arguments = JSON.readValue(json, LinkedHashMap.class);
    return session.call(tool, arguments);
  }

  @Test
  void lenientByDefaultSendsUndescribedPropertiesByteForByteAndTheInstructionsGiveNotionsAdvice() throws Exception {
    start();

    CallToolResult result = call("API-patch-block-children", ARGUMENTS);

    assertThat(result.isError()).as(McpSession.text(result)).isFalse();
    Map<?, ?> sent = JSON.readValue(ARGUMENTS, LinkedHashMap.class);
    assertThat(new String(api.onlyRequest().body(), StandardCharsets.UTF_8))
        .isEqualTo("{\"children\":" + JSON.writeValueAsString(sent.get("children")) + ",\"position\":{\"type\":\"end\"}}");
    assertThat(api.onlyRequest().path()).isEqualTo("/v1/blocks/" + BLOCK + "/children");

    assertThat(session.instructions())
        .contains("shared with that integration", "API-post-search", "with or without dashes", "read-only");
    api.respond(404, "{\"object\":\"error\",\"status\":404,\"code\":\"object_not_found\",\"message\":\"Nope\"}");
    assertThat(McpSession.text(call("API-retrieve-a-page", "{\"page_id\":\"" + BLOCK + "\"}")))
        .contains("Nope", "probably not shared with the integration");
  }

  @Test
  void strictRefusesUndeclaredArgumentsAndBodyValuesOfTheWrongTypeSendingNothing() throws Exception {
    start("--validation", "strict");

    CallToolResult undeclared = call("API-patch-block-children", ARGUMENTS);
    assertThat(undeclared.isError()).isTrue();
    assertThat(McpSession.text(undeclared)).startsWith("Invalid arguments for API-patch-block-children: position:"
        + " not an argument of this tool");
    CallToolResult nested = call("API-patch-block-children", "{\"block_id\":\"" + BLOCK + "\",\"children\":"
        + "[{\"paragraph\":{\"rich_text\":\"plain words\"}}]}");
    assertThat(nested.isError()).isTrue();
    assertThat(McpSession.text(nested)).contains("children[0].paragraph.rich_text");
    assertThat(api.requests()).isEmpty();
  }

  @Test
  void readOnlyListsAndCallsOnlyTheToolsThatRead() throws Exception {
    start("--read-only");

    List<Tool> tools = session.listTools();
    assertThat(tools).isNotEmpty().allSatisfy(tool -> assertThat(tool.annotations().readOnlyHint()).isTrue());
    assertThat(tools).extracting(Tool::name).contains("API-post-search", "API-retrieve-a-page")
        .doesNotContain("API-patch-page", "API-patch-block-children");
    assertThat(session.instructions()).contains("read-only");

    CallToolResult write = call("API-patch-block-children", ARGUMENTS);
    assertThat(write.isError()).isTrue();
    assertThat(McpSession.text(write)).startsWith("API-patch-block-children is not available: this server runs"
        + " read-only (--read-only)");
    assertThat(api.requests()).isEmpty();

    assertThat(call("API-post-search", "{\"query\":\"kale\"}").isError()).isFalse();
    assertThat(api.onlyRequest().path()).isEqualTo("/v1/search");
  }
}
