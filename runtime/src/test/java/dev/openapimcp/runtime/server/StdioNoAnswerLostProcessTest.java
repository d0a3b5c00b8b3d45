package dev.openapimcp.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openapimcp.testing.JsonRpcLines;
import dev.openapimcp.testing.RecordingUpstream;
import dev.openapimcp.testing.RecordingUpstream.Response;
import dev.openapimcp.testing.ServerProcess;
import dev.openapimcp.runtime.testing.TestServerMain;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real server process fed the way scripts and some hosts feed it: requests piped in and the input
 * closed at once, or SIGTERM while calls run. Every request read must be answered before the
 * process exits; the SDK's own stdio transport answered none of them.
 */
class StdioNoAnswerLostProcessTest {

  @TempDir
  Path temp;

  private final RecordingUpstream api = RecordingUpstream.start();
  private Process process;

  @AfterEach
  void stop() {
    if (process != null) {
      process.destroyForcibly();
    }
    api.close();
  }

  private JsonRpcLines start(String... args) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(ServerProcess.command(TestServerMain.class, args));
    builder.environment().clear();
    builder.environment().put("BASE_URL", api.baseUrl());
    builder.redirectError(temp.resolve("server.err").toFile());
    process = builder.start();
    return new JsonRpcLines(process.getOutputStream(), process.getInputStream());
  }

  private static Map<String, Object> getItem(String item) {
    return Map.of("name", "get-item", "arguments", Map.of("item_id", item));
  }

  /** Every answer the server wrote, by id. */
  private static Map<Object, Map<String, Object>> answersById(JsonRpcLines client) {
    Map<Object, Map<String, Object>> answers = new HashMap<>();
    for (String line : client.lines()) {
      Map<String, Object> message = JsonRpcLines.parse(line);
      assertThat(message).as("stdout line %.200s", line).isNotNull();
      if (message.containsKey("id") && !message.containsKey("method")) {
        assertThat(answers.put(message.get("id"), message)).as("second answer to %s", message.get("id")).isNull();
      }
    }
    return answers;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> result(Map<String, Object> answer) {
    assertThat(answer).as("answer").containsKey("result");
    return (Map<String, Object>) answer.get("result");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> error(Map<String, Object> answer) {
    assertThat(answer).as("answer").containsKey("error");
    return (Map<String, Object>) answer.get("error");
  }

  private static String text(Map<String, Object> result) {
    return (String) ((Map<?, ?>) ((List<?>) result.get("content")).get(0)).get("text");
  }

  private void awaitExit(JsonRpcLines client) throws InterruptedException {
    // Hang guards only: the server must exit on its own once everything is answered.
    assertThat(process.waitFor(300, TimeUnit.SECONDS)).as("the server exited").isTrue();
    assertThat(client.awaitEnd(Duration.ofSeconds(30))).isTrue();
  }

  @Test
  void aThousandPipedCallsThenEndOfInputAreEachAnswered() throws Exception {
    api.respondWith(request -> Response.json(200, "{\"path\":\"" + request.path() + "\"}"));
    // A long queue wait: no call may be turned away as busy for waiting its turn on a slow machine.
    try (JsonRpcLines client = start("--max-queue-wait", "600")) {
      client.sendInitialize(0);
      for (int id = 1; id <= 1000; id++) {
        client.sendRequest(id, "tools/call", getItem("i" + id));
      }
      client.endInput();

      awaitExit(client);
      assertThat(process.exitValue()).isZero();
      Map<Object, Map<String, Object>> answers = answersById(client);
      assertThat(answers).hasSize(1001);
      assertThat(answers.get(0)).containsKey("result");
      for (int id = 1; id <= 1000; id++) {
        Map<String, Object> result = result(answers.get(id));
        assertThat(result.get("isError")).as("call %d: %s", id, result).isEqualTo(false);
        assertThat(result.get("structuredContent")).isEqualTo(Map.of("path", "/v1/items/i" + id));
      }
      assertThat(api.requests()).hasSize(1000);
    }
  }

  @Test
  void aWriteSentBeforeEndOfInputIsAnsweredWithWhatTheApiSaid() throws Exception {
    api.respond(Response.json(201, "{\"id\":\"created\"}").after(Duration.ofSeconds(1)));
    try (JsonRpcLines client = start()) {
      client.sendInitialize(0);
      client.sendRequest(1, "tools/call",
          Map.of("name", "create-item", "arguments", Map.of("parent", Map.of("id", "p1"), "title", "t")));
      client.endInput();

      awaitExit(client);
      assertThat(process.exitValue()).isZero();
      Map<String, Object> result = result(answersById(client).get(1));
      assertThat(result.get("isError")).isEqualTo(false);
      assertThat(result.get("structuredContent")).isEqualTo(Map.of("id", "created"));
      assertThat(api.onlyRequest().method()).isEqualTo("POST");
    }
  }

  @Test
  void sigtermLetsRunningCallsFinishAndAnswersWaitingOnesAtOnce() throws Exception {
    // The API holds its answers until the test lets them go: which calls run when the signal comes is certain.
    CountDownLatch answer = new CountDownLatch(1);
    api.respondWith(request -> {
      try {
        answer.await(120, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return Response.json(200, "{\"ok\":true}");
    });
    try (JsonRpcLines client = start("--max-concurrent-calls", "2")) {
      client.initialize();
      for (int id = 101; id <= 105; id++) {
        client.sendRequest(id, "tools/call", getItem("i" + id));
      }
      awaitUntil(() -> api.requests().size() == 2);

      // SIGTERM; Process.destroy() would close the pipes, and the answers come after the signal.
      assertThat(new ProcessBuilder("kill", "-TERM", String.valueOf(process.pid())).start().waitFor()).isZero();
      // The three waiting calls are answered while the two running ones still wait for the API.
      awaitUntil(() -> answersById(client).size() == 1 + 3);
      answer.countDown();

      awaitExit(client);
      assertThat(process.exitValue()).isEqualTo(143);
      Map<Object, Map<String, Object>> answers = answersById(client);
      List<Integer> finished = new ArrayList<>();
      for (int id = 101; id <= 105; id++) {
        Map<String, Object> result = result(answers.get(id));
        if (Boolean.FALSE.equals(result.get("isError"))) {
          assertThat(result.get("structuredContent")).isEqualTo(Map.of("ok", true));
          finished.add(id);
        } else {
          assertThat(text(result)).isEqualTo("The server is shutting down; the call was not sent to the API. Retry it"
              + " once the server has restarted.");
        }
      }
      assertThat(finished).hasSize(2);
      assertThat(api.requests()).extracting(request -> request.path())
          .containsExactlyInAnyOrderElementsOf(finished.stream().map(id -> "/v1/items/i" + id).toList());
    }
  }

  /** Waits for {@code condition}; a hang guard, not a timing. */
  private static void awaitUntil(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited a minute").isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  @Test
  void twoMessagesOnOneLineAreEachAnsweredWithAnErrorAndNeitherRuns() throws Exception {
    try (JsonRpcLines client = start()) {
      client.initialize();
      client.sendRaw(JsonRpcLines.requestLine(201, "tools/call", getItem("a"))
          + JsonRpcLines.requestLine(202, "tools/call", getItem("b")));
      String initialized = JsonRpcLines.notificationLine("notifications/initialized", Map.of());
      client.sendRaw(initialized + " " + initialized);
      assertThat(client.request("ping", Map.of())).containsKey("result");
      client.endInput();

      awaitExit(client);
      Map<Object, Map<String, Object>> answers = answersById(client);
      for (int id : List.of(201, 202)) {
        assertThat(error(answers.get(id)))
            .containsEntry("code", -32600)
            .containsEntry("message", "Invalid Request: the line holds 2 JSON values, but MCP's stdio transport"
                + " carries exactly one message per line; nothing on the line was processed.");
      }
      assertThat(error(answers.get(null)))
          .containsEntry("code", -32700)
          .containsEntry("message", "Parse error: the line holds 2 JSON values; MCP's stdio transport carries exactly"
              + " one JSON-RPC message per line.");
      assertThat(api.requests()).isEmpty();
    }
  }
}
