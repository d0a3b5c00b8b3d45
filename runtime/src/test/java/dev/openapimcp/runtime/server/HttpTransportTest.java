package dev.openapimcp.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openapimcp.runtime.settings.ServerSettings;
import dev.openapimcp.testing.McpHttp;
import dev.openapimcp.testing.RecordingUpstream;
import dev.openapimcp.testing.RecordingUpstream.RecordedRequest;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Streamable HTTP transport in this JVM, stateful, with bearer auth and token passthrough on:
 * the SDK's own HTTP client for the protocol, raw requests for what a proper client never sends.
 */
class HttpTransportTest {

  private static final String AUTH_TOKEN = "server-auth-token-1";
  private static final String ENV_TOKEN = "env-api-token";
  private static final String PASSTHROUGH = "Test-Api-Token";
  private static final Map<String, String> AUTHORIZED = Map.of("Authorization", "Bearer " + AUTH_TOKEN);

  @RegisterExtension
  static final PassthroughHttpProxy proxy = new PassthroughHttpProxy(AUTH_TOKEN, ENV_TOKEN, PASSTHROUGH);

  private final RecordingUpstream api = proxy.api();
  private final int port = proxy.port();

  private static CallToolRequest getItem(String id) {
    return CallToolRequest.builder("get-item").arguments(Map.of("item_id", id)).build();
  }

  private static Map<String, String> with(Map<String, String> headers, String name, String value) {
    Map<String, String> more = new java.util.HashMap<>(headers);
    more.put(name, value);
    return more;
  }

  @Test
  void theSdkClientListsToolsAndACallReachesTheApi() {
    api.respond(200, "{\"object\":\"item\",\"id\":\"i1\"}");
    McpSyncClient client = McpHttp.connect(port, AUTHORIZED);
    try {
      assertThat(client.getServerInfo().name()).isEqualTo("test-api-server");
      assertThat(client.listTools().tools())
          .extracting(McpSchema.Tool::name)
          .containsExactly("get-item", "create-item", "search", "delete-item");

      CallToolResult result = client.callTool(getItem("i1"));

      assertThat(result.isError()).isFalse();
      assertThat(result.structuredContent()).isEqualTo(Map.of("object", "item", "id", "i1"));
      RecordedRequest request = api.onlyRequest();
      assertThat(request.target()).isEqualTo("/v1/items/i1");
      // Without a passthrough header the environment's token is used; the server's own never leaves.
      assertThat(request.header("Authorization")).isEqualTo("Bearer " + ENV_TOKEN);
    } finally {
      client.closeGracefully();
    }
  }

  @Test
  void noTokenIs401WithAChallengeAWrongOne403AndTheRightOne200() {
    HttpResponse<String> missing = McpHttp.post(port, Map.of(), McpHttp.INITIALIZE);
    assertThat(missing.statusCode()).isEqualTo(401);
    assertThat(missing.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    assertThat(missing.body()).contains("\"code\":-32001").contains("missing bearer token");

    HttpResponse<String> wrong = McpHttp.post(port, Map.of("Authorization", "Bearer not-it"), McpHttp.INITIALIZE);
    assertThat(wrong.statusCode()).isEqualTo(403);
    assertThat(wrong.body()).contains("invalid bearer token").doesNotContain("not-it");

    HttpResponse<String> basic = McpHttp.post(port, Map.of("Authorization", "Basic " + AUTH_TOKEN), McpHttp.INITIALIZE);
    assertThat(basic.statusCode()).isEqualTo(401);

    HttpResponse<String> right = McpHttp.post(port, Map.of("Authorization", "bearer " + AUTH_TOKEN), McpHttp.INITIALIZE);
    assertThat(right.statusCode()).isEqualTo(200);
    assertThat(right.headers().firstValue("Mcp-Session-Id")).isPresent();
    assertThat(right.body()).contains("\"serverInfo\":{\"name\":\"test-api-server\"");
  }

  @Test
  void aForeignHostIs421AndAForeignOrigin403EvenBeforeAuthentication() {
    String initialize = "POST /mcp HTTP/1.1\r\nContent-Type: application/json\r\n"
        + "Accept: application/json, text/event-stream\r\nContent-Length: " + McpHttp.INITIALIZE.length();

    assertThat(McpHttp.rawStatus(port, initialize + "\r\nHost: evil.example.com:" + port, McpHttp.INITIALIZE))
        .isEqualTo(421);
    assertThat(McpHttp.rawStatus(port, initialize + "\r\nHost: evil.example.com:" + port + "\r\nAuthorization: Bearer "
        + AUTH_TOKEN, McpHttp.INITIALIZE)).isEqualTo(421);
    assertThat(McpHttp.rawStatus(port, initialize + "\r\nHost: localhost:" + port + "\r\nAuthorization: Bearer "
        + AUTH_TOKEN, McpHttp.INITIALIZE)).isEqualTo(200);

    assertThat(McpHttp.post(port, Map.of("Origin", "http://evil.example.com"), McpHttp.INITIALIZE).statusCode())
        .isEqualTo(403);
    assertThat(McpHttp.post(port, with(AUTHORIZED, "Origin", "http://evil.example.com:" + port), McpHttp.INITIALIZE)
        .statusCode()).isEqualTo(403);
    // A local page, such as the MCP Inspector, may connect.
    assertThat(McpHttp.post(port, with(AUTHORIZED, "Origin", "http://localhost:6274"), McpHttp.INITIALIZE)
        .statusCode()).isEqualTo(200);
  }

  @Test
  void hostileOriginsAndHostsThatMatchedByPrefixAreRefused() {
    for (String origin : List.of("http://localhost:80@evil.com", "http://127.0.0.1:" + port + "@evil.com",
        "http://localhost.:" + port, "http://[::1]:80@evil.com", "null")) {
      HttpResponse<String> response = McpHttp.post(port, with(AUTHORIZED, "Origin", origin), McpHttp.INITIALIZE);
      assertThat(response.statusCode()).as(origin).isEqualTo(403);
      assertThat(response.body()).contains("Origin not allowed");
    }
    // Two Origin headers, the first a local one: the SDK's validator looked at the first only.
    assertThat(McpHttp.post(port, with(AUTHORIZED, "Origin", "http://localhost:6274\nhttp://evil.com"),
        McpHttp.INITIALIZE).statusCode()).isEqualTo(403);
    assertThat(McpHttp.post(port, with(AUTHORIZED, "Origin", "HTTP://LOCALHOST:6274"), McpHttp.INITIALIZE).statusCode())
        .isEqualTo(200);

    String initialize = "POST /mcp HTTP/1.1\r\nContent-Type: application/json\r\n"
        + "Accept: application/json, text/event-stream\r\nAuthorization: Bearer " + AUTH_TOKEN + "\r\nContent-Length: "
        + McpHttp.INITIALIZE.length();
    for (String host : List.of("localhost:80@evil.com", "localhost.:" + port, "localhost:" + port + "/x",
        "127.0.0.1:" + port + "\r\nHost: evil.com")) {
      assertThat(McpHttp.rawStatus(port, initialize + "\r\nHost: " + host, McpHttp.INITIALIZE)).as(host).isIn(400, 421);
    }
    assertThat(McpHttp.rawStatus(port, initialize + "\r\nHost: LocalHost:" + port, McpHttp.INITIALIZE)).isEqualTo(200);
    assertThat(McpHttp.rawStatus(port, initialize + "\r\nHost: [::1]:" + port, McpHttp.INITIALIZE)).isEqualTo(200);
  }

  @Test
  void healthNeedsNoToken() {
    HttpResponse<String> healthz = McpHttp.get(port, "/healthz");
    assertThat(healthz.statusCode()).isEqualTo(200);
    assertThat(healthz.body()).isEqualTo("ok");

    HttpResponse<String> npmShape = McpHttp.get(port, "/health");
    assertThat(npmShape.statusCode()).isEqualTo(200);
    assertThat(npmShape.body()).isEqualTo("{\"status\":\"healthy\",\"transport\":\"http\",\"port\":" + port + "}");

    assertThat(McpHttp.get(port, "/elsewhere").statusCode()).isEqualTo(404);
  }

  @Test
  void aBodyOverTheLimitIs413() {
    String head = "POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Bearer " + AUTH_TOKEN
        + "\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\nContent-Length: "
        + (ServerSettings.defaults().maxRequestBytes() + 1);

    // The length alone is refused; the body is never read.
    assertThat(McpHttp.rawStatus(port, head, "")).isEqualTo(413);
  }

  @Test
  void eachSessionsCallsCarryItsOwnPassedThroughTokenAndNoneAnothers() throws Exception {
    api.respondWith(request -> RecordingUpstream.Response.json(200, "{\"path\":\"" + request.path() + "\"}"));
    Map<String, String> tokens = Map.of("a", "client-a-token", "b", "client-b-token");
    List<McpSyncClient> clients = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<List<String>>> runs = new ArrayList<>();
      for (String session : List.of("a", "b", "none")) {
        Map<String, String> headers = tokens.containsKey(session)
            ? with(AUTHORIZED, PASSTHROUGH, tokens.get(session))
            : AUTHORIZED;
        McpSyncClient client = McpHttp.connect(port, headers);
        clients.add(client);
        runs.add(pool.submit(() -> {
          List<String> answers = new ArrayList<>();
          for (int i = 0; i < 40; i++) {
            CallToolResult result = client.callTool(getItem(session + "-" + i));
            answers.add(String.valueOf(result.structuredContent()));
          }
          return answers;
        }));
      }
      for (int s = 0; s < runs.size(); s++) {
        String session = List.of("a", "b", "none").get(s);
        List<String> answers = runs.get(s).get();
        for (int i = 0; i < answers.size(); i++) {
          assertThat(answers.get(i)).isEqualTo("{path=/v1/items/" + session + "-" + i + "}");
        }
      }
    } finally {
      pool.shutdownNow();
      clients.forEach(McpSyncClient::closeGracefully);
    }

    List<RecordedRequest> requests = api.requests();
    assertThat(requests).hasSize(120);
    for (RecordedRequest request : requests) {
      String session = request.path().substring("/v1/items/".length()).split("-")[0];
      String expected = tokens.getOrDefault(session, ENV_TOKEN);
      assertThat(request.header("Authorization")).as(request.path()).isEqualTo("Bearer " + expected);
      assertThat(request.headers().get("Authorization")).hasSize(1);
      assertThat(request.headers()).doesNotContainKey(PASSTHROUGH);
    }
  }

  @Test
  void anUnusablePassedThroughTokenIs400AndNothingIsSent() {
    HttpResponse<String> response =
        McpHttp.post(port, with(AUTHORIZED, PASSTHROUGH, "Bearer abc"), McpHttp.INITIALIZE);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("Test-Api-Token header must hold the API token alone").doesNotContain("abc");
    assertThat(api.requests()).isEmpty();
  }
}
