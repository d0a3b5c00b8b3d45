package dev.openapimcp.runtime.internal.retry;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** The JVM's clocks and {@link Thread#sleep}. */
final class SystemTimeSource implements TimeSource {

  static final SystemTimeSource INSTANCE = new SystemTimeSource();

  private SystemTimeSource() {}

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }

  @Override
  public Instant now() {
    return Instant.now();
  }

  /**
   * Where what follows a delay runs: not the JDK's delay scheduler, whose one thread runs every
   * timer, nor its default pool, which on a 2-core machine is a new thread per task (one that then
   * writes the answer and ends, and a piped output's reader takes a writer that has ended for a
   * broken pipe: CallLimitsWiringTest). Core threads never end; more come when delays overlap.
   */
  private static final Executor AFTER_DELAY = new ThreadPoolExecutor(2, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
      new SynchronousQueue<>(), runnable -> {
        Thread thread = new Thread(runnable, "after-delay");
        thread.setDaemon(true);
        return thread;
      });

  @Override
  public CompletableFuture<Void> after(Duration duration) {
    if (duration.isNegative() || duration.isZero()) {
      return CompletableFuture.completedFuture(null);
    }
    return CompletableFuture.runAsync(() -> {}, CompletableFuture.delayedExecutor(duration.toNanos(),
        TimeUnit.NANOSECONDS, AFTER_DELAY));
  }

  @Override
  public void sleep(Duration duration) throws InterruptedException {
    if (!duration.isNegative() && !duration.isZero()) {
      Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
    }
  }
}
