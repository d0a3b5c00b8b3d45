package dev.openapimcp.runtime.internal.upstream;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits for talking to the API: how long to wait and how much of an answer to pass on.
 *
 * @param connectTimeout how long to wait for a TCP (and TLS) connection
 * @param requestTimeout how long one attempt may take, from sending to the last byte of the answer
 * @param maxTextBytes text answers longer than this are cut, with a note saying so
 * @param maxBinaryBytes images and other binary answers longer than this are not passed on
 */
public record UpstreamSettings(Duration connectTimeout, Duration requestTimeout, int maxTextBytes, int maxBinaryBytes) {

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);

  /** A megabyte of text is already more than a model's context holds comfortably. */
  public static final int DEFAULT_MAX_TEXT_BYTES = 1024 * 1024;

  /** Base64 makes this about 7 MB in the tool result. */
  public static final int DEFAULT_MAX_BINARY_BYTES = 5 * 1024 * 1024;

  public UpstreamSettings {
    requirePositive(Objects.requireNonNull(connectTimeout, "connectTimeout"), "connectTimeout");
    requirePositive(Objects.requireNonNull(requestTimeout, "requestTimeout"), "requestTimeout");
    if (maxTextBytes < 1 || maxBinaryBytes < 1) {
      throw new IllegalArgumentException("Byte limits must be at least 1.");
    }
  }

  /** The defaults: 10 s to connect, 60 s per attempt, 1 MB of text, 5 MB of binary content. */
  public static UpstreamSettings defaults() {
    return new UpstreamSettings(
        DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT, DEFAULT_MAX_TEXT_BYTES, DEFAULT_MAX_BINARY_BYTES);
  }

  /**
   * How much of an answer is kept: enough for the largest answer passed on. Reading stops there,
   * so a runaway answer cannot exhaust memory.
   */
  public int readLimit() {
    return Math.max(maxTextBytes, maxBinaryBytes);
  }

  private static void requirePositive(Duration duration, String name) {
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive.");
    }
  }
}
