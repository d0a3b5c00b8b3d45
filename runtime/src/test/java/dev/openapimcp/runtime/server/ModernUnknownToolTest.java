package dev.openapimcp.runtime.server;

import static dev.openapimcp.runtime.server.ModernLaneStdioTest.errorOf;
import static dev.openapimcp.runtime.server.ModernLaneStdioTest.modern;
import static dev.openapimcp.runtime.server.ModernLaneStdioTest.resultOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openapimcp.runtime.testing.StdioPipes;
import dev.openapimcp.testing.JsonRpcLines;
import dev.openapimcp.testing.RecordingUpstream;
import dev.openapimcp.testing.TestCatalog;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A call of a tool the server does not have, in each era. 2026-07-28 (server/tools.mdx, "Error
 * Handling"): "Unknown tool" is a protocol error, "returned as standard JSON-RPC errors", code
 * -32602, message {@code Unknown tool: NAME}; ours names the closest tools as well. 2025-11-25 keeps
 * issue 12's isError result with the same text, which a model reads as the tool's answer.
 */
class ModernUnknownToolTest {

  private static final String TYPO = "delete-itme";
  private static final String TOLD = "Unknown tool: delete-itme. Did you mean delete-item?";

  private RecordingUpstream api;
  private JsonRpcLines client;

  @BeforeEach
  void start() {
    api = RecordingUpstream.start();
    client = StdioPipes.start(McpProxyServer.builder(TestCatalog.catalog())
        .environment(Map.of("BASE_URL", api.baseUrl())));
  }

  @AfterEach
  void stop() {
    client.close();
    api.close();
  }

  @Test
  void aModernCallOfAnUnknownToolIsInvalidParamsNamingTheClosestTools() {
    Map<String, Object> error = errorOf(client.request("tools/call",
        modern(Map.of("name", TYPO, "arguments", Map.of("item_id", "7")))));

    assertThat(error).containsEntry("code", -32602).containsEntry("message", TOLD);
    assertThat(api.requests()).isEmpty();
  }

  @Test
  void aLegacyCallOfAnUnknownToolKeepsItsErrorResult() {
    client.initialize();

    Map<String, Object> result = resultOf(client.request("tools/call",
        Map.of("name", TYPO, "arguments", Map.of("item_id", "7"))));

    assertThat(result).containsEntry("isError", true);
    assertThat(result.get("content").toString()).contains(TOLD);
    assertThat(api.requests()).isEmpty();
  }
}
