package dev.openapimcp.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openapimcp.runtime.settings.ServerSettings;
import dev.openapimcp.testing.RecordingUpstream;
import dev.openapimcp.testing.TestCatalog;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ElicitResult;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code --confirm writes} in MCP 2025-11-25 with the SDK's own Java client over Streamable HTTP:
 * the server sends {@code elicitation/create} before the call, and sends the call only on a yes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConfirmLegacyTest {

  private static final String AUTH = "confirm-auth-token";

  private RecordingUpstream api;
  private McpProxyServer server;
  private final List<McpSchema.ElicitFormRequest> asked = new CopyOnWriteArrayList<>();

  @BeforeAll
  void start() {
    api = RecordingUpstream.start();
    server =
        McpProxyServer.builder(TestCatalog.catalog())
            .environment(Map.of("BASE_URL", api.baseUrl()))
            .settings(ServerSettings.builder().transport(ServerSettings.Transport.HTTP).port(0).authToken(AUTH)
                .confirm(ServerSettings.Confirm.WRITES).build())
            .build()
            .start();
  }

  @AfterAll
  void stop() {
    server.close();
    api.close();
  }

  @BeforeEach
  void forget() {
    api.reset();
    asked.clear();
  }

  /** A client answering every question with {@code answer}, or one without elicitation when {@code null}. */
  private McpSyncClient connect(Function<McpSchema.ElicitFormRequest, ElicitResult> answer) {
    HttpClientStreamableHttpTransport transport =
        HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + server.httpPort())
            .endpoint("/mcp")
            .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + AUTH))
            .build();
    McpClient.SyncSpec spec = McpClient.sync(transport)
        .requestTimeout(Duration.ofSeconds(30))
        .initializationTimeout(Duration.ofSeconds(30));
    if (answer != null) {
      spec.capabilities(McpSchema.ClientCapabilities.builder().elicitation().build())
          .elicitation(request -> {
            asked.add(request);
            return answer.apply(request);
          });
    }
    McpSyncClient client = spec.build();
    client.initialize();
    return client;
  }

  private static CallToolResult deleteItem(McpSyncClient client) {
    return client.callTool(McpSchema.CallToolRequest.builder("delete-item").arguments(Map.of("item_id", "7")).build());
  }

  private static String text(CallToolResult result) {
    return ((McpSchema.TextContent) result.content().get(0)).text();
  }

  @Test
  void acceptedSendsOneRequestAfterShowingToolMethodPathAndArguments() {
    McpSyncClient client = connect(request -> new ElicitResult(ElicitResult.Action.ACCEPT, Map.of("confirm", true)));
    try {
      CallToolResult result = deleteItem(client);

      assertThat(result.isError()).as(result.toString()).isFalse();
    } finally {
      client.closeGracefully();
    }
    assertThat(asked).hasSize(1);
    assertThat(asked.get(0).message()).contains("delete-item", "DELETE /v1/items/{item_id}", "{\"item_id\":\"7\"}");
    assertThat(asked.get(0).requestedSchema().get("required")).isEqualTo(List.of("confirm"));
    assertThat(api.onlyRequest().method()).isEqualTo("DELETE");
    assertThat(api.onlyRequest().path()).isEqualTo("/v1/items/7");
  }

  @Test
  void declinedSendsNothing() {
    McpSyncClient client = connect(request -> new ElicitResult(ElicitResult.Action.DECLINE, null));
    try {
      CallToolResult result = deleteItem(client);

      assertThat(result.isError()).isTrue();
      assertThat(text(result)).contains("Not confirmed", "nothing was sent");
    } finally {
      client.closeGracefully();
    }
    assertThat(asked).hasSize(1);
    assertThat(api.requests()).isEmpty();
  }

  @Test
  void aClientWithoutElicitationIsToldAboutTheFlagAndReadsAreNotAsked() {
    api.respond(200, "{\"id\":\"7\"}");
    McpSyncClient client = connect(null);
    try {
      CallToolResult refused = deleteItem(client);
      assertThat(refused.isError()).isTrue();
      assertThat(text(refused)).contains("--confirm writes", "elicitation");
      assertThat(api.requests()).isEmpty();

      CallToolResult read =
          client.callTool(McpSchema.CallToolRequest.builder("get-item").arguments(Map.of("item_id", "7")).build());
      assertThat(read.isError()).isFalse();
    } finally {
      client.closeGracefully();
    }
    assertThat(api.onlyRequest().method()).isEqualTo("GET");
  }
}
