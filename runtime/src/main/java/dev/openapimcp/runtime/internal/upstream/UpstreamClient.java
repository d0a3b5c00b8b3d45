package dev.openapimcp.runtime.internal.upstream;

import dev.openapimcp.runtime.internal.capacity.CallLimiter;
import dev.openapimcp.runtime.internal.capacity.LocalLimitException;
import dev.openapimcp.runtime.internal.capacity.MemoryBudget;
import dev.openapimcp.runtime.internal.capacity.RateLimiter;
import dev.openapimcp.runtime.internal.request.OutgoingRequest;
import dev.openapimcp.runtime.internal.retry.Durations;
import dev.openapimcp.runtime.internal.retry.RetryAfter;
import dev.openapimcp.runtime.internal.retry.RetryPolicy;
import dev.openapimcp.runtime.internal.retry.TimeSource;
import dev.openapimcp.runtime.settings.ServerSettings;
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
 * Sends {@link OutgoingRequest}s: through the rate limiter (per credential, never waiting past the
 * request timeout), with connect and request time limits, retrying what {@link RetryPolicy} says is
 * worth it, and counting each answer against the calling thread's {@link MemoryBudget} account. One
 * {@link HttpClient} per server, created on first use.
 */
public final class UpstreamClient {

  private static final Logger LOG = LoggerFactory.getLogger(UpstreamClient.class);

  private final ServerSettings settings;
  private final RetryPolicy retries;
  private final RateLimiter limiter;
  private final TimeSource time;
  private volatile HttpClient client;

  /**
   * A client with the retries {@code settings} allow, on the system clock.
   *
   * @param client the client to use, or {@code null} to build one on first use with {@code
   *     settings}' connect timeout
   * @param settings the time-outs, answer sizes and retries
   * @param limiter the rate limit shared by the server's calls
   */
  public UpstreamClient(HttpClient client, ServerSettings settings, RateLimiter limiter) {
    this(client, settings, RetryPolicy.of(settings), limiter, TimeSource.system());
  }

  /**
   * @param client as in {@link #UpstreamClient(HttpClient, ServerSettings, RateLimiter)}
   * @param settings the time-outs and answer sizes
   * @param retries when to try again
   * @param time the clock retries and the rate limiter wait on
   */
  public UpstreamClient(
      HttpClient client, ServerSettings settings, RetryPolicy retries, RateLimiter limiter, TimeSource time) {
    this.client = client;
    this.settings = Objects.requireNonNull(settings, "settings");
    this.retries = Objects.requireNonNull(retries, "retries");
    this.limiter = Objects.requireNonNull(limiter, "limiter");
    this.time = Objects.requireNonNull(time, "time");
  }

  /**
   * How much of an answer is kept: enough for the largest answer passed on. Reading stops there,
   * so a runaway answer cannot exhaust memory.
   */
  public static int readLimit(ServerSettings settings) {
    return Math.max(settings.maxTextBytes(), settings.maxBinaryBytes());
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
   *     made; a {@link LocalLimitException} when this server's own rate limit or memory budget
   *     stopped the call (its message says whether the request was sent)
   * @throws InterruptedException when the calling thread was interrupted while waiting
   */
  public UpstreamResponse send(OutgoingRequest request, boolean retrySafe) throws IOException, InterruptedException {
    AnswerCharge charge = new AnswerCharge(MemoryBudget.current());
    if (!retrySafe) {
      // Once the API has acted on a call that is not safe to repeat, its answer must not be dropped for
      // want of memory: room for the largest answer is taken before it is sent.
      charge.prepay(MemoryBudget.largestAnswerCost(readLimit(settings), settings.maxTextBytes()));
    }
    long started = time.nanoTime();
    boolean waitedForRoom = false;
    for (int attempt = 1; ; attempt++) {
      limiter.acquire(request.header("Authorization"), settings.requestTimeout());
      UpstreamResponse response = null;
      IOException failure = null;
      try {
        response = sendOnce(request, charge);
      } catch (NoRoomForAnswer e) {
        // A call safe to repeat whose declared answer does not fit: wait for room, then ask again,
        // rather than answer busy at once. Once; the API's next answer is paid as it arrives.
        if (waitedForRoom) {
          throw e;
        }
        waitedForRoom = true;
        charge.waitForRoom(e.cost());
        attempt--;
        continue;
      } catch (LocalLimitException e) {
        throw e;
      } catch (IOException e) {
        failure = e;
      }
      boolean retryable =
          failure == null ? retries.retries(response.status(), retrySafe) : retries.retries(failure, retrySafe);
      if (!retryable) {
        String note = failure == null ? retries.notRetriedReason(response.status(), request.method(), retrySafe) : null;
        charge.keepOnly(response);
        return finish(response, failure, attempt, note);
      }
      Duration elapsed = Duration.ofNanos(time.nanoTime() - started);
      RetryPolicy.Decision decision = retries.next(attempt, elapsed, retryAfter(response));
      if (!decision.retry()) {
        charge.keepOnly(response);
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

  /** One attempt, its answer paid for with {@code charge}. */
  private UpstreamResponse sendOnce(OutgoingRequest request, AnswerCharge charge)
      throws IOException, InterruptedException {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(request.uri())
            .timeout(settings.requestTimeout())
            .method(request.method(), bodyPublisher(request));
    for (Map.Entry<String, String> header : request.headers().entrySet()) {
      builder.header(header.getKey(), header.getValue());
    }
    int limit = readLimit(settings);
    CompletableFuture<HttpResponse<BoundedBodySubscriber.Body>> future =
        client().sendAsync(builder.build(), info -> new BoundedBodySubscriber(limit, declaredLength(info),
            charge.forAnswer(info.headers().firstValue("Content-Type").orElse(""))));
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

  private static long declaredLength(HttpResponse.ResponseInfo info) {
    try {
      return info.headers().firstValueAsLong("Content-Length").orElse(-1);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * What one call holds of its memory account for its answer: taken as the answer arrives (all at
   * once when {@code Content-Length} declares its size), at what mapping and writing it costs
   * ({@link MemoryBudget#answerCost}), and kept until the account closes after the answer is
   * written. Used from the caller's thread and the HTTP client's.
   */
  private final class AnswerCharge {

    private final MemoryBudget.Account memory;
    private long held;

    AnswerCharge(MemoryBudget.Account memory) {
      this.memory = memory;
    }

    /** Takes {@code bytes} before anything is sent, waiting for room as long as the budget allows. */
    synchronized void prepay(long bytes) throws InterruptedException, LocalLimitException {
      if (!memory.charge(bytes)) {
        throw new LocalLimitException(CallLimiter.busy("the answers it holds fill its memory budget ("
            + MemoryBudget.describe(memory.budget().limit()) + ", --memory-budget), and no room for this call's"
            + " answer came free within " + Durations.describe(memory.budget().maxWait())));
      }
      held += bytes;
    }

    /** Waits until {@code cost} is held, as long as the budget allows. */
    synchronized void waitForRoom(long cost) throws InterruptedException, LocalLimitException {
      long more = cost - held;
      if (more > 0 && !memory.charge(more)) {
        throw new LocalLimitException("The server is busy: the answers it holds fill its memory budget ("
            + MemoryBudget.describe(memory.budget().limit()) + ", --memory-budget), and no room for this call's"
            + " answer (" + MemoryBudget.describe(cost) + " to map and send) came free within "
            + Durations.describe(memory.budget().maxWait()) + ". The call is safe to repeat; retry it shortly.");
      }
      held = Math.max(held, cost);
    }

    /** Gives back what {@code response} (or no answer at all) does not need. */
    synchronized void keepOnly(UpstreamResponse response) {
      long cost = response == null ? 0 : cost(response.body().length, response.contentType());
      if (held > cost) {
        memory.release(held - cost);
        held = cost;
      }
    }

    private long cost(long bytes, String contentType) {
      return MemoryBudget.answerCost(bytes, contentType, settings.maxTextBytes());
    }

    /** What the body subscriber of an answer of {@code contentType} charges. */
    BoundedBodySubscriber.Charge forAnswer(String contentType) {
      return new BoundedBodySubscriber.Charge() {
        @Override
        public boolean cover(long bytes) {
          synchronized (AnswerCharge.this) {
            long more = cost(bytes, contentType) - held;
            if (more <= 0) {
              return true;
            }
            if (!memory.tryCharge(more)) {
              return false;
            }
            held += more;
            return true;
          }
        }

        @Override
        public LocalLimitException refusal(long bytes, boolean whole) {
          String budget = MemoryBudget.describe(memory.budget().limit());
          if (whole) {
            return new NoRoomForAnswer("The server is busy: the answers it holds fill its memory budget (" + budget
                + ", --memory-budget), so it dropped this call's " + MemoryBudget.describe(bytes) + " answer. The"
                + " call is safe to repeat; retry it shortly.", cost(bytes, contentType));
          }
          return new LocalLimitException("The server is busy: the answers it holds fill its memory budget (" + budget
              + ", --memory-budget), so it dropped this call's answer after " + MemoryBudget.describe(bytes)
              + ". The call is safe to repeat; retry it shortly.");
        }
      };
    }
  }

  /** An answer of declared size that did not fit, refused before any of it was read. */
  private static final class NoRoomForAnswer extends LocalLimitException {

    private static final long serialVersionUID = 1L;

    private final long cost;

    NoRoomForAnswer(String message, long cost) {
      super(message);
      this.cost = cost;
    }

    long cost() {
      return cost;
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
