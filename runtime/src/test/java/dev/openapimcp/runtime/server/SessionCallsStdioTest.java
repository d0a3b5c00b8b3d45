package dev.openapimcp.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openapimcp.model.ProtocolVersions;
import dev.openapimcp.runtime.settings.ServerSettings;
import dev.openapimcp.runtime.testing.StdioPipes;
import dev.openapimcp.testing.JsonRpcLines;
import dev.openapimcp.testing.McpHttp;
import dev.openapimcp.testing.RecordingUpstream;
import dev.openapimcp.testing.StandardError;
import dev.openapimcp.testing.TestCatalog;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A 2025-11-25 session's tool calls over stdio are answered beside the SDK's session ({@code
 * SessionTools}), exactly as the session answers them; client notifications the SDK's session has
 * no use for are read and dropped, over stdio and Streamable HTTP, instead of reaching the SDK,
 * which logged a warning for each (and for {@code notifications/roots/list_changed} sent the
 * client a {@code roots/list} request first).
 */
class SessionCallsStdioTest {

  private static final Duration GUARD = Duration.ofSeconds(60);

  private final RecordingUpstream api = RecordingUpstream.start();
  private final List<JsonRpcLines> clients = new ArrayList<>();
  private McpProxyServer http;

  @AfterEach
  void stop() {
    clients.forEach(JsonRpcLines::close);
    if (http != null) {
      http.close();
    }
    api.close();
  }

  private McpProxyServer.Builder server(ServerSettings.Builder settings) {
    return McpProxyServer.builder(TestCatalog.catalog())
        .environment(Map.of("BASE_URL", api.baseUrl(), TestCatalog.TOKEN_VARIABLE, "env-token"))
        .settings(settings.build());
  }

  /** A stdio session whose client declares {@code capabilities}. */
  private JsonRpcLines session(ServerSettings.Builder settings, Map<String, Object> capabilities) {
    JsonRpcLines client = StdioPipes.start(server(settings));
    clients.add(client);
    Map<String, Object> answer = client.request("initialize", Map.of("protocolVersion", ProtocolVersions.CLIENT,
        "capabilities", capabilities, "clientInfo", Map.of("name", "session-calls", "version", "1")));
    assertThat(answer).containsKey("result");
    client.notify("notifications/initialized", Map.of());
    return client;
  }

  /**
   * With {@code --confirm writes}, a client that can be asked keeps its calls in the SDK's session
   * (the question is the session's request); one that cannot has them answered beside it. A read,
   * a call with an argument missing and a call the API refuses get the same answers either way.
   */
  @Test
  void aCallAnsweredBesideTheSessionIsAnsweredAsTheSessionAnswersIt() {
    ServerSettings.Builder confirming = ServerSettings.builder().confirm(ServerSettings.Confirm.WRITES);
    JsonRpcLines inSession = session(confirming, Map.of("elicitation", Map.of()));
    JsonRpcLines beside = session(confirming, Map.of());

    api.respond(200, "{\"object\":\"item\",\"id\":\"d1\",\"title\":\"caf\u00e9 \ud83c\udf75\"}");
    Map<String, Object> read = Map.of("name", "get-item", "arguments", Map.of("item_id", "d1", "expand", true));
    assertThat(beside.request("tools/call", read).get("result")).isEqualTo(inSession.request("tools/call", read).get("result"));

    Map<String, Object> missing = Map.of("name", "get-item", "arguments", Map.of("expand", true));
    Object refused = inSession.request("tools/call", missing).get("result");
    assertThat(refused.toString()).contains("item_id");
    assertThat(beside.request("tools/call", missing).get("result")).isEqualTo(refused);

    api.respond(404, "{\"object\":\"error\",\"status\":404,\"code\":\"object_not_found\",\"message\":\"No item d2.\"}");
    Map<String, Object> absent = Map.of("name", "get-item", "arguments", Map.of("item_id", "d2"));
    Object notFound = inSession.request("tools/call", absent).get("result");
    assertThat(notFound.toString()).contains("404", "No item d2.");
    assertThat(beside.request("tools/call", absent).get("result")).isEqualTo(notFound);

    assertThat(api.requests()).extracting(RecordingUpstream.RecordedRequest::target)
        .containsExactly("/v1/items/d1?expand=true", "/v1/items/d1?expand=true", "/v1/items/d2", "/v1/items/d2");
  }

  @Test
  void overStdioNotificationsTheServerHasNoUseForNeitherWarnNorSendAnything() throws Exception {
    StandardError.Captured<List<String>> captured = StandardError.capture(() -> {
      JsonRpcLines client = session(ServerSettings.builder(), Map.of("roots", Map.of("listChanged", true)));
      client.notify("notifications/roots/list_changed", Map.of());
      client.notify("notifications/progress", Map.of("progressToken", "t", "progress", 1));
      client.notify("tools/call", Map.of("name", "get-item", "arguments", Map.of("item_id", "x")));
      assertThat(client.request("ping", Map.of())).containsKey("result");
      client.endInput();
      assertThat(client.awaitEnd(GUARD)).isTrue();
      return client.lines();
    });

    // Answers only: the initialize and the ping. Before, the session sent the client a roots/list request.
    assertThat(captured.value()).hasSize(2)
        .allSatisfy(line -> assertThat(JsonRpcLines.parse(line)).containsKey("result").doesNotContainKey("method"));
    assertThat(captured.err()).doesNotContain("WARN");
    assertThat(api.requests()).isEmpty();
  }

  @Test
  void overHttpNotificationsTheServerHasNoUseForAreAcceptedWithoutWarningsInASessionAndStateless() throws Exception {
    String progress = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\","
        + "\"params\":{\"progressToken\":\"t\",\"progress\":1}}";
    String roots = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/roots/list_changed\"}";
    for (boolean stateless : new boolean[] {false, true}) {
      http = server(ServerSettings.builder().transport(ServerSettings.Transport.HTTP).port(0).unsafeDisableAuth()
          .stateless(stateless)).build().start();
      StandardError.Captured<List<Integer>> captured = StandardError.capture(() -> {
        HttpResponse<String> initialize = McpHttp.post(http.httpPort(), Map.of(), McpHttp.INITIALIZE);
        Map<String, String> headers = new java.util.HashMap<>(Map.of("MCP-Protocol-Version", "2025-11-25"));
        initialize.headers().firstValue("Mcp-Session-Id").ifPresent(id -> headers.put("Mcp-Session-Id", id));
        List<Integer> statuses = new ArrayList<>();
        statuses.add(McpHttp.post(http.httpPort(), headers,
            "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}").statusCode());
        statuses.add(McpHttp.post(http.httpPort(), headers, progress).statusCode());
        statuses.add(McpHttp.post(http.httpPort(), headers, roots).statusCode());
        return statuses;
      });
      assertThat(captured.value()).as("stateless: %s", stateless).containsExactly(202, 202, 202);
      assertThat(captured.err()).as("stateless: %s", stateless).doesNotContain("WARN");
      http.close();
      http = null;
    }
  }
}
