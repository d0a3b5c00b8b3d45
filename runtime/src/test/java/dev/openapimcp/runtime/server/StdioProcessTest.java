package dev.openapimcp.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openapimcp.testing.JsonRpcLines;
import dev.openapimcp.testing.ServerProcess;
import dev.openapimcp.runtime.testing.TestServerMain;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A real server process driven with raw JSON-RPC lines, to check exactly what it writes where. */
class StdioProcessTest {

  private static final String SECRET = "sk-live-0123456789";

  private static Process start(Map<String, String> environment, String... args) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(ServerProcess.command(TestServerMain.class, args));
    builder.environment().clear();
    builder.environment().putAll(environment);
    return builder.start();
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  void stdoutCarriesOnlyJsonRpcAndUnreachableApiIsAToolError() throws Exception {
    int port = closedPort();
    Process process =
        start(
            Map.of(
                "BASE_URL", "http://127.0.0.1:" + port,
                "OPENAPI_MCP_HEADERS", "{\"Authorization\":\"Bearer " + SECRET + "\"}",
                "TEST_STRAY_STDOUT", "1"));
    CompletableFuture<String> stderr = ServerProcess.readAll(process.getErrorStream());
    try (JsonRpcLines client = new JsonRpcLines(process.getOutputStream(), process.getInputStream())) {
      client.initialize();
      client.request("tools/list", Map.of());

      Map<String, Object> refused = client.callTool("get-item", Map.of("item_id", "i1"));
      Map<String, Object> invalid = client.callTool("get-item", Map.of());
      Map<String, Object> unknown = client.request("tools/call", Map.of("name", "no-such-tool", "arguments", Map.of()));

      assertThat(refused.get("isError")).isEqualTo(true);
      assertThat(refused.get("content"))
          .isEqualTo(
              List.of(
                  Map.of(
                      "type", "text",
                      "text",
                      "Could not connect to 127.0.0.1:" + port + ": connection refused (nothing is listening there).")));
      assertThat(invalid.get("isError")).isEqualTo(true);
      assertThat(invalid.get("content").toString()).contains("item_id: required, but missing");
      // An isError result the model can read, naming the tool (the SDK's JSON-RPC error said "invalid_tool_name").
      assertThat(unknown.get("result")).isEqualTo(Map.of("isError", true, "content", List.of(Map.of("type", "text",
          "text", "Unknown tool: no-such-tool. Ask tools/list for the tools of this server."))));

      // The server must exit on its own once its input closes, having written JSON-RPC lines only.
      assertThat(client.endSession(process, Duration.ofSeconds(15))).hasSizeGreaterThanOrEqualTo(5);
      String log = stderr.get(10, TimeUnit.SECONDS);
      assertThat(log).contains("test-api-server 1.2.3 serving 4 tools over stdio for http://127.0.0.1:" + port);
      assertThat(log).doesNotContain(SECRET);
      // What a library printed to System.out went to stderr, not into the protocol.
      assertThat(log).contains(TestServerMain.STRAY_LINE);
    } finally {
      process.destroyForcibly();
    }
  }

  @Test
  void malformedHeadersExitWithTwoAndOneSentenceWithoutTheSecret() throws Exception {
    Process process = start(Map.of("OPENAPI_MCP_HEADERS", "{\"Authorization\": \"Bearer " + SECRET + "}"));
    CompletableFuture<String> stdout = ServerProcess.readAll(process.getInputStream());
    CompletableFuture<String> stderr = ServerProcess.readAll(process.getErrorStream());
    try {
      assertThat(process.waitFor(15, TimeUnit.SECONDS)).isTrue();

      assertThat(process.exitValue()).isEqualTo(2);
      String message = stderr.get(5, TimeUnit.SECONDS);
      assertThat(message.lines()).hasSize(1);
      assertThat(message)
          .startsWith("OPENAPI_MCP_HEADERS is not valid JSON: the text ends early at line 1, column ")
          .doesNotContain(SECRET)
          .doesNotContain("sk-live");
      assertThat(stdout.get(5, TimeUnit.SECONDS)).isEmpty();
    } finally {
      process.destroyForcibly();
    }
  }

  @Test
  void credentialsFromTheirOwnVariablesSilenceTheNoCredentialsWarningAndEmptyHeadersCountAsUnset() throws Exception {
    // Issue 12: the warning was printed while basic-auth or API-key variables were set and used, and an empty
    // OPENAPI_MCP_HEADERS stopped the server, where npm treats it as unset.
    List<Map<String, String>> environments = List.of(
        Map.of("BASE_URL", "http://127.0.0.1:9", "OPENAPI_MCP_HEADERS", "", "TEST_API_USERNAME", "u",
            "TEST_API_PASSWORD", SECRET),
        Map.of("BASE_URL", "http://127.0.0.1:9", "TEST_API_KEY", SECRET));
    for (Map<String, String> environment : environments) {
      Process process = start(environment);
      CompletableFuture<String> stderr = ServerProcess.readAll(process.getErrorStream());
      try (JsonRpcLines client = new JsonRpcLines(process.getOutputStream(), process.getInputStream())) {
        client.initialize();
        client.endInput();

        assertThat(process.waitFor(15, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(stderr.get(5, TimeUnit.SECONDS))
            .contains("test-api-server 1.2.3 serving 4 tools")
            .doesNotContain("without credentials")
            .doesNotContain(SECRET);
      } finally {
        process.destroyForcibly();
      }
    }
  }

  @Test
  void unreadableInputIsAnsweredAndTheProcessStillEndsWithItsInput() throws Exception {
    Process process = start(Map.of("BASE_URL", "http://127.0.0.1:9"));
    CompletableFuture<String> stderr = ServerProcess.readAll(process.getErrorStream());
    try (JsonRpcLines client = new JsonRpcLines(process.getOutputStream(), process.getInputStream())) {
      client.initialize();

      // The SDK's own reader would stop at this line for good; the server answers it and reads on.
      client.sendRaw("this is not json");
      assertThat(client.request("ping", Map.of())).containsKey("result");
      client.endInput();

      assertThat(process.waitFor(15, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).isZero();
      assertThat(client.lines()).anyMatch(line -> line.contains("\"code\":-32700"));
      assertThat(stderr.get(5, TimeUnit.SECONDS)).contains("requests are sent without credentials");
    } finally {
      process.destroyForcibly();
    }
  }
}
