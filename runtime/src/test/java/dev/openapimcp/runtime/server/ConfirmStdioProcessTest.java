package dev.openapimcp.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openapimcp.runtime.testing.TestServerMain;
import dev.openapimcp.testing.RecordingUpstream;
import dev.openapimcp.testing.ServerProcess;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ElicitResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code --confirm destructive} on the command line of a real server process, driven over stdio by
 * the SDK's Java client (2025-11-25): our stdio transport carries the server's {@code
 * elicitation/create} request and the client's answer while the call waits.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConfirmStdioProcessTest {

  private final List<McpSchema.ElicitFormRequest> asked = new CopyOnWriteArrayList<>();
  private final AtomicReference<ElicitResult> answer = new AtomicReference<>();
  private RecordingUpstream api;
  private McpSyncClient client;

  @BeforeAll
  void start() {
    api = RecordingUpstream.start();
    List<String> arguments = new ArrayList<>(ServerProcess.jvmArguments(TestServerMain.class));
    arguments.addAll(List.of("--confirm", "destructive"));
    ServerParameters parameters = ServerParameters.builder(ServerProcess.javaLauncher())
        .args(arguments)
        .env(Map.of("BASE_URL", api.baseUrl()))
        .build();
    client = McpClient.sync(new StdioClientTransport(parameters, McpJsonDefaults.getMapper()))
        .requestTimeout(Duration.ofSeconds(30))
        .initializationTimeout(Duration.ofSeconds(30))
        .capabilities(McpSchema.ClientCapabilities.builder().elicitation().build())
        .elicitation(request -> {
          asked.add(request);
          return answer.get();
        })
        .build();
    client.initialize();
  }

  @AfterAll
  void stop() {
    if (client != null) {
      client.closeGracefully();
    }
    api.close();
  }

  @BeforeEach
  void forget() {
    api.reset();
    asked.clear();
  }

  private CallToolResult deleteItem() {
    return client.callTool(McpSchema.CallToolRequest.builder("delete-item").arguments(Map.of("item_id", "9")).build());
  }

  @Test
  void acceptedSendsOneRequest() {
    answer.set(new ElicitResult(ElicitResult.Action.ACCEPT, Map.of("confirm", true)));

    CallToolResult result = deleteItem();

    assertThat(result.isError()).as(result.toString()).isFalse();
    assertThat(asked).singleElement().satisfies(request ->
        assertThat(request.message()).contains("delete-item", "DELETE /v1/items/{item_id}", "\"item_id\":\"9\""));
    assertThat(api.onlyRequest().method()).isEqualTo("DELETE");
  }

  @Test
  void declinedSendsNothing() {
    answer.set(new ElicitResult(ElicitResult.Action.DECLINE, null));

    CallToolResult result = deleteItem();

    assertThat(result.isError()).isTrue();
    assertThat(((McpSchema.TextContent) result.content().get(0)).text()).contains("Not confirmed");
    assertThat(asked).hasSize(1);
    assertThat(api.requests()).isEmpty();
  }
}
