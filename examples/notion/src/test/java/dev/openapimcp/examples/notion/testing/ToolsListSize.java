package dev.openapimcp.examples.notion.testing;

import dev.openapimcp.testing.JsonRpcLines;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The size of a server's {@code tools/list} answer as a client receives it: the bytes of the one
 * JSON-RPC line on stdout, as {@code bench/run.sh} measures it.
 */
public final class ToolsListSize {

  private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(10);

  private ToolsListSize() {}

  /** Starts {@code command}, initializes, lists the tools and returns the answer's UTF-8 byte count. */
  public static int bytes(List<String> command, Map<String, String> environment) {
    Process server = null;
    try {
      server = ServerJar.processBuilder(command, environment, ServerJar.CONFIG_VARIABLES)
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
      JsonRpcLines rpc = new JsonRpcLines(server.getOutputStream(), server.getInputStream());
      rpc.initialize();
      rpc.request("tools/list", Map.of());
      for (String line : rpc.lines()) {
        Map<String, Object> message = JsonRpcLines.parse(line);
        if (message != null && message.get("result") instanceof Map<?, ?> result && result.containsKey("tools")) {
          return line.getBytes(StandardCharsets.UTF_8).length;
        }
      }
      throw new AssertionError("No tools/list answer among " + rpc.lines().size() + " lines");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (server != null) {
        server.destroy();
        try {
          if (!server.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            server.destroyForcibly();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          server.destroyForcibly();
        }
      }
    }
  }
}
