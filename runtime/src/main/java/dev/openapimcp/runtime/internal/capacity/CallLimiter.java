package dev.openapimcp.runtime.internal.capacity;

import dev.openapimcp.runtime.internal.retry.Durations;
import dev.openapimcp.runtime.internal.tool.CallContext;
import dev.openapimcp.runtime.internal.tool.PreparedTool;
import dev.openapimcp.runtime.internal.tool.ToolHandler;
import dev.openapimcp.runtime.internal.tool.ToolResults;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The tool calls one transport runs at once: at most {@link #maxConcurrent()}; up to {@value
 * #WAITING_PER_SLOT} times as many more wait for a slot, each at most {@link #maxWait()}; any call
 * beyond that is answered at once with an {@code isError} result saying the server is busy. Nothing
 * is sent to the API for such a call, so retrying it is always safe.
 *
 * <p>The wait (for a slot, and for memory for an answer) is short by default ({@code
 * ServerSettings.Builder#maxQueueWait} says why).
 *
 * <p>A busy call is a tool result rather than a JSON-RPC error on purpose: the model reads tool
 * results and can retry, while clients show JSON-RPC errors to the user as a failed request.
 *
 * <p>Each call also gets an account of the transport's {@link MemoryBudget} (unless the transport
 * opened one for it already, to hold until the answer is written), and an {@link OutOfMemoryError}
 * ends the process through {@link OutOfMemoryExit} rather than leaving it up and unable to answer.
 *
 * <p>A call holds its slot and its account until its future completes, not merely until the handler
 * returns, so a call path that answers later on another thread is limited the same way. Waiting for
 * a slot blocks the calling thread (the transport's).
 */
public final class CallLimiter {

  /** Calls that may wait for a slot, per slot; more are refused at once. */
  static final int WAITING_PER_SLOT = 4;

  private final int maxConcurrent;
  private final Duration maxWait;
  private final MemoryBudget memory;
  private final Semaphore slots;
  private final AtomicInteger waiting = new AtomicInteger();

  /**
   * @param maxConcurrent calls that may run at once
   * @param maxWait how long a call may wait for a slot (and, over stdio, in the queue)
   * @param memory the budget answers of this transport's calls are counted against
   */
  public CallLimiter(int maxConcurrent, Duration maxWait, MemoryBudget memory) {
    if (maxConcurrent < 1) {
      throw new IllegalArgumentException("At least one call must be allowed at once.");
    }
    this.maxConcurrent = maxConcurrent;
    this.maxWait = Objects.requireNonNull(maxWait, "maxWait");
    this.memory = Objects.requireNonNull(memory, "memory");
    this.slots = new Semaphore(maxConcurrent, true);
  }

  public int maxConcurrent() {
    return maxConcurrent;
  }

  public Duration maxWait() {
    return maxWait;
  }

  public MemoryBudget memory() {
    return memory;
  }

  /** Calls waiting for a slot now. */
  int waiting() {
    return waiting.get();
  }

  /** The same tools, each call running under this limiter. */
  public List<PreparedTool> limit(List<PreparedTool> tools) {
    return tools.stream().map(tool -> new PreparedTool(tool.tool(), limit(tool.handler()))).toList();
  }

  /** {@code handler}, each call running under this limiter. */
  public ToolHandler limit(ToolHandler handler) {
    return (arguments, context) -> call(handler, arguments, context);
  }

  private CompletableFuture<CallToolResult> call(
      ToolHandler handler, Map<String, Object> arguments, CallContext context) {
    String refused = acquire();
    if (refused != null) {
      return ToolResults.failed(refused);
    }
    MemoryBudget.Account own = MemoryBudget.hasCurrent() ? null : memory.open();
    CompletableFuture<CallToolResult> result;
    // The account is the thread's current one while the handler runs on it; the call keeps it (and
    // its slot) until the result is complete.
    MemoryBudget.Scope scope = own == null ? null : own.enter();
    try {
      result = handler.call(arguments, context);
    } catch (RuntimeException | OutOfMemoryError e) {
      result = CompletableFuture.failedFuture(e);
    } finally {
      if (scope != null) {
        scope.close();
      }
    }
    return result.whenComplete((answer, failure) -> release(own)).exceptionally(failure -> {
      Throwable cause = failure instanceof CompletionException wrapped && wrapped.getCause() != null
          ? wrapped.getCause() : failure;
      if (cause instanceof OutOfMemoryError oom) {
        OutOfMemoryExit.exit(oom);
        return ToolResults.error(OutOfMemoryExit.CALL_MESSAGE);
      }
      throw failure instanceof CompletionException wrapped ? wrapped : new CompletionException(failure);
    });
  }

  private void release(MemoryBudget.Account own) {
    if (own != null) {
      own.close();
    }
    slots.release();
  }

  /** Takes a slot, waiting if allowed; {@code null} when taken, else why the call is refused. */
  private String acquire() {
    if (slots.tryAcquire()) {
      return null;
    }
    if (waiting.incrementAndGet() > maxConcurrent * WAITING_PER_SLOT) {
      waiting.decrementAndGet();
      return busy("its call slots are all taken (--max-concurrent-calls " + maxConcurrent + ") and "
          + maxConcurrent * WAITING_PER_SLOT + " more calls are waiting");
    }
    try {
      if (slots.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
        return null;
      }
      return queuedTooLong();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "The call was cancelled while waiting for a free call slot; nothing was sent to the API.";
    } finally {
      waiting.decrementAndGet();
    }
  }

  /** The refusal for a call that waited {@link #maxWait()} for a slot. */
  public String queuedTooLong() {
    return busy("none of its " + maxConcurrent + " call slots (--max-concurrent-calls) came free within "
        + Durations.describe(maxWait));
  }

  /** The refusal for a request whose own bytes do not fit in the memory budget now. */
  public String noMemoryForRequest() {
    return busy("the calls it is serving fill its memory budget (" + MemoryBudget.describe(memory.limit())
        + ", --memory-budget)");
  }

  /** {@code The server is busy: <why>. Nothing was sent to the API; retry the call shortly.} */
  public static String busy(String why) {
    return "The server is busy: " + why + ". Nothing was sent to the API; retry the call shortly.";
  }
}
