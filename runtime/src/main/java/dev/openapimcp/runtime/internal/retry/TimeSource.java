package dev.openapimcp.runtime.internal.retry;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * The clock and the sleeper that retries and rate limits use. Production code uses {@link
 * #system()}; tests pass a virtual clock whose {@code sleep} only moves time forward.
 */
public interface TimeSource {

  /** Monotonic time in nanoseconds, for measuring intervals. */
  long nanoTime();

  /** Wall-clock time, for {@code Retry-After} given as an HTTP date. */
  Instant now();

  /** Waits {@code duration}; returns at once for zero or negative durations. */
  void sleep(Duration duration) throws InterruptedException;

  /**
   * A future completed once {@code duration} has passed, without a thread waiting meanwhile; at
   * once for zero or negative durations. By default it {@linkplain #sleep sleeps} (a virtual clock
   * then only moves forward), so only the system clock needs its own.
   */
  default CompletableFuture<Void> after(Duration duration) {
    try {
      sleep(duration);
      return CompletableFuture.completedFuture(null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return CompletableFuture.failedFuture(e);
    }
  }

  /** The JVM's clocks and {@link Thread#sleep}. */
  static TimeSource system() {
    return SystemTimeSource.INSTANCE;
  }
}
