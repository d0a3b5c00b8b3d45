package dev.openapimcp.runtime.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a piece of code the way a property test needs it: on another thread with a hang guard, with
 * standard error captured, and fails when it printed a stack trace (logs go to standard error).
 */
public final class NoStackTraces {

  private static final ExecutorService RUNNER = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "property-runner");
    thread.setDaemon(true);
    return thread;
  });

  private NoStackTraces() {}

  /**
   * {@code work}'s result; fails when it threw, did not finish within {@code guard} (a hang, not a
   * timing: the guard is minutes for work of milliseconds), or printed a stack trace.
   */
  public static synchronized <T> T run(Duration guard, Callable<T> work) throws Exception {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    T result;
    Future<T> future = RUNNER.submit(work);
    try {
      result = future.get(guard.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new AssertionError("Did not finish within " + guard + ": it hangs", e);
    } catch (ExecutionException e) {
      throw new AssertionError("Threw " + e.getCause(), e.getCause());
    } finally {
      System.setErr(original);
    }
    String printed = captured.toString(StandardCharsets.UTF_8);
    if (printed.contains("\tat ") || printed.contains("Exception")) {
      throw new AssertionError("Printed a stack trace:\n" + printed);
    }
    return result;
  }
}
