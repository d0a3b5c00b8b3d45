package dev.openapimcp.runtime.internal.retry;

import java.time.Duration;

/** Durations as people read them in messages: {@code 60 s}, {@code 1.5 s}, {@code 200 ms}. */
public final class Durations {

  private Durations() {}

  public static String describe(Duration duration) {
    long millis = duration.toMillis();
    if (millis < 1000 && millis % 1000 != 0) {
      return millis + " ms";
    }
    if (millis % 1000 == 0) {
      return millis / 1000 + " s";
    }
    return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
  }
}
