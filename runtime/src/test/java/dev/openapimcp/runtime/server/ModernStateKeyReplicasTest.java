package dev.openapimcp.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openapimcp.model.ProtocolVersions;
import dev.openapimcp.runtime.settings.ServerSettings;
import dev.openapimcp.testing.McpHttp;
import dev.openapimcp.testing.RecordingUpstream;
import dev.openapimcp.testing.TestCatalog;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code --state-key}: replicas behind a load balancer that share the key accept each other's
 * confirmation states (the question asked by one, the answer sent to another); with keys of their
 * own (the default, one drawn at random per process) they refuse them, as before.
 */
class ModernStateKeyReplicasTest {

  private static final String TOKEN = "replica-token";
  private static final String MODERN = ProtocolVersions.MCP_2026_07_28;
  private static final String KEY = "3q2+7wABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhs=";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RecordingUpstream api = RecordingUpstream.start();
  private McpProxyServer first;
  private McpProxyServer second;

  @AfterEach
  void stop() {
    first.close();
    second.close();
    api.close();
  }

  private McpProxyServer replica(String stateKey) {
    return McpProxyServer.builder(TestCatalog.catalog())
        .environment(Map.of("BASE_URL", api.baseUrl()))
        .settings(ServerSettings.builder().transport(ServerSettings.Transport.HTTP).port(0).authToken(TOKEN)
            .stateless(true).confirm(ServerSettings.Confirm.DESTRUCTIVE).stateKey(stateKey).build())
        .build()
        .start();
  }

  /** A modern {@code tools/call} of {@code delete-item} to {@code server}, with {@code extra} params. */
  private static JsonNode deleteItem(McpProxyServer server, Map<String, Object> extra) throws IOException {
    ObjectNode params = JSON.createObjectNode().put("name", "delete-item");
    params.putObject("arguments").put("item_id", "7");
    params.setAll((ObjectNode) JSON.valueToTree(extra));
    params.putObject("_meta").put("io.modelcontextprotocol/protocolVersion", MODERN)
        .putObject("io.modelcontextprotocol/clientCapabilities").putObject("elicitation");
    ObjectNode request = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", 1).put("method", "tools/call");
    request.set("params", params);
    HttpResponse<String> response = McpHttp.post(server.httpPort(), Map.of("Authorization", "Bearer " + TOKEN,
        "MCP-Protocol-Version", MODERN, "Mcp-Method", "tools/call", "Mcp-Name", "delete-item"),
        JSON.writeValueAsString(request));
    return JSON.readTree(response.body());
  }

  private static Map<String, Object> accepted(String state) {
    return Map.of("requestState", state,
        "inputResponses", Map.of("confirm", Map.of("action", "accept", "content", Map.of("confirm", true))));
  }

  @Test
  void replicasSharingTheKeyAcceptEachOthersStates() throws IOException {
    first = replica(KEY);
    second = replica(KEY);

    JsonNode asked = deleteItem(first, Map.of()).path("result");
    assertThat(asked.path("resultType").asText()).isEqualTo("input_required");
    JsonNode done = deleteItem(second, accepted(asked.path("requestState").asText())).path("result");

    assertThat(done.path("resultType").asText()).as(done.toString()).isEqualTo("complete");
    assertThat(done.path("isError").asBoolean()).isFalse();
    assertThat(api.onlyRequest().method()).isEqualTo("DELETE");
  }

  @Test
  void replicasWithKeysOfTheirOwnRefuseEachOthersStates() throws IOException {
    first = replica(null);
    second = replica(null);

    String state = deleteItem(first, Map.of()).path("result").path("requestState").asText();
    JsonNode refused = deleteItem(second, accepted(state));

    assertThat(refused.path("error").path("code").asInt()).as(refused.toString()).isEqualTo(-32602);
    assertThat(api.requests()).isEmpty();
  }
}
