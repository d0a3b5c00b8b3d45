package dev.openapimcp.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openapimcp.runtime.settings.ServerSettings;
import dev.openapimcp.testing.McpHttp;
import dev.openapimcp.testing.RecordingUpstream;
import dev.openapimcp.testing.TestCatalog;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP transport's other modes: stateless, without authentication, and its graceful stop. */
class HttpTransportModesTest {

  private static final String AUTH = "Bearer modes-token";

  private RecordingUpstream api;

  @BeforeEach
  void startApi() {
    api = RecordingUpstream.start();
  }

  @AfterEach
  void stopApi() {
    api.close();
  }

  private McpProxyServer start(ServerSettings.Builder settings) {
    return McpProxyServer.builder(TestCatalog.catalog())
        .environment(Map.of("BASE_URL", api.baseUrl(), TestCatalog.TOKEN_VARIABLE, "env-token"))
        .settings(settings.transport(ServerSettings.Transport.HTTP).port(0).build())
        .build()
        .start();
  }

  private static CallToolRequest getItem(String id) {
    return CallToolRequest.builder("get-item").arguments(Map.of("item_id", id)).build();
  }

  @Test
  void statelessServesTheSdkClientWithoutSessionsAndPassesTokensThrough() {
    try (McpProxyServer server =
        start(ServerSettings.builder().stateless(true).authToken("modes-token").tokenPassthrough(true)
            .tokenPassthroughHeader("Test-Api-Token"))) {
      HttpResponse<String> initialize = McpHttp.post(server.httpPort(), Map.of("Authorization", AUTH), McpHttp.INITIALIZE);
      assertThat(initialize.statusCode()).isEqualTo(200);
      assertThat(initialize.headers().firstValue("Mcp-Session-Id")).isEmpty();

      McpSyncClient client =
          McpHttp.connect(server.httpPort(), Map.of("Authorization", AUTH, "Test-Api-Token", "stateless-client"));
      try {
        assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name).contains("get-item", "delete-item");
        CallToolResult result = client.callTool(getItem("s1"));

        assertThat(result.isError()).isFalse();
        assertThat(api.onlyRequest().target()).isEqualTo("/v1/items/s1");
        assertThat(api.onlyRequest().header("Authorization")).isEqualTo("Bearer stateless-client");
      } finally {
        client.closeGracefully();
      }
      assertThat(McpHttp.post(server.httpPort(), Map.of(), McpHttp.INITIALIZE).statusCode()).isEqualTo(401);
    }
  }

  @Test
  void withoutAuthenticationHostAndOriginAreStillChecked() {
    try (McpProxyServer server = start(ServerSettings.builder().unsafeDisableAuth())) {
      int port = server.httpPort();
      McpSyncClient client = McpHttp.connect(port, Map.of());
      try {
        assertThat(client.callTool(getItem("open")).isError()).isFalse();
      } finally {
        client.closeGracefully();
      }
      String head = "POST /mcp HTTP/1.1\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream"
          + "\r\nContent-Length: " + McpHttp.INITIALIZE.length();
      assertThat(McpHttp.rawStatus(port, head + "\r\nHost: rebound.example:" + port, McpHttp.INITIALIZE)).isEqualTo(421);
      assertThat(McpHttp.rawStatus(port, head + "\r\nHost: [::1]:" + port, McpHttp.INITIALIZE)).isEqualTo(200);
      assertThat(McpHttp.post(port, Map.of("Origin", "https://rebound.example"), McpHttp.INITIALIZE).statusCode())
          .isEqualTo(403);
    }
  }

  @Test
  void closingLetsARunningCallFinishAndRefusesNewRequests() throws Exception {
    api.enqueue(RecordingUpstream.Response.json(200, "{\"slow\":true}").after(Duration.ofMillis(1500)));
    McpProxyServer server = start(ServerSettings.builder().authToken("modes-token").drainTimeout(Duration.ofSeconds(20)));
    int port = server.httpPort();
    McpSyncClient client = McpHttp.connect(port, Map.of("Authorization", AUTH));
    try {
      CompletableFuture<CallToolResult> running = CompletableFuture.supplyAsync(() -> client.callTool(getItem("slow")));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (api.requests().isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(api.requests()).hasSize(1);

      long closing = System.nanoTime();
      CompletableFuture<Void> closed = CompletableFuture.runAsync(server::close);
      Thread.sleep(200);
      // A new request while draining: the listening socket is closed, or the request gets 503.
      int status;
      try {
        status = McpHttp.post(port, Map.of("Authorization", AUTH), McpHttp.INITIALIZE).statusCode();
      } catch (UncheckedIOException refused) {
        status = 0;
      }
      assertThat(status).isIn(0, 503);

      CallToolResult result = running.get(20, TimeUnit.SECONDS);
      assertThat(result.isError()).isFalse();
      assertThat(result.structuredContent()).isEqualTo(Map.of("slow", true));
      closed.get(20, TimeUnit.SECONDS);
      assertThat(server.awaitTermination(Duration.ZERO)).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - closing)).isLessThan(Duration.ofSeconds(10));
      assertThatThrownBy(() -> McpHttp.get(port, "/healthz")).isInstanceOf(UncheckedIOException.class);
    } finally {
      client.close();
      server.close();
    }
  }
}
