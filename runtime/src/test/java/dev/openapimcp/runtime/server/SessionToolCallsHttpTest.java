package dev.openapimcp.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openapimcp.runtime.settings.ServerSettings;
import dev.openapimcp.testing.McpHttp;
import dev.openapimcp.testing.RecordingUpstream;
import dev.openapimcp.testing.TestCatalog;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * 2025-11-25 tool calls in a session are answered beside the SDK's transport ({@code
 * DirectToolCalls}): as {@code application/json}, the SDK's own answers being event streams, and
 * only in sessions the SDK opened and still has.
 */
class SessionToolCallsHttpTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String AUTH = "Bearer direct-calls-token";
  private static final String CALL =
      "{\"jsonrpc\":\"2.0\",\"id\":%s,\"method\":\"tools/call\",\"params\":{\"name\":\"%s\",\"arguments\":%s}}";

  private RecordingUpstream api;
  private McpProxyServer server;

  @BeforeEach
  void start() {
    api = RecordingUpstream.start();
    server = McpProxyServer.builder(TestCatalog.catalog())
        .environment(Map.of("BASE_URL", api.baseUrl(), TestCatalog.TOKEN_VARIABLE, "env-token"))
        .settings(ServerSettings.builder().transport(ServerSettings.Transport.HTTP).port(0)
            .authToken("direct-calls-token").build())
        .build()
        .start();
  }

  @AfterEach
  void stop() {
    server.close();
    api.close();
  }

  private String open() {
    HttpResponse<String> initialize = McpHttp.post(server.httpPort(), Map.of("Authorization", AUTH), McpHttp.INITIALIZE);
    assertThat(initialize.statusCode()).isEqualTo(200);
    String session = initialize.headers().firstValue("Mcp-Session-Id").orElseThrow();
    assertThat(post(session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}").statusCode())
        .isEqualTo(202);
    return session;
  }

  private HttpResponse<String> post(String session, String body) {
    Map<String, String> headers = new HashMap<>(Map.of("Authorization", AUTH, "MCP-Protocol-Version", "2025-11-25"));
    headers.put("Mcp-Session-Id", session);
    return McpHttp.post(server.httpPort(), headers, body);
  }

  private static String contentType(HttpResponse<String> response) {
    return response.headers().firstValue("Content-Type").orElse("");
  }

  @Test
  void aCallInASessionIsAnsweredAsJsonAndReachesTheApiWhileOtherRequestsStayWithTheSdk() throws Exception {
    api.respond(200, "{\"object\":\"item\",\"id\":\"d1\"}");
    String session = open();

    HttpResponse<String> call = post(session, CALL.formatted("\"call-1\"", "get-item", "{\"item_id\":\"d1\"}"));

    assertThat(call.statusCode()).isEqualTo(200);
    assertThat(contentType(call)).startsWith("application/json");
    JsonNode answer = JSON.readTree(call.body());
    assertThat(answer.path("jsonrpc").asText()).isEqualTo("2.0");
    assertThat(answer.path("id").asText()).isEqualTo("call-1");
    assertThat(answer.path("result").path("isError").asBoolean(true)).isFalse();
    assertThat(answer.path("result").path("structuredContent"))
        .isEqualTo(JSON.readTree("{\"object\":\"item\",\"id\":\"d1\"}"));
    assertThat(api.onlyRequest().target()).isEqualTo("/v1/items/d1");
    assertThat(api.onlyRequest().header("Authorization")).isEqualTo("Bearer env-token");

    // What DirectToolCalls does not take, the SDK answers, on its event stream: an unknown tool, tools/list.
    HttpResponse<String> unknown = post(session, CALL.formatted("2", "get-itme", "{}"));
    assertThat(contentType(unknown)).startsWith("text/event-stream");
    assertThat(unknown.body()).contains("Unknown tool: get-itme").contains("get-item");
    HttpResponse<String> list = post(session, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\"}");
    assertThat(contentType(list)).startsWith("text/event-stream");
    assertThat(list.body()).contains("\"delete-item\"");
    assertThat(api.requests()).hasSize(1);
  }

  @Test
  void aCallThatTakesLongIsAnsweredOnAnEventStreamThatCarriesCommentsUntilTheAnswer() throws Exception {
    // Longer than the 2 s an answer may take as application/json.
    api.respond(RecordingUpstream.Response.json(200, "{\"object\":\"item\",\"id\":\"late\"}")
        .after(Duration.ofSeconds(3)));
    String session = open();

    HttpResponse<String> call = post(session, CALL.formatted("7", "get-item", "{\"item_id\":\"late\"}"));

    assertThat(call.statusCode()).isEqualTo(200);
    assertThat(contentType(call)).startsWith("text/event-stream");
    String[] events = call.body().split("\n\n");
    assertThat(events[0]).isEqualTo(": ping");
    String last = events[events.length - 1];
    assertThat(last).startsWith("event: message\ndata: ");
    JsonNode answer = JSON.readTree(last.substring(last.indexOf("data: ") + 6));
    assertThat(answer.path("id").asInt()).isEqualTo(7);
    assertThat(answer.path("result").path("structuredContent"))
        .isEqualTo(JSON.readTree("{\"object\":\"item\",\"id\":\"late\"}"));
  }

  @Test
  void aSessionTheSdkDoesNotHaveIs404AndItsCallsSendNothing() {
    String session = open();
    HttpResponse<String> unknown = post("not-" + session, CALL.formatted("1", "get-item", "{\"item_id\":\"x\"}"));
    assertThat(unknown.statusCode()).isEqualTo(404);

    Map<String, String> headers = new HashMap<>(Map.of("Authorization", AUTH, "Mcp-Session-Id", session));
    assertThat(McpHttp.request(server.httpPort(), "DELETE", headers, null).statusCode()).isBetween(200, 299);
    HttpResponse<String> ended = post(session, CALL.formatted("2", "get-item", "{\"item_id\":\"x\"}"));

    assertThat(ended.statusCode()).isEqualTo(404);
    assertThat(ended.body()).contains("Session not found");
    assertThat(api.requests()).isEmpty();
  }

  @Test
  void argumentsThatAreNotAnObjectAndNotificationsAreLeftToTheSdk() {
    String session = open();
    HttpResponse<String> text = post(session, CALL.formatted("1", "get-item", "\"x\""));
    assertThat(contentType(text)).doesNotStartWith("text/event-stream");
    assertThat(text.body()).contains("\"error\"").doesNotContain("\"result\"");

    HttpResponse<String> notification = post(session,
        "{\"jsonrpc\":\"2.0\",\"method\":\"tools/call\",\"params\":{\"name\":\"get-item\",\"arguments\":{\"item_id\":\"x\"}}}");
    assertThat(notification.statusCode()).isEqualTo(202);
    assertThat(api.requests()).isEmpty();
  }
}
