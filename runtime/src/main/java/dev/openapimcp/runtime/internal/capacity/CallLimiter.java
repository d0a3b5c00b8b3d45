package dev.openapimcp.runtime.internal.capacity;

import dev.openapimcp.runtime.internal.mcp.ToolHandler;
import dev.openapimcp.runtime.internal.mcp.ToolSpecificationFactory.PreparedTool;
import dev.openapimcp.runtime.internal.result.ResultMapper;
import dev.openapimcp.runtime.internal.retry.Durations;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The tool calls one transport runs at once: at most {@link #maxConcurrent()}; up to {@value
 * #WAITING_PER_SLOT} times as many more wait for a slot, each at most {@link #maxWait()}; any call
 * beyond that is answered at once with an {@code isError} result saying the server is busy. Nothing
 * is sent to the API for such a call, so retrying it is always safe.
 *
 * <p>The wait (for a slot, and for memory for an answer) is short by default, {@link
 * #DEFAULT_MAX_WAIT}: a client gives up on a call after its own time-out (the Java SDK's is 20 s),
 * and hearing "busy" in time is better than hearing nothing. With 60 HTTP clients asking for 5 MB
 * images and {@code -Xmx512m}, waits up to the 60 s request timeout had 18 of them time out in the
 * client instead.
 *
 * <p>A busy call is a tool result rather than a JSON-RPC error on purpose: the model reads tool
 * results and can retry, while clients show JSON-RPC errors to the user as a failed request.
 *
 * <p>Each call also gets an account of the transport's {@link MemoryBudget} (unless the transport
 * opened one for it already, to hold until the answer is written), and an {@link OutOfMemoryError}
 * ends the process through {@link OutOfMemoryExit} rather than leaving it up and unable to answer.
 */
public final class CallLimiter {

  /** Calls that may wait for a slot, per slot; more are refused at once. */
  static final int WAITING_PER_SLOT = 4;

  private static final long MEGABYTE = 1024 * 1024;

  private final int maxConcurrent;
  private final Duration maxWait;
  private final MemoryBudget memory;
  private final Semaphore slots;
  private final AtomicInteger waiting = new AtomicInteger();

  /** How long a call waits for a slot, or for memory for its answer, unless configured otherwise. */
  public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(10);

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

  /**
   * One call per 16 MB of the heap the JVM may grow to, from 4 to 64: 8 with {@code -Xmx128m}, 32
   * with {@code -Xmx512m}, 64 from 1 GB on. The memory budget, not this, is what keeps large
   * answers from filling the heap; this keeps threads and API connections in proportion.
   */
  public static int defaultMaxConcurrentCalls() {
    long slots = Runtime.getRuntime().maxMemory() / (16 * MEGABYTE);
    return (int) Math.max(4, Math.min(64, slots));
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
    return tools.stream()
        .map(tool -> new PreparedTool(tool.tool(), (arguments, headers) -> call(tool.handler(), arguments, headers)))
        .toList();
  }

  private CallToolResult call(ToolHandler handler, Map<String, Object> arguments, Map<String, String> headers) {
    String refused = acquire();
    if (refused != null) {
      return ResultMapper.error(refused);
    }
    MemoryBudget.Account own = MemoryBudget.hasCurrent() ? null : memory.open();
    MemoryBudget.Scope scope = own == null ? null : own.enter();
    try {
      return handler.call(arguments, headers);
    } catch (OutOfMemoryError e) {
      OutOfMemoryExit.exit(e);
      return ResultMapper.error(OutOfMemoryExit.CALL_MESSAGE);
    } finally {
      if (own != null) {
        scope.close();
        own.close();
      }
      slots.release();
    }
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
