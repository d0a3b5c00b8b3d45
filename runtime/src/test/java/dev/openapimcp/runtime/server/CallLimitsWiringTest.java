package dev.openapimcp.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openapimcp.runtime.settings.ServerSettings;
import dev.openapimcp.testing.JsonRpcLines;
import dev.openapimcp.testing.RecordingUpstream;
import dev.openapimcp.testing.RecordingUpstream.Response;
import dev.openapimcp.testing.TestCatalog;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The builder's call limits reach the calls: retries, request timeout and the 401 hint's variable. */
class CallLimitsWiringTest {

  private final RecordingUpstream api = RecordingUpstream.start();
  private McpProxyServer server;
  private JsonRpcLines client;

  private void start(McpProxyServer.Builder builder) throws IOException {
    PipedOutputStream clientOut = new PipedOutputStream();
    PipedInputStream serverIn = new PipedInputStream(clientOut, 1 << 16);
    PipedOutputStream serverOut = new PipedOutputStream();
    PipedInputStream clientIn = new PipedInputStream(serverOut, 1 << 16);
    server = builder.environment(Map.of("BASE_URL", api.baseUrl())).input(serverIn).output(serverOut).build().start();
    client = new JsonRpcLines(clientOut, clientIn);
    client.initialize();
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
    api.close();
  }

  private String callText() {
    Map<String, Object> result = client.callTool("get-item", Map.of("item_id", "i1"));
    assertThat(result.get("isError")).isEqualTo(true);
    return (String) ((Map<?, ?>) ((List<?>) result.get("content")).get(0)).get("text");
  }

  @Test
  void retriesAndTimeoutsComeFromTheBuilder() throws IOException {
    start(McpProxyServer.builder(TestCatalog.catalog())
        .settings(ServerSettings.builder()
            .retryAttempts(2).retryDeadline(Duration.ofSeconds(10))
            .requestTimeout(Duration.ofMillis(300))
            .rateLimit(100)
            .build()));
    api.enqueue(Response.json(503, ""));
    api.enqueue(Response.json(503, ""));
    api.respond(Response.json(200, "{}").after(Duration.ofSeconds(3)));

    assertThat(callText()).isEqualTo("HTTP 503 Service Unavailable (empty body)\nGave up after 2 attempts.");
    assertThat(callText()).endsWith("timed out after 300 ms without a complete response.");
    assertThat(api.requests()).hasSize(3);
  }

  @Test
  void unauthorizedNamesTheTokenVariable() throws IOException {
    start(McpProxyServer.builder(TestCatalog.catalog()));
    api.respond(401, "{\"message\":\"API token is invalid.\"}");

    assertThat(callText()).contains("check " + TestCatalog.TOKEN_VARIABLE + ", ");
  }
}
