package dev.openapimcp.runtime.testing;

import dev.openapimcp.runtime.internal.retry.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A clock that only moves when someone sleeps (or a test advances it), so retry and rate-limit
 * tests take no real time and can assert exact waits.
 */
public final class VirtualTime implements TimeSource {

  /** Where the wall clock starts. */
  public static final Instant START = Instant.parse("2025-03-01T12:00:00Z");

  private final List<Duration> sleeps = new ArrayList<>();
  private long nanos;

  @Override
  public synchronized long nanoTime() {
    return nanos;
  }

  @Override
  public synchronized Instant now() {
    return START.plusNanos(nanos);
  }

  @Override
  public synchronized void sleep(Duration duration) {
    sleeps.add(duration);
    if (!duration.isNegative()) {
      nanos += duration.toNanos();
    }
  }

  /** Moves the clock forward without a sleep. */
  public synchronized void advance(Duration duration) {
    nanos += duration.toNanos();
  }

  /** Time passed since the start. */
  public synchronized Duration elapsed() {
    return Duration.ofNanos(nanos);
  }

  /** Every sleep so far, zero-length ones included, oldest first. */
  public synchronized List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }

  /** The sleeps that really waited. */
  public synchronized List<Duration> waits() {
    return sleeps.stream().filter(duration -> !duration.isZero() && !duration.isNegative()).toList();
  }
}
