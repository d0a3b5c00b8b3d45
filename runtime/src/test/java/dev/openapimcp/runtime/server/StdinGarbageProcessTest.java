package dev.openapimcp.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openapimcp.testing.JsonRpcLines;
import dev.openapimcp.testing.RecordingUpstream;
import dev.openapimcp.testing.ServerProcess;
import dev.openapimcp.runtime.testing.TestServerMain;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A server process fed garbage on stdin: every bad line gets a JSON-RPC error, the server keeps
 * serving, and stdout carries nothing but JSON-RPC.
 */
class StdinGarbageProcessTest {

  private static final int MEGABYTE = 1024 * 1024;

  private static Map<String, Object> awaitId(JsonRpcLines client, Object id) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      for (String line : client.lines()) {
        Map<String, Object> message = JsonRpcLines.parse(line);
        if (message != null && id.equals(message.get("id")) && !message.containsKey("method")) {
          return message;
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("No answer with id " + id + "; lines: " + client.lines());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> errorOf(Map<String, Object> response) {
    assertThat(response).containsKey("error");
    return (Map<String, Object>) response.get("error");
  }

  @Test
  void badLinesAreAnsweredWithErrorsAndTheServerKeepsServing() throws Exception {
    try (RecordingUpstream api = RecordingUpstream.start()) {
      api.respond(200, "{\"object\":\"item\"}");
      ProcessBuilder builder = new ProcessBuilder(ServerProcess.command(TestServerMain.class));
      builder.environment().clear();
      builder.environment().put("BASE_URL", api.baseUrl());
      Process process = builder.start();
      CompletableFuture<String> stderr = ServerProcess.readAll(process.getErrorStream());
      try (JsonRpcLines client = new JsonRpcLines(process.getOutputStream(), process.getInputStream())) {
        client.initialize();

        client.sendRaw("this is not json");
        client.sendRaw("{\"jsonrpc\":\"2.0\",\"id\":");
        client.sendRaw("[{\"jsonrpc\":\"2.0\",\"id\":100,\"method\":\"tools/list\"}]");
        client.sendRaw("{\"jsonrpc\":\"2.0\",\"id\":101}");
        client.sendRaw("{\"jsonrpc\":\"2.0\",\"id\":102,\"method\":42}");
        client.sendRaw("x".repeat(MEGABYTE));
        // A valid request of over 1 MB is served.
        client.sendRaw("{\"jsonrpc\":\"2.0\",\"id\":103,\"method\":\"tools/call\",\"params\":{\"name\":\"create-item\","
            + "\"arguments\":{\"parent\":{\"id\":\"p1\"},\"title\":\"" + "t".repeat(MEGABYTE) + "\"}}}");
        client.sendRaw("{\"jsonrpc\":\"2.0\",\"id\":104,\"method\":\"tools/call\",\"params\":{\"name\":{\"x\":1}}}");
        Map<String, Object> unknown = client.request("no/such/method", Map.of());
        Map<String, Object> list = client.request("tools/list", Map.of());

        assertThat(errorOf(unknown)).containsEntry("code", -32601);
        assertThat(list).containsKey("result");
        assertThat((List<?>) ((Map<?, ?>) list.get("result")).get("tools")).hasSize(4);
        assertThat(errorOf(awaitId(client, 101))).containsEntry("code", -32600);
        assertThat(errorOf(awaitId(client, 102))).containsEntry("code", -32600);
        assertThat(awaitId(client, 104)).containsKey("error");
        Map<?, ?> created = (Map<?, ?>) awaitId(client, 103).get("result");
        assertThat(created.get("isError")).isEqualTo(false);
        assertThat(api.onlyRequest().body().length).isGreaterThan(MEGABYTE);

        List<Map<String, Object>> anonymous = client.lines().stream().map(JsonRpcLines::parse)
            .filter(message -> message != null && message.containsKey("id") && message.get("id") == null).toList();
        assertThat(anonymous).extracting(message -> errorOf(message).get("code"))
            .containsExactly(-32700, -32700, -32600, -32700);

        client.endSession(process, Duration.ofSeconds(15));
        // Logs say what was wrong, never the line itself.
        assertThat(stderr.get(10, TimeUnit.SECONDS)).contains("not JSON").doesNotContain("xxxxxxxxxx");
      } finally {
        process.destroyForcibly();
      }
    }
  }
}
