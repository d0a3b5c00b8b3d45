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
import dev.openapimcp.runtime.internal.tool.Cancellation;
import dev.openapimcp.runtime.settings.ServerSettings;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
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

  /**
   * Answers up to this size are mapped and written on the HTTP client's one thread; larger ones on
   * a thread of their own, so that mapping and writing a 5 MB image does not hold up every other
   * answer: with all on the client's thread, 16 of 20 concurrent 5 MB image calls over stdio were
   * answered busy (LargeAnswersProcessTest), against none before.
   */
  static final int MAPPED_ON_CLIENT_THREAD = 64 * 1024;

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
        // What depends on the answer (mapping it, writing the tool result) runs on that thread too.
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
   * {@link #sendAsync(OutgoingRequest, boolean)}, waiting for its answer.
   *
   * @throws IOException when no answer arrived (see {@link #sendAsync})
   * @throws InterruptedException when the calling thread was interrupted while waiting
   */
  public UpstreamResponse send(OutgoingRequest request, boolean retrySafe) throws IOException, InterruptedException {
    CompletableFuture<UpstreamResponse> answer = sendAsync(request, retrySafe);
    try {
      return answer.get();
    } catch (InterruptedException e) {
      answer.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof InterruptedException interrupted) {
        throw interrupted;
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IOException(cause == null ? "request failed" : cause.getClass().getSimpleName(), cause);
    }
  }

  /**
   * Sends {@code request}, again after retryable failures, and completes with the last answer; its
   * {@link UpstreamResponse#attempts()} says how many were made. No thread waits meanwhile: the rate
   * limiter's turn and the pause before a retry are delays ({@link TimeSource#after}), and the
   * answer completes the future on the HTTP client's own thread, where what depends on it runs (a
   * hand-off less per call than a caller waiting for it). Only waiting for memory blocks: before a
   * write is sent (on the caller's thread, as before) and, rarely, for room for an answer that did
   * not fit.
   *
   * @param retrySafe whether repeating the request has no further effect (an idempotent method, or
   *     a tool hinted read-only or idempotent)
   * @return completes with the answer, or exceptionally with an {@link IOException} when no answer
   *     arrived: connection failure or time-out ({@link HttpTimeoutException}); a {@link
   *     RetriesExhaustedException} when more than one attempt was made; a {@link
   *     LocalLimitException} when this server's own rate limit or memory budget stopped the call
   *     (its message says whether the request was sent); an {@link InterruptedException} when the
   *     calling thread was interrupted waiting for memory
   */
  public CompletableFuture<UpstreamResponse> sendAsync(OutgoingRequest request, boolean retrySafe) {
    return sendAsync(request, retrySafe, Cancellation.NEVER);
  }

  /**
   * {@link #sendAsync(OutgoingRequest, boolean)} that stops when {@code cancellation} says the client
   * gave up: the exchange in flight is cancelled, which closes its connection (the JDK's client
   * cancels an exchange whose own future is cancelled with {@code cancel(true)}), no further attempt
   * starts, and the future completes with a {@link CancellationException}.
   */
  public CompletableFuture<UpstreamResponse> sendAsync(OutgoingRequest request, boolean retrySafe,
      Cancellation cancellation) {
    AnswerCharge charge = new AnswerCharge(MemoryBudget.current());
    if (!retrySafe) {
      // Once the API has acted on a call that is not safe to repeat, its answer must not be dropped for
      // want of memory: room for the largest answer is taken before it is sent.
      try {
        charge.prepay(MemoryBudget.largestAnswerCost(readLimit(settings), settings.maxTextBytes()));
      } catch (LocalLimitException | InterruptedException e) {
        return CompletableFuture.failedFuture(e);
      }
    }
    return new Attempts(request, retrySafe, charge, cancellation).attempt(1);
  }

  /** One call's attempts: each a stage that starts the next one, or completes the call. */
  private final class Attempts {

    private final OutgoingRequest request;
    private final boolean retrySafe;
    private final AnswerCharge charge;
    private final Cancellation cancellation;
    private final long started = time.nanoTime();
    private boolean waitedForRoom;

    Attempts(OutgoingRequest request, boolean retrySafe, AnswerCharge charge, Cancellation cancellation) {
      this.request = request;
      this.retrySafe = retrySafe;
      this.charge = charge;
      this.cancellation = cancellation;
    }

    CompletableFuture<UpstreamResponse> attempt(int attempt) {
      if (cancellation.isCancelled()) {
        // Also after a pause for the rate limit or before a retry: the client has gone.
        return CompletableFuture.failedFuture(cancelled());
      }
      Duration turn;
      try {
        turn = limiter.reserve(request.header("Authorization"), settings.requestTimeout());
      } catch (LocalLimitException e) {
        return CompletableFuture.failedFuture(e);
      }
      CompletableFuture<UpstreamResponse> sent = time.after(turn).thenCompose(ready -> cancellation.isCancelled()
          ? CompletableFuture.failedFuture(cancelled()) : sendOnce(request, charge, cancellation));
      return sent.handle((response, failure) -> next(attempt, response, failure)).thenCompose(next -> next);
    }

    /** What follows attempt {@code attempt}: the answer, a failure, or another attempt. */
    private CompletableFuture<UpstreamResponse> next(int attempt, UpstreamResponse response, Throwable thrown) {
      IOException failure = null;
      if (thrown != null) {
        Throwable cause = unwrap(thrown);
        if (cause instanceof NoRoomForAnswer noRoom && !waitedForRoom) {
          // A call safe to repeat whose declared answer does not fit: wait for room, then ask again,
          // rather than answer busy at once. Once; the API's next answer is paid as it arrives.
          waitedForRoom = true;
          return CompletableFuture.runAsync(() -> waitForRoom(noRoom.cost()), Stages.EXECUTOR)
              .thenCompose(room -> attempt(attempt));
        }
        if (!(cause instanceof IOException io) || cause instanceof LocalLimitException) {
          return CompletableFuture.failedFuture(cause);
        }
        failure = io;
      }
      try {
        boolean retryable =
            failure == null ? retries.retries(response.status(), retrySafe) : retries.retries(failure, retrySafe);
        if (!retryable) {
          String note =
              failure == null ? retries.notRetriedReason(response.status(), request.method(), retrySafe) : null;
          charge.keepOnly(response);
          return CompletableFuture.completedFuture(finish(response, failure, attempt, note));
        }
        Duration elapsed = Duration.ofNanos(time.nanoTime() - started);
        RetryPolicy.Decision decision = retries.next(attempt, elapsed, retryAfter(response));
        if (!decision.retry()) {
          charge.keepOnly(response);
          return CompletableFuture.completedFuture(finish(response, failure, attempt, decision.stopReason()));
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
        return time.after(decision.delay()).thenCompose(paused -> attempt(attempt + 1));
      } catch (IOException e) {
        return CompletableFuture.failedFuture(e);
      }
    }

    private void waitForRoom(long cost) {
      try {
        charge.waitForRoom(cost);
      } catch (LocalLimitException | InterruptedException e) {
        throw new CompletionException(e);
      }
    }
  }

  /** The failure inside a stage's wrapping. */
  private static Throwable unwrap(Throwable thrown) {
    Throwable cause = thrown;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  /**
   * Where the stages run that must run neither on the HTTP client's thread nor on the JDK's default
   * async pool: waiting for room for an answer (it blocks), what follows a large answer, and what
   * follows a failed exchange.
   */
  private static final class Stages {

    /** Its core thread never ends (see SystemTimeSource's executor for why); more come when stages overlap. */
    static final Executor EXECUTOR = new ThreadPoolExecutor(1, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
        new SynchronousQueue<>(), runnable -> {
          Thread thread = new Thread(runnable, "upstream-stages");
          thread.setDaemon(true);
          return thread;
        });

    private Stages() {}
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

  /** Why a call stopped that the client cancelled. */
  private static CancellationException cancelled() {
    return new CancellationException("the client cancelled the call");
  }

  /**
   * One attempt, its answer paid for with {@code charge}; completes on the HTTP client's thread, or
   * at once with a {@link CancellationException} when {@code cancellation} fires first.
   */
  private CompletableFuture<UpstreamResponse> sendOnce(OutgoingRequest request, AnswerCharge charge,
      Cancellation cancellation) {
    HttpRequest.Builder builder;
    try {
      builder = HttpRequest.newBuilder(request.uri())
          .timeout(settings.requestTimeout())
          .method(request.method(), bodyPublisher(request));
    } catch (IOException e) {
      return CompletableFuture.failedFuture(e);
    }
    for (Map.Entry<String, String> header : request.headers().entrySet()) {
      builder.header(header.getKey(), header.getValue());
    }
    int limit = readLimit(settings);
    CompletableFuture<UpstreamResponse> answer = new CompletableFuture<>();
    CompletableFuture<HttpResponse<BoundedBodySubscriber.Body>> exchange =
        client().sendAsync(builder.build(), info -> {
          BoundedBodySubscriber body = new BoundedBodySubscriber(limit, declaredLength(info),
              charge.forAnswer(info.headers().firstValue("Content-Type").orElse("")));
          // Completed on the client's own thread as the answer's last byte arrives. The future sendAsync
          // returns completes only after a hop to the JDK's default async pool, which on a 2-core
          // machine is a new thread per task (one that writes the tool result, then ends).
          body.getBody().thenAccept(read -> {
            Runnable complete = () -> answer.complete(new UpstreamResponse(info.statusCode(), info.headers(),
                read.bytes(), read.truncated(), request.uri(), 1, null));
            if (read.bytes().length <= MAPPED_ON_CLIENT_THREAD) {
              complete.run();
            } else {
              Stages.EXECUTOR.execute(complete);
            }
          });
          return body;
        });
    // A failed exchange completes only through that pool: what follows runs on a thread that stays.
    exchange.whenCompleteAsync((response, failure) -> {
      if (failure != null) {
        answer.completeExceptionally(failure);
      }
    }, Stages.EXECUTOR);
    // The request timeout stops at the response headers; this bound also covers a stalled body. Its
    // timer is dropped when the answer comes first; when it fires, the exchange is cancelled.
    CompletableFuture<Void> deadline = new CompletableFuture<Void>()
        .orTimeout(settings.requestTimeout().toNanos(), TimeUnit.NANOSECONDS);
    deadline.whenComplete((done, late) -> {
      if (late != null) {
        answer.completeExceptionally(new HttpTimeoutException("request timed out"));
        exchange.cancel(true);
      }
    });
    // The client gave up: abandon the exchange, which closes its connection to the API.
    Cancellation.Registration onCancel = cancellation.onCancel(() -> {
      if (answer.completeExceptionally(cancelled())) {
        exchange.cancel(true);
      }
    });
    return answer.handle((response, failure) -> {
      deadline.complete(null);
      onCancel.close();
      if (failure == null) {
        return response;
      }
      Throwable cause = unwrap(failure);
      if (cause instanceof CancellationException && cancellation.isCancelled()) {
        throw new CompletionException(cause);
      }
      if (cause instanceof CancellationException) {
        throw new CompletionException(new HttpTimeoutException("request timed out"));
      }
      if (cause instanceof IOException) {
        throw new CompletionException(cause);
      }
      throw new CompletionException(
          new IOException(cause == null ? "request failed" : cause.getClass().getSimpleName(), cause));
    });
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
