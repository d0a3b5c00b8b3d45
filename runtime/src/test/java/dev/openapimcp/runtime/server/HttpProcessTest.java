package dev.openapimcp.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openapimcp.testing.McpHttp;
import dev.openapimcp.testing.RecordingUpstream;
import dev.openapimcp.testing.ServerProcess;
import dev.openapimcp.testing.TestCatalog;
import dev.openapimcp.runtime.testing.TestServerMain;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real server process on {@code --transport http}: the generated token file, a clean stdout, and
 * a graceful stop on SIGTERM.
 */
class HttpProcessTest {

  private static final Pattern ENDPOINT = Pattern.compile("Streamable HTTP at http://127\\.0\\.0\\.1:(\\d+)/mcp");
  private static final Pattern TOKEN_FILE = Pattern.compile("read it from (\\S+) \\(");

  @TempDir
  Path runtimeDir;

  @Test
  void generatedTokenFileIsPrivateAndWorksStdoutStaysEmptyAndSigtermFinishesTheRunningCall() throws Exception {
    try (RecordingUpstream api = RecordingUpstream.start()) {
      ProcessBuilder builder = new ProcessBuilder(
          ServerProcess.command(TestServerMain.class, "--transport", "http", "--port", "0", "--enable-token-passthrough"));
      builder.environment().put("BASE_URL", api.baseUrl());
      builder.environment().put(TestCatalog.TOKEN_VARIABLE, "env-token");
      builder.environment().put("XDG_RUNTIME_DIR", runtimeDir.toString());
      builder.environment().remove("AUTH_TOKEN");
      // Files, not pipes: Process.destroy() closes the pipes, and what comes after SIGTERM matters too.
      Path stdout = runtimeDir.resolve("server.out");
      Path stderrFile = runtimeDir.resolve("server.err");
      builder.redirectOutput(stdout.toFile()).redirectError(stderrFile.toFile());
      Process process = builder.start();
      try {
        int port = Integer.parseInt(await(stderrFile, ENDPOINT).group(1));
        Path tokenFile = Path.of(await(stderrFile, TOKEN_FILE).group(1));

        assertThat(tokenFile.getParent()).isEqualTo(runtimeDir);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile))).isEqualTo("rw-------");
        String token = Files.readString(tokenFile);
        assertThat(token).matches("[0-9a-f]{64}");
        assertThat(lines(stderrFile)).anyMatch(line -> line.contains("Token passthrough is on")
            && line.contains("Test-Api-Token header"));

        assertThat(McpHttp.post(port, Map.of("Authorization", "Bearer wrong"), McpHttp.INITIALIZE).statusCode())
            .isEqualTo(403);
        api.enqueue(RecordingUpstream.Response.json(200, "{\"done\":true}").after(Duration.ofMillis(1500)));
        McpSyncClient client = McpHttp.connect(port, Map.of("Authorization", "Bearer " + token));
        try {
          CompletableFuture<CallToolResult> running = CompletableFuture.supplyAsync(() -> client.callTool(
              CallToolRequest.builder("get-item").arguments(Map.of("item_id", "slow")).build()));
          long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
          while (api.requests().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
          }
          assertThat(api.onlyRequest().header("Authorization")).isEqualTo("Bearer env-token");

          process.destroy(); // SIGTERM

          CallToolResult result = running.get(20, TimeUnit.SECONDS);
          assertThat(result.isError()).isFalse();
          assertThat(result.structuredContent()).isEqualTo(Map.of("done", true));
          assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        } finally {
          client.close();
        }
        // 128 + SIGTERM: the JVM's own code for a signalled stop, after the shutdown hook ran.
        assertThat(process.exitValue()).isEqualTo(143);
        assertThat(tokenFile).doesNotExist();
        assertThat(stdout).isEmptyFile();
        assertThat(lines(stderrFile)).noneMatch(line -> line.contains(token)).noneMatch(line -> line.contains("env-token"));
      } finally {
        process.destroyForcibly();
      }
    }
  }

  private static List<String> lines(Path file) throws IOException {
    return Files.readAllLines(file, StandardCharsets.UTF_8);
  }

  private static Matcher await(Path file, Pattern pattern) throws InterruptedException, IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      for (String line : lines(file)) {
        Matcher matcher = pattern.matcher(line);
        if (matcher.find()) {
          return matcher;
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("No line matching " + pattern + " in " + lines(file));
  }
}
