package dev.openapimcp.runtime.internal.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openapimcp.runtime.internal.tool.PreparedTool;
import dev.openapimcp.runtime.internal.tool.ToolHandler;
import dev.openapimcp.runtime.internal.tool.ToolResults;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Which session calls and notifications a transport answers itself rather than the SDK's session. */
class SessionToolsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  private static PreparedTool tool(String name, String answer) {
    ToolHandler handler = (arguments, context) -> CompletableFuture.completedFuture(ToolResults.error(answer));
    return new PreparedTool(McpSchema.Tool.builder(name, Map.of("type", "object")).build(), handler);
  }

  @Test
  void aClientCanBeAskedWhenItDeclaredFormElicitationOrElicitationWithoutAMode() throws Exception {
    assertThat(SessionTools.canAsk(json("{\"elicitation\":{}}"))).isTrue();
    assertThat(SessionTools.canAsk(json("{\"elicitation\":{\"form\":{}}}"))).isTrue();
    assertThat(SessionTools.canAsk(json("{\"elicitation\":{\"form\":{},\"url\":{}}}"))).isTrue();
    assertThat(SessionTools.canAsk(json("{\"elicitation\":{\"url\":{}}}"))).isFalse();
    assertThat(SessionTools.canAsk(json("{\"sampling\":{}}"))).isFalse();
    assertThat(SessionTools.canAsk(json("{\"elicitation\":null}"))).isFalse();
    assertThat(SessionTools.canAsk(null)).isFalse();
  }

  @Test
  void callsOfKnownToolsAreTakenUnlessTheyMayAskTheUser() throws Exception {
    List<PreparedTool> tools = List.of(tool("first", "one"), tool("second", "two"), tool("first", "shadowed"));
    SessionTools plain = new SessionTools(tools, false);
    assertThat(plain.handler("first", true).call(null, null).get().content())
        .isEqualTo(ToolResults.error("one").content());
    assertThat(plain.handler("second", false)).isNotNull();
    assertThat(plain.handler("third", false)).isNull();

    SessionTools confirming = new SessionTools(tools, true);
    assertThat(confirming.handler("first", false)).isNotNull();
    // The question is a request on the session's stream: only the SDK's session can ask it.
    assertThat(confirming.handler("first", true)).isNull();
  }

  @Test
  void onlyTheInitializedNotificationReachesTheSession() {
    assertThat(SessionTools.sessionHandles("notifications/initialized")).isTrue();
    assertThat(SessionTools.sessionHandles("notifications/roots/list_changed")).isFalse();
    assertThat(SessionTools.sessionHandles("notifications/progress")).isFalse();
    assertThat(SessionTools.sessionHandles("tools/call")).isFalse();
  }
}
