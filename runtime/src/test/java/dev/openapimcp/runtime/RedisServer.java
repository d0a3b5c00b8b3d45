package dev.openapimcp.runtime;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} (Debian's package; {@code .ci/run} installs it) on a free loopback
 * port, without persistence, for the tests of rate limits shared through Redis. Where it is not
 * installed, the tests using it are skipped with a reason, except in CI, where they fail.
 */
public final class RedisServer implements AutoCloseable {

  private final int port;
  private final String password;
  private Process process;

  private RedisServer(int port, String password) {
    this.port = port;
    this.password = password;
  }

  /** Starts one on a free port, requiring {@code password} when it is not {@code null}. */
  public static RedisServer start(String password) {
    String binary = locate();
    RedisServer server = new RedisServer(freePort(), password);
    server.launch(binary);
    return server;
  }

  private static String locate() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(dir, "redis-server");
      if (!dir.isEmpty() && Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    String reason = "redis-server is not on PATH (Debian package redis-server; .ci/run installs it)";
    if ("true".equals(System.getenv("CI"))) {
      fail(reason);
    }
    abort(reason);
    throw new AssertionError(reason);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void launch(String binary) {
    List<String> command = new ArrayList<>(List.of(binary, "--port", String.valueOf(port), "--bind", "127.0.0.1",
        "--save", "", "--appendonly", "no", "--daemonize", "no", "--protected-mode", "no"));
    if (password != null) {
      command.addAll(List.of("--requirepass", password));
    }
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // Its log says when it listens; read in the background so the pipe never fills.
    Process started = process;
    Thread drain = new Thread(() -> {
      try (BufferedReader lines =
          new BufferedReader(new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8))) {
        while (lines.readLine() != null) {
          // Discarded.
        }
      } catch (IOException e) {
        // The process ended.
      }
    }, "redis-server-log");
    drain.setDaemon(true);
    drain.start();
    awaitListening();
  }

  private void awaitListening() {
    // A hang guard, not a timing assertion: redis-server listens within milliseconds.
    long giveUpAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < giveUpAt) {
      if (!process.isAlive()) {
        throw new IllegalStateException("redis-server exited with " + process.exitValue() + " on port " + port);
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        return;
      } catch (IOException e) {
        try {
          Thread.sleep(20);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", interrupted);
        }
      }
    }
    throw new IllegalStateException("redis-server did not listen on port " + port + " within 30 s");
  }

  /** {@code redis://127.0.0.1:<port>/<db>}, with the password when there is one. */
  public String uri(int db) {
    return "redis://" + (password == null ? "" : ":" + password + "@") + "127.0.0.1:" + port + "/" + db;
  }

  public int port() {
    return port;
  }

  /** Stops it, as an outage would: at once, without saving. */
  public void stop() {
    if (process != null) {
      process.destroyForcibly();
      try {
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      process = null;
    }
  }

  /** Starts it again on the same port, empty, after {@link #stop()}. */
  public void restart() {
    stop();
    launch(locate());
  }

  @Override
  public void close() {
    stop();
  }
}
