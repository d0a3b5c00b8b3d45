package dev.openapimcp.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openapimcp.testing.JsonRpcLines;
import dev.openapimcp.testing.McpHttp;
import dev.openapimcp.testing.RecordingUpstream;
import dev.openapimcp.testing.RecordingUpstream.Response;
import dev.openapimcp.testing.ServerProcess;
import dev.openapimcp.runtime.testing.TestServerMain;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Twenty concurrent calls whose answers are 5 MB images, against a server in a JVM with a heap too
 * small to hold them all. Before the call limits and the memory budget, such a server filled its
 * heap, logged {@code OutOfMemoryError}s and never answered again. Now every call is answered (with
 * the image, or as busy) and the server still answers afterwards. The peak heap is printed from the
 * child's GC log, not asserted.
 */
class LargeAnswersProcessTest {

  private static final int CALLS = 20;
  private static final int IMAGE_BYTES = 5 * 1024 * 1024;
  private static final String BUSY = "The server is busy: ";
  private static final Pattern ENDPOINT = Pattern.compile("Streamable HTTP at http://127\\.0\\.0\\.1:(\\d+)/mcp");
  private static final Pattern GC = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

  @TempDir
  Path temp;

  private final RecordingUpstream api = RecordingUpstream.start();
  private final String image = imageBase64();
  private Process process;

  @AfterEach
  void stop() {
    if (process != null) {
      process.destroyForcibly();
    }
    api.close();
  }

  private String imageBase64() {
    byte[] png = new byte[IMAGE_BYTES];
    for (int i = 0; i < png.length; i++) {
      png[i] = (byte) (i * 31);
    }
    api.respond(new Response(200, Map.of("Content-Type", "image/png"), png, Duration.ZERO));
    return Base64.getEncoder().encodeToString(png);
  }

  private Process start(String heap, String... args) throws IOException {
    List<String> command = ServerProcess.command(List.of(heap), TestServerMain.class, args);
    // After the launcher's -Xlog:disable, which would turn this off too.
    command.add(command.indexOf("-cp"), "-Xlog:gc:file=" + temp.resolve("gc.log"));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("BASE_URL", api.baseUrl());
    builder.environment().put("AUTH_TOKEN", "large-answers-token");
    builder.redirectError(temp.resolve("server.err").toFile());
    process = builder.start();
    return process;
  }

  /** The image, or the busy error; anything else fails. Whether it was the image. */
  private boolean imageOrBusy(Object type, Object dataOrText) {
    if ("image".equals(type)) {
      assertThat(dataOrText).isEqualTo(image);
      return true;
    }
    assertThat(type).isEqualTo("text");
    assertThat((String) dataOrText).startsWith(BUSY);
    return false;
  }

  private void assertStillHealthy(String transport, int images) throws IOException {
    assertThat(process.isAlive()).isTrue();
    String log = Files.readString(temp.resolve("server.err"), StandardCharsets.UTF_8);
    assertThat(log).doesNotContain("OutOfMemoryError").doesNotContain("Out of memory");
    int peak = 0;
    for (String line : Files.readAllLines(temp.resolve("gc.log"))) {
      Matcher matcher = GC.matcher(line);
      if (matcher.find()) {
        peak = Math.max(peak, Integer.parseInt(matcher.group(1)));
      }
    }
    System.err.printf("Large answers over %s: %d of %d calls got the 5 MB image, %d were busy; peak heap %d MB%n",
        transport, images, CALLS, CALLS - images, peak);
  }

  @Test
  void overStdioEveryCallIsAnsweredAndTheServerStillAnswersAfterwards() throws Exception {
    start("-Xmx96m");
    try (JsonRpcLines client = new JsonRpcLines(process.getOutputStream(), process.getInputStream())) {
      client.initialize();
      for (int id = 1001; id < 1001 + CALLS; id++) {
        client.sendRequest(id, "tools/call", Map.of("name", "get-item", "arguments", Map.of("item_id", "i" + id)));
      }
      int images = 0;
      for (int id = 1001; id < 1001 + CALLS; id++) {
        Map<?, ?> content = awaitContent(client, id);
        if (imageOrBusy(content.get("type"), content.containsKey("data") ? content.get("data") : content.get("text"))) {
          images++;
        }
      }
      assertThat(images).isPositive();

      assertThat(client.request("ping", Map.of())).containsKey("result");
      List<?> alone = (List<?>) client.callTool("get-item", Map.of("item_id", "alone")).get("content");
      assertThat(((Map<?, ?>) alone.get(0)).get("data")).isEqualTo(image);
      assertStillHealthy("stdio", images);
    }
  }

  @Test
  void overHttpEveryCallIsAnsweredAndTheServerStillAnswersAfterwards() throws Exception {
    start("-Xmx128m", "--transport", "http", "--port", "0", "--request-timeout", "20");
    int port = Integer.parseInt(awaitLog(ENDPOINT).group(1));
    Map<String, String> auth = Map.of("Authorization", "Bearer large-answers-token");
    List<McpSyncClient> clients = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(CALLS);
    try {
      for (int i = 0; i < CALLS; i++) {
        clients.add(McpHttp.connect(port, auth));
      }
      List<CompletableFuture<CallToolResult>> calls = new ArrayList<>();
      for (McpSyncClient client : clients) {
        calls.add(CompletableFuture.supplyAsync(() -> client.callTool(
            CallToolRequest.builder("get-item").arguments(Map.of("item_id", "big")).build()), pool));
      }
      int images = 0;
      for (CompletableFuture<CallToolResult> call : calls) {
        McpSchema.Content content = call.get(120, TimeUnit.SECONDS).content().get(0);
        boolean isImage = content instanceof McpSchema.ImageContent picture
            ? imageOrBusy("image", picture.data())
            : imageOrBusy("text", ((McpSchema.TextContent) content).text());
        images += isImage ? 1 : 0;
      }
      assertThat(images).isPositive();

      assertThat(McpHttp.get(port, "/healthz").statusCode()).isEqualTo(200);
      CallToolResult alone =
          clients.get(0).callTool(CallToolRequest.builder("get-item").arguments(Map.of("item_id", "alone")).build());
      assertThat(((McpSchema.ImageContent) alone.content().get(0)).data()).isEqualTo(image);
      assertStillHealthy("HTTP", images);
    } finally {
      pool.shutdownNow();
      clients.forEach(McpSyncClient::close);
    }
  }

  /** The first content item of the answer to {@code id}; waits for it (a hang guard, not a timing). */
  private static Map<?, ?> awaitContent(JsonRpcLines client, int id) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    int seen = 0;
    while (System.nanoTime() < deadline) {
      List<String> lines = client.lines();
      for (; seen < lines.size(); seen++) {
        Map<String, Object> answer = JsonRpcLines.parse(lines.get(seen));
        if (answer != null && Integer.valueOf(id).equals(answer.get("id"))) {
          assertThat(answer).as("answer to %d", id).containsKey("result");
          return (Map<?, ?>) ((List<?>) ((Map<?, ?>) answer.get("result")).get("content")).get(0);
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("No answer to " + id);
  }

  private Matcher awaitLog(Pattern pattern) throws InterruptedException, IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    Path log = temp.resolve("server.err");
    while (System.nanoTime() < deadline) {
      if (Files.exists(log)) {
        Matcher matcher = pattern.matcher(Files.readString(log, StandardCharsets.UTF_8));
        if (matcher.find()) {
          return matcher;
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("No line matching " + pattern);
  }
}
