package dev.openapimcp.runtime.internal.retry;

import java.time.Duration;

/**
 * A token bucket in front of one API: at most {@link #perSecond()} requests a second on average,
 * with bursts of up to {@link #burst()} after a quiet spell. Callers that find the bucket empty
 * reserve the next token and sleep until it is due, so waiting callers go in the order they came.
 *
 * <p>Kept as the bucket's equivalent "theoretical arrival time" (GCRA) in whole nanoseconds, so
 * the spacing never comes out shorter than the rate through rounding.
 */
public final class RateLimiter {

  private static final double NANOS_PER_SECOND = 1_000_000_000d;

  private final double perSecond;
  private final long burst;
  private final long interval;
  private final TimeSource time;

  /** When the bucket would be empty if every token reserved so far had been used at the rate. */
  private long emptyAt;

  private RateLimiter(double perSecond, TimeSource time) {
    this.perSecond = perSecond;
    // A whole second's allowance may go at once, so an agent's first few calls are not slowed.
    this.burst = Math.max(1, (long) Math.floor(perSecond));
    this.interval = perSecond == 0 ? 0 : (long) Math.ceil(NANOS_PER_SECOND / perSecond);
    this.time = time;
    this.emptyAt = time.nanoTime();
  }

  /**
   * A limiter of {@code perSecond} requests a second; 0 means no limit.
   *
   * @throws IllegalArgumentException when {@code perSecond} is negative or not a finite number
   */
  public static RateLimiter perSecond(double perSecond, TimeSource time) {
    if (!(perSecond >= 0) || Double.isInfinite(perSecond)) {
      throw new IllegalArgumentException("The rate limit must be a number of requests per second, 0 or more.");
    }
    return new RateLimiter(perSecond, time);
  }

  /** No limit at all. */
  public static RateLimiter unlimited() {
    return new RateLimiter(0, TimeSource.system());
  }

  /** Requests a second; 0 means no limit. */
  public double perSecond() {
    return perSecond;
  }

  /** How many requests may go at once after a quiet spell. */
  public long burst() {
    return burst;
  }

  /** Waits until a request may go out. */
  public void acquire() throws InterruptedException {
    time.sleep(reserve());
  }

  /** Reserves the next token and says how long to wait until it is due. */
  synchronized Duration reserve() {
    if (interval == 0) {
      return Duration.ZERO;
    }
    long now = time.nanoTime();
    long start = Math.max(emptyAt, now);
    long dueAt = start - (burst - 1) * interval;
    emptyAt = start + interval;
    return Duration.ofNanos(Math.max(0, dueAt - now));
  }
}
