package dev.openapimcp.runtime.internal.retry;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads a {@code Retry-After} header: delay seconds or an HTTP date (RFC 9110, section 10.2.3). */
public final class RetryAfter {

  /** More digits than this is no real delay; it is read as "longer than any deadline". */
  private static final int MAX_SECONDS_DIGITS = 9;

  private RetryAfter() {}

  /**
   * How long the API asks to wait, counted from {@code now}; a date in the past is zero. Empty
   * when {@code value} is neither form.
   */
  public static Optional<Duration> parse(String value, Instant now) {
    if (value == null) {
      return Optional.empty();
    }
    String text = value.strip();
    if (!text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return Optional.of(
          text.length() > MAX_SECONDS_DIGITS
              ? Duration.ofSeconds(Integer.MAX_VALUE)
              : Duration.ofSeconds(Long.parseLong(text)));
    }
    try {
      Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration wait = Duration.between(now, at);
      return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
