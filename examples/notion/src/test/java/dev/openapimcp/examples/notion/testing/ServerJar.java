package dev.openapimcp.examples.notion.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged server jar (system property {@code server.jar}), started the way the README tells
 * people to start it.
 */
public final class ServerJar {

  /** Variables a developer's or CI's own environment may set; tests decide them explicitly. */
  public static final List<String> CONFIG_VARIABLES = List.of("OPENAPI_MCP_HEADERS", "NOTION_TOKEN", "BASE_URL");

  /** How a process that was expected to stop by itself ended, and how long it ran. */
  public record Exit(int code, String stdout, String stderr, Duration elapsed) {

    /** The non-blank stderr lines. */
    public List<String> stderrLines() {
      return stderr.lines().filter(line -> !line.isBlank()).toList();
    }
  }

  private ServerJar() {}

  /** {@code java -Xlog:disable -Xlog:all=warning:stderr -jar <server.jar> <args>}. */
  public static List<String> command(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xlog:disable");
    command.add("-Xlog:all=warning:stderr");
    command.add("-jar");
    command.add(TestFiles.fromProperty("server.jar").toString());
    command.addAll(List.of(args));
    return command;
  }

  /**
   * A builder for {@code command} with this JVM's environment minus {@code unset}, plus {@code
   * environment}.
   */
  public static ProcessBuilder processBuilder(
      List<String> command, Map<String, String> environment, Collection<String> unset) {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeAll(unset);
    builder.environment().putAll(environment);
    return builder;
  }

  /**
   * Starts {@code command} (see {@link #processBuilder}) and waits at most {@code timeout} for it to
   * end by itself. Its stdin stays open, so it cannot have stopped merely because its input ended.
   */
  public static Exit runToExit(
      List<String> command, Map<String, String> environment, Collection<String> unset, Duration timeout) {
    Path out = null;
    Path err = null;
    Process process = null;
    try {
      out = Files.createTempFile("server-stdout", ".txt");
      err = Files.createTempFile("server-stderr", ".txt");
      long started = System.nanoTime();
      process =
          processBuilder(command, environment, unset).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError(
            command + " did not exit within " + timeout + "; stderr so far: "
                + Files.readString(err, StandardCharsets.UTF_8));
      }
      Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
      return new Exit(
          process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8),
          elapsed);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted", e);
    } finally {
      if (process != null) {
        process.destroyForcibly();
      }
      deleteQuietly(out);
      deleteQuietly(err);
    }
  }

  /** Deletes {@code file} if it is there; a temp file left behind is harmless. */
  public static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // Harmless, see above.
      }
    }
  }
}
