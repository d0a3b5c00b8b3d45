package dev.openapimcp.runtime.testing;

import dev.openapimcp.runtime.server.McpProxyServer;
import dev.openapimcp.testing.JsonRpcLines;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;

/** A server in this JVM on piped streams, and a {@link JsonRpcLines} client on their other ends. */
public final class StdioPipes {

  private StdioPipes() {}

  /** Starts {@code server} (not yet built) on pipes; the client talks to it. */
  public static JsonRpcLines start(McpProxyServer.Builder server) {
    try {
      PipedOutputStream clientOut = new PipedOutputStream();
      PipedInputStream serverIn = new PipedInputStream(clientOut, 1 << 16);
      PipedOutputStream serverOut = new PipedOutputStream();
      PipedInputStream clientIn = new PipedInputStream(serverOut, 1 << 16);
      server.input(serverIn).output(serverOut).build().start();
      return new JsonRpcLines(clientOut, clientIn);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
