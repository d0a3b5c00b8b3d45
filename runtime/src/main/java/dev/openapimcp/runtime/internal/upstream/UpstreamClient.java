package dev.openapimcp.runtime.internal.upstream;

import dev.openapimcp.runtime.internal.request.OutgoingRequest;
import dev.openapimcp.runtime.internal.retry.Durations;
import dev.openapimcp.runtime.internal.retry.RateLimiter;
import dev.openapimcp.runtime.internal.retry.RetryAfter;
import dev.openapimcp.runtime.internal.retry.RetryPolicy;
import dev.openapimcp.runtime.internal.retry.TimeSource;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends {@link OutgoingRequest}s: through the rate limiter, with connect and request time limits,
 * retrying what {@link RetryPolicy} says is worth it. One {@link HttpClient} per server, created on
 * first use.
 */
public final class UpstreamClient {

  private static final Logger LOG = LoggerFactory.getLogger(UpstreamClient.class);

  private final UpstreamSettings settings;
  private final RetryPolicy retries;
  private final RateLimiter limiter;
  private final TimeSource time;
  private volatile HttpClient client;

  /** Default limits, retries and no rate limit; {@code client} as in the full constructor. */
  public UpstreamClient(HttpClient client) {
    this(client, UpstreamSettings.defaults(), RetryPolicy.defaults(), RateLimiter.unlimited(), TimeSource.system());
  }

  /**
   * @param client the client to use, or {@code null} to build one on first use with {@code
   *     settings}' connect timeout
   */
  public UpstreamClient(
      HttpClient client, UpstreamSettings settings, RetryPolicy retries, RateLimiter limiter, TimeSource time) {
    this.client = client;
    this.settings = Objects.requireNonNull(settings, "settings");
    this.retries = Objects.requireNonNull(retries, "retries");
    this.limiter = Objects.requireNonNull(limiter, "limiter");
    this.time = Objects.requireNonNull(time, "time");
  }

  /** The client every server uses unless a test supplies its own. */
  static HttpClient defaultClient(Duration connectTimeout) {
    // Redirects are not followed: java.net.http would resend Authorization to wherever they point.
    return HttpClient.newBuilder()
        // The client's own thread reads the answer into BoundedBodySubscriber, which never blocks; its
        // default pool would hand each answer to one more thread (a fifth of a call's CPU, measured).
        // The caller waits on the future itself, so no dependent work runs on that thread.
        .executor(Runnable::run)
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  private HttpClient client() {
    HttpClient current = client;
    if (current == null) {
      synchronized (this) {
        current = client;
        if (current == null) {
          current = defaultClient(settings.connectTimeout());
          client = current;
        }
      }
    }
    return current;
  }

  /** {@link #send(OutgoingRequest, boolean)}, safe to repeat when the method is idempotent. */
  public UpstreamResponse send(OutgoingRequest request) throws IOException, InterruptedException {
    return send(request, RetryPolicy.isIdempotent(request.method()));
  }

  /**
   * Sends {@code request}, again after retryable failures, and returns the last answer; its
   * {@link UpstreamResponse#attempts()} says how many were made.
   *
   * @param retrySafe whether repeating the request has no further effect (an idempotent method, or
   *     a tool hinted read-only or idempotent)
   * @throws IOException when no answer arrived: connection failure or time-out ({@link
   *     HttpTimeoutException}); a {@link RetriesExhaustedException} when more than one attempt was
   *     made
   * @throws InterruptedException when the calling thread was interrupted while waiting
   */
  public UpstreamResponse send(OutgoingRequest request, boolean retrySafe) throws IOException, InterruptedException {
    long started = time.nanoTime();
    for (int attempt = 1; ; attempt++) {
      limiter.acquire();
      UpstreamResponse response = null;
      IOException failure = null;
      try {
        response = sendOnce(request);
      } catch (IOException e) {
        failure = e;
      }
      boolean retryable =
          failure == null ? retries.retries(response.status(), retrySafe) : retries.retries(failure, retrySafe);
      if (!retryable) {
        String note = failure == null ? retries.notRetriedReason(response.status(), request.method(), retrySafe) : null;
        return finish(response, failure, attempt, note);
      }
      Duration elapsed = Duration.ofNanos(time.nanoTime() - started);
      RetryPolicy.Decision decision = retries.next(attempt, elapsed, retryAfter(response));
      if (!decision.retry()) {
        return finish(response, failure, attempt, decision.stopReason());
      }
      LOG.info(
          "{} {}: {} on attempt {} of {}; retrying in {}",
          request.method(),
          request.uri().getRawPath(),
          // The failure's type only: messages of some failures quote the URL, whose query may hold a key.
          failure == null
              ? "HTTP " + response.status()
              : "connection broke (" + failure.getClass().getSimpleName() + ")",
          attempt,
          retries.maxAttempts(),
          Durations.describe(decision.delay()));
      time.sleep(decision.delay());
    }
  }

  /** The delay a 429 or 503 asks for, or {@code null}. */
  private Duration retryAfter(UpstreamResponse response) {
    if (response == null || (response.status() != 429 && response.status() != 503)) {
      return null;
    }
    return response.headers().firstValue("Retry-After").flatMap(value -> RetryAfter.parse(value, time.now()))
        .orElse(null);
  }

  private static UpstreamResponse finish(UpstreamResponse response, IOException failure, int attempts, String reason)
      throws IOException {
    // A failure after retries always says how often the call was tried.
    String note = reason == null && attempts > 1 ? "tried " + attempts + " times" : reason;
    if (failure == null) {
      return attempts == 1 && note == null ? response : response.afterAttempts(attempts, note);
    }
    if (attempts == 1 && note == null) {
      throw failure;
    }
    throw new RetriesExhaustedException(attempts, note, failure);
  }

  private UpstreamResponse sendOnce(OutgoingRequest request) throws IOException, InterruptedException {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(request.uri())
            .timeout(settings.requestTimeout())
            .method(request.method(), bodyPublisher(request));
    for (Map.Entry<String, String> header : request.headers().entrySet()) {
      builder.header(header.getKey(), header.getValue());
    }
    int limit = settings.readLimit();
    CompletableFuture<HttpResponse<BoundedBodySubscriber.Body>> future =
        client().sendAsync(builder.build(), info -> new BoundedBodySubscriber(limit));
    try {
      // The request timeout stops at the response headers; this bound also covers a stalled body.
      HttpResponse<BoundedBodySubscriber.Body> response =
          future.get(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
      return new UpstreamResponse(
          response.statusCode(),
          response.headers(),
          response.body().bytes(),
          response.body().truncated(),
          request.uri(),
          1,
          null);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new HttpTimeoutException("request timed out");
    } catch (InterruptedException e) {
      future.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      throw new IOException(cause == null ? "request failed" : cause.getClass().getSimpleName(), cause);
    }
  }

  private static HttpRequest.BodyPublisher bodyPublisher(OutgoingRequest request) throws IOException {
    if (request.body() != null) {
      return HttpRequest.BodyPublishers.ofByteArray(request.body());
    }
    if (request.multipart() != null) {
      // Files are streamed from disk, opened anew for every attempt.
      return request.multipart().publisher();
    }
    return HttpRequest.BodyPublishers.noBody();
  }
}
