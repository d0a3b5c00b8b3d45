package dev.openapimcp.runtime.internal.capacity;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends the process after an {@link OutOfMemoryError}, so the host (an MCP client, a container
 * runtime) starts a fresh one. Left running, the server logged the error and never answered again:
 * with {@code -Xmx512m}, 60 HTTP clients asking for 5 MB images got 105 {@code OutOfMemoryError}
 * lines and then time-outs. The memory budget is meant to keep this from happening; this is what
 * happens when it did not suffice.
 *
 * <p>The exit goes through {@link System#exit} with {@value #EXIT_CODE}, so shutdown hooks still
 * answer the calls in flight; should that hang, the process halts after {@link #HARD_STOP}.
 * Only the command line turns this on ({@link #enable()}): an application that embeds the server
 * decides for itself.
 */
public final class OutOfMemoryExit {

  /** What the call that ran out of memory is answered with. */
  public static final String CALL_MESSAGE = "The server ran out of memory while answering this call and is"
      + " restarting; retry the call once it is back. If this repeats, give the JVM more heap (-Xmx) or lower"
      + " --memory-budget or --max-concurrent-calls.";

  static final int EXIT_CODE = 1;

  static final Duration HARD_STOP = Duration.ofSeconds(30);

  /**
   * The logger, made on first use: enabling this class must not start SLF4J, whose warnings (no
   * provider on the class path) would otherwise precede even {@code --version}'s one line.
   */
  private static final class Log {
    static final Logger LOG = LoggerFactory.getLogger(OutOfMemoryExit.class);
  }

  private static volatile boolean enabled;
  private static final AtomicBoolean EXITING = new AtomicBoolean();

  private OutOfMemoryExit() {}

  /**
   * From now on an {@link OutOfMemoryError} ends the process: one caught by the server's own code,
   * and one that ends any thread uncaught (Tomcat's, the SDK's).
   */
  public static synchronized void enable() {
    if (enabled) {
      return;
    }
    enabled = true;
    Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
      if (error instanceof OutOfMemoryError outOfMemory) {
        exit(outOfMemory);
      } else if (previous != null) {
        previous.uncaughtException(thread, error);
      } else {
        // What the JVM does without a handler.
        System.err.print("Exception in thread \"" + thread.getName() + "\" ");
        error.printStackTrace(System.err);
      }
    });
  }

  /** Whether {@link #enable()} was called. */
  public static boolean enabled() {
    return enabled;
  }

  /** Ends the process (once), when enabled; otherwise does nothing. Never throws. */
  public static void exit(OutOfMemoryError error) {
    if (!enabled || !EXITING.compareAndSet(false, true)) {
      return;
    }
    try {
      // One line, no stack trace: where the heap ran out says little about why.
      Log.LOG.error("Out of memory ({}); exiting so the server can be restarted. Give the JVM more heap (-Xmx) or"
          + " lower --memory-budget or --max-concurrent-calls.", error.getMessage());
      Thread halt = new Thread(() -> {
        try {
          Thread.sleep(HARD_STOP.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        Runtime.getRuntime().halt(EXIT_CODE);
      }, "halt-after-out-of-memory");
      halt.setDaemon(true);
      halt.start();
      // Not on this thread: System.exit waits for shutdown hooks, which may wait for this very call.
      new Thread(() -> System.exit(EXIT_CODE), "exit-after-out-of-memory").start();
    } catch (Throwable failure) {
      Runtime.getRuntime().halt(EXIT_CODE);
    }
  }
}
