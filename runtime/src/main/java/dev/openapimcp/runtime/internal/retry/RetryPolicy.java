package dev.openapimcp.runtime.internal.retry;

import dev.openapimcp.model.ToolHints;
import dev.openapimcp.runtime.settings.ServerSettings;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import javax.net.ssl.SSLException;

/**
 * When a failed call is sent again, and after how long.
 *
 * <ul>
 *   <li>{@code 429}: always, whatever the method: the API refused the request without processing it.
 *   <li>{@code 502}, {@code 503}, {@code 504} and connections that broke after they were made: only
 *       for calls that are safe to repeat (idempotent methods, or tools hinted read-only or
 *       idempotent), because a {@code POST} may already have taken effect.
 *   <li>Never: time-outs (repeating a slow call makes it slower), refused connections and unknown
 *       hosts (a wrong {@code BASE_URL} does not heal in seconds), any other status.
 * </ul>
 *
 * <p>The wait is the API's {@code Retry-After} when a 429 or 503 carries one, else exponential
 * backoff with jitter. Retries stop after {@link #maxAttempts()} attempts, or when the next wait
 * would pass the {@link #deadline()} counted from the first attempt.
 */
public final class RetryPolicy {

  /** The first backoff is between half of this and all of it; each later one doubles. */
  static final Duration BASE_DELAY = Duration.ofMillis(500);

  static final Duration MAX_DELAY = Duration.ofSeconds(8);

  private static final Set<String> IDEMPOTENT_METHODS = Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE");

  private final int maxAttempts;
  private final Duration deadline;
  private final DoubleSupplier random;

  /**
   * @param maxAttempts attempts in all, the first included; 1 turns retries off
   * @param deadline time from the first attempt after which no retry starts
   */
  public RetryPolicy(int maxAttempts, Duration deadline) {
    this(maxAttempts, deadline, () -> ThreadLocalRandom.current().nextDouble());
  }

  /** With {@code random} in {@code [0, 1)} for the jitter, so tests can fix it. */
  public RetryPolicy(int maxAttempts, Duration deadline, DoubleSupplier random) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, not " + maxAttempts);
    }
    if (deadline.isNegative()) {
      throw new IllegalArgumentException("deadline must not be negative");
    }
    this.maxAttempts = maxAttempts;
    this.deadline = deadline;
    this.random = Objects.requireNonNull(random, "random");
  }

  /** The attempts and deadline {@code settings} allow. */
  public static RetryPolicy of(ServerSettings settings) {
    return new RetryPolicy(settings.retryAttempts(), settings.retryDeadline());
  }

  public int maxAttempts() {
    return maxAttempts;
  }

  public Duration deadline() {
    return deadline;
  }

  /** Whether HTTP says {@code method} may be repeated without further effect. */
  public static boolean isIdempotent(String method) {
    return IDEMPOTENT_METHODS.contains(method.toUpperCase(Locale.ROOT));
  }

  /**
   * Whether a call may be sent twice without harm: its method is idempotent, or its tool is hinted
   * read-only or idempotent (such as a search sent as {@code POST}).
   */
  public static boolean isRetrySafe(String method, ToolHints hints) {
    return isIdempotent(method)
        || Boolean.TRUE.equals(hints.readOnlyHint())
        || Boolean.TRUE.equals(hints.idempotentHint());
  }

  /** Whether an answer with {@code status} is worth another attempt. */
  public boolean retries(int status, boolean retrySafe) {
    return status == 429 || retrySafe && (status == 502 || status == 503 || status == 504);
  }

  /** Whether a call that got no answer because of {@code failure} is worth another attempt. */
  public boolean retries(IOException failure, boolean retrySafe) {
    return retrySafe && isBrokenConnection(failure);
  }

  /**
   * The reason a failed answer was not retried although a safe call would have been, for the
   * model to read: the call may have taken effect.
   */
  public String notRetriedReason(int status, String method, boolean retrySafe) {
    if (retrySafe || !(status == 502 || status == 503 || status == 504)) {
      return null;
    }
    return "Not retried automatically: a " + method + " may already have taken effect,"
        + " so check before calling again";
  }

  /**
   * A connection was made and then broke: reset, closed before or during the answer. Failures to
   * connect at all, time-outs, TLS failures and local files that cannot be read are not.
   */
  public static boolean isBrokenConnection(IOException failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof HttpTimeoutException
          || cause instanceof ConnectException
          || cause instanceof NoRouteToHostException
          || cause instanceof UnknownHostException
          || cause instanceof UnresolvedAddressException
          || cause instanceof SSLException
          || cause instanceof FileNotFoundException) {
        return false;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return true;
  }

  /**
   * What to do after {@code attemptsMade} attempts have failed in a retryable way, {@code elapsed}
   * after the first began.
   *
   * @param retryAfter what the API's {@code Retry-After} asks for, or {@code null}
   */
  public Decision next(int attemptsMade, Duration elapsed, Duration retryAfter) {
    String tried = "gave up after " + attemptsMade + (attemptsMade == 1 ? " attempt" : " attempts");
    if (attemptsMade >= maxAttempts) {
      // With retries off there is nothing to tell.
      return Decision.stop(maxAttempts == 1 ? null : tried);
    }
    Duration left = deadline.minus(elapsed);
    if (retryAfter != null) {
      if (retryAfter.compareTo(left) > 0) {
        return Decision.stop(tried + ": the API asked to wait " + Durations.describe(retryAfter)
            + ", longer than the " + Durations.describe(left.isNegative() ? Duration.ZERO : left)
            + " left of the " + Durations.describe(deadline) + " this server spends on retries");
      }
      return Decision.retryAfter(retryAfter);
    }
    Duration backoff = backoff(attemptsMade);
    if (backoff.compareTo(left) > 0) {
      return Decision.stop(tried + ": another attempt would pass the " + Durations.describe(deadline)
          + " this server spends on retries");
    }
    return Decision.retryAfter(backoff);
  }

  /** Half of the exponential step fixed, half random, so concurrent callers spread out. */
  Duration backoff(int attemptsMade) {
    long step = BASE_DELAY.toMillis() << Math.min(attemptsMade - 1, 20);
    long capped = Math.min(step, MAX_DELAY.toMillis());
    double jitter = Math.min(Math.max(random.getAsDouble(), 0), 1);
    return Duration.ofMillis(capped / 2 + Math.round(capped / 2.0 * jitter));
  }

  /**
   * Retry after {@code delay}, or stop with {@code stopReason}.
   *
   * @param delay how long to wait before the next attempt; {@code null} when stopping
   * @param stopReason why no further attempt is made, a sentence fragment; {@code null} when retrying
   */
  public record Decision(Duration delay, String stopReason) {

    static Decision retryAfter(Duration delay) {
      return new Decision(delay, null);
    }

    static Decision stop(String reason) {
      return new Decision(null, reason);
    }

    public boolean retry() {
      return delay != null;
    }
  }
}
