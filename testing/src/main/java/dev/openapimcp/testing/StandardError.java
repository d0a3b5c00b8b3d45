package dev.openapimcp.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/**
 * Captures what code writes to {@code System.err}: logs (slf4j-simple writes there) and stack
 * traces that libraries print themselves.
 */
public final class StandardError {

  /** What one call returned and wrote to {@code System.err}. */
  public record Captured<T>(T value, String err) {}

  private StandardError() {}

  /** Runs {@code call} with {@code System.err} captured; its exception, if any, is thrown after restoring it. */
  public static synchronized <T> Captured<T> capture(Callable<T> call) throws Exception {
    PrintStream original = System.err;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      T value = call.call();
      return new Captured<>(value, bytes.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(original);
    }
  }

  /** Whether {@code text} holds a Java stack trace (a line starting with {@code at} after a tab). */
  public static boolean hasStackTrace(String text) {
    return text.lines().anyMatch(line -> line.startsWith("\tat ") || line.matches("^\\s+at [\\w$.]+\\(.*"));
  }
}
