package dev.openapimcp.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import dev.openapimcp.model.ProtocolVersions;
import dev.openapimcp.testing.JsonRpcLines;
import dev.openapimcp.testing.McpHttp;
import dev.openapimcp.testing.RecordingUpstream;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * MCP 2026-07-28 over Streamable HTTP with raw requests, beside the SDK's 2025-11-25 sessions on the
 * same port: the headers checked against the body, the statuses the transport specification gives
 * each error, and never a stack trace or a 5xx for a probe.
 */
class ModernLaneHttpTest {

  private static final String MODERN = ProtocolVersions.MCP_2026_07_28;
  private static final String AUTH_TOKEN = "modern-auth-token";
  private static final String PASSTHROUGH = "Test-Api-Token";

  @RegisterExtension
  static final PassthroughHttpProxy proxy = new PassthroughHttpProxy(AUTH_TOKEN, "env-token", PASSTHROUGH);

  private final RecordingUpstream api = proxy.api();
  private final int port = proxy.port();

  /** The headers a modern client sends for {@code method} (and {@code name}, or none when {@code null}). */
  private static Map<String, String> headers(String version, String method, String name) {
    Map<String, String> headers = new HashMap<>();
    headers.put("Authorization", "Bearer " + AUTH_TOKEN);
    headers.put("MCP-Protocol-Version", version);
    headers.put("Mcp-Method", method);
    if (name != null) {
      headers.put("Mcp-Name", name);
    }
    return headers;
  }

  private static String body(String method, String params) {
    return "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"" + method + "\",\"params\":" + params + "}";
  }

  private static String meta(String version) {
    return "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"" + version + "\","
        + "\"io.modelcontextprotocol/clientInfo\":{\"name\":\"raw\",\"version\":\"1\"},"
        + "\"io.modelcontextprotocol/clientCapabilities\":{}}";
  }

  private HttpResponse<String> post(Map<String, String> headers, String body) {
    HttpResponse<String> response = McpHttp.post(port, headers, body);
    assertThat(response.statusCode()).as("never a 5xx").isLessThan(500);
    assertThat(response.body()).as("no Java in the answer").doesNotContain("Exception", "\tat ", "java.");
    return response;
  }

  private static Map<String, Object> json(HttpResponse<String> response) {
    Map<String, Object> message = JsonRpcLines.parse(response.body());
    assertThat(message).as(response.body()).isNotNull().containsEntry("id", 7);
    return message;
  }

  private static Map<String, Object> error(HttpResponse<String> response, int status, int code) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    Map<String, Object> error = ModernLaneStdioTest.errorOf(json(response));
    assertThat(error).containsEntry("code", code);
    return error;
  }

  @Test
  void discoverAnswersWithoutASession() {
    HttpResponse<String> response = post(headers(MODERN, "server/discover", null),
        body("server/discover", "{" + meta(MODERN) + "}"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/json"));
    assertThat(response.headers().firstValue("Mcp-Session-Id")).isEmpty();
    Map<String, Object> result = ModernLaneStdioTest.resultOf(json(response));
    assertThat(result).containsEntry("resultType", "complete").containsEntry("ttlMs", 3_600_000)
        .containsEntry("cacheScope", "public");
    assertThat(result.get("supportedVersions")).asInstanceOf(LIST).startsWith(MODERN, "2025-11-25");
  }

  @Test
  void toolsListWithMetaAndNoInitialize() {
    HttpResponse<String> response = post(headers(MODERN, "tools/list", null), body("tools/list", "{" + meta(MODERN)
        + "}"));

    assertThat(response.statusCode()).isEqualTo(200);
    Map<String, Object> result = ModernLaneStdioTest.resultOf(json(response));
    assertThat(result).containsEntry("resultType", "complete").containsEntry("ttlMs", 3_600_000)
        .containsEntry("cacheScope", "public");
    assertThat(ModernLaneStdioTest.toolNames(result)).containsExactly("get-item", "create-item", "search",
        "delete-item");
  }

  @Test
  void aCallReachesTheApiWithThePassedThroughToken() {
    api.respond(200, "{\"object\":\"item\",\"id\":\"i2\"}");
    Map<String, String> headers = headers(MODERN, "tools/call", "get-item");
    headers.put(PASSTHROUGH, "client-own-token");

    HttpResponse<String> response = post(headers, body("tools/call",
        "{\"name\":\"get-item\",\"arguments\":{\"item_id\":\"i2\"}," + meta(MODERN) + "}"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(ModernLaneStdioTest.resultOf(json(response))).containsEntry("resultType", "complete")
        .containsEntry("isError", false).containsEntry("structuredContent", Map.of("object", "item", "id", "i2"));
    assertThat(api.onlyRequest().path()).isEqualTo("/v1/items/i2");
    assertThat(api.onlyRequest().header("Authorization")).isEqualTo("Bearer client-own-token");
  }

  @Test
  void anMcpNameInTheBase64FormIsDecodedBeforeComparing() {
    String encoded = "=?base64?" + Base64.getEncoder().encodeToString("get-item".getBytes(StandardCharsets.UTF_8))
        + "?=";

    HttpResponse<String> response = post(headers(MODERN, "tools/call", encoded), body("tools/call",
        "{\"name\":\"get-item\",\"arguments\":{\"item_id\":\"i3\"}," + meta(MODERN) + "}"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(api.onlyRequest().path()).isEqualTo("/v1/items/i3");
  }

  @Test
  void anUnsupportedVersionIs400WithTheSupportedVersions() {
    Map<String, Object> error = error(post(headers("v999.0.0", "tools/list", null),
        body("tools/list", "{" + meta("v999.0.0") + "}")), 400, -32022);

    assertThat(error.get("data")).asInstanceOf(MAP).containsEntry("requested", "v999.0.0");
    assertThat(((Map<?, ?>) error.get("data")).get("supported")).asInstanceOf(LIST).contains(MODERN);
  }

  @Test
  void headersThatDisagreeWithTheBodyAre400HeaderMismatch() {
    // Version header and body differ: the client disagrees with itself, told before the version check.
    error(post(headers(MODERN, "tools/list", null), body("tools/list", "{" + meta("v999.0.0") + "}")), 400, -32020);
    error(post(headers(MODERN, "tools/call", null), body("tools/call",
        "{\"name\":\"get-item\",\"arguments\":{\"item_id\":\"x\"}," + meta(MODERN) + "}")), 400, -32020);
    error(post(headers(MODERN, "tools/call", "delete-item"), body("tools/call",
        "{\"name\":\"get-item\",\"arguments\":{\"item_id\":\"x\"}," + meta(MODERN) + "}")), 400, -32020);
    error(post(headers(MODERN, "tools/list", null), body("server/discover", "{" + meta(MODERN) + "}")), 400,
        -32020);
    Map<String, String> noVersion = headers(MODERN, "tools/list", null);
    noVersion.remove("MCP-Protocol-Version");
    error(post(noVersion, body("tools/list", "{" + meta(MODERN) + "}")), 400, -32020);
    assertThat(api.requests()).isEmpty();
  }

  @Test
  void missingMetaIs400InvalidParamsAndUnknownMethodsAre404() {
    error(post(headers(MODERN, "server/discover", null), body("server/discover", "{}")), 400, -32602);
    error(post(headers(MODERN, "tools/list", null), body("tools/list", "{}")), 400, -32602);
    error(post(headers(MODERN, "initialize", null), body("initialize", "{" + meta(MODERN) + "}")), 404, -32601);
    error(post(headers(MODERN, "unknown/method", null), body("unknown/method", "{" + meta(MODERN) + "}")), 404,
        -32601);
  }

  @Test
  void getAndDeleteWithoutASessionAre405() {
    for (String method : List.of("GET", "DELETE")) {
      HttpResponse<String> response = McpHttp.request(port, method, Map.of("Authorization", "Bearer " + AUTH_TOKEN,
          "Accept", "application/json, text/event-stream", "MCP-Protocol-Version", MODERN), null);

      assertThat(response.statusCode()).as(method).isEqualTo(405);
      assertThat(response.headers().firstValue("Allow")).hasValue("POST");
      assertThat(JsonRpcLines.parse(response.body())).as(response.body()).containsKey("error");
    }
  }

  @Test
  void aLegacyClientKeepsItsSessionOnTheSamePort() {
    api.respond(200, "{\"object\":\"item\",\"id\":\"i4\"}");
    McpSyncClient client = McpHttp.connect(port, Map.of("Authorization", "Bearer " + AUTH_TOKEN));
    try {
      assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name)
          .containsExactly("get-item", "create-item", "search", "delete-item");
      assertThat(client.callTool(McpSchema.CallToolRequest.builder("get-item").arguments(Map.of("item_id", "i4"))
          .build()).structuredContent()).isEqualTo(Map.of("object", "item", "id", "i4"));
    } finally {
      client.closeGracefully();
    }
    assertThat(api.onlyRequest().path()).isEqualTo("/v1/items/i4");
  }
}
