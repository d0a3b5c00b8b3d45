package dev.openapimcp.runtime.internal.stdio;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openapimcp.model.ProtocolVersions;
import dev.openapimcp.runtime.internal.capacity.CallLimiter;
import dev.openapimcp.runtime.internal.capacity.MemoryBudget;
import dev.openapimcp.runtime.internal.capacity.OutOfMemoryExit;
import dev.openapimcp.runtime.internal.mcp.PerRequestHeaders;
import dev.openapimcp.runtime.internal.mcp.SessionTools;
import dev.openapimcp.runtime.internal.modern.ModernLane;
import dev.openapimcp.runtime.internal.retry.Durations;
import dev.openapimcp.runtime.internal.tool.CallContext;
import dev.openapimcp.runtime.internal.tool.Cancellation;
import dev.openapimcp.runtime.internal.tool.ToolHandler;
import dev.openapimcp.runtime.internal.tool.ToolResults;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCRequest;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * MCP over stdio: newline-delimited JSON-RPC on the process's input and output, one session. It
 * replaces the SDK's {@code StdioServerTransportProvider}, which at the end of input stops writing
 * at once: every answer still being worked on is dropped. Measured with SDK 2.1.0: 1,000 calls piped
 * in and the input closed, 0 answered; a {@code PATCH} already sent reached the API and its answer
 * was thrown away; SIGTERM with calls in flight answered none.
 *
 * <ul>
 *   <li><b>Every request read is answered.</b> At the end of input the transport stops reading,
 *       lets running and queued calls finish and only then ends the session. {@link
 *       #closeGracefully()} (SIGTERM) answers calls that have not started at once, saying nothing
 *       was sent, and lets running ones finish. Either way a request still unanswered after the
 *       drain timeout (each call is bounded by its own time-outs; this is a guard) is answered with
 *       an error before the session ends.
 *   <li><b>Bounded work.</b> Tool calls run on at most {@link CallLimiter#maxConcurrent()} threads;
 *       the others queue, each holding its line's memory in the budget and waiting at most {@link
 *       CallLimiter#maxWait()}; a call that does not fit is answered at once as busy. Other requests
 *       ({@code initialize}, {@code tools/list}, {@code ping}) are answered on the reader thread, in
 *       order. Each call's memory account stays open until its answer is written.
 *   <li><b>Answers are streamed</b> onto the output, not built as a string first: an answer with a
 *       5 MB image is 7 MB of JSON, which the SDK's transport held twice more as a string and bytes.
 * </ul>
 *
 * <p>Tool calls that arrive before the client's {@code notifications/initialized} are handed to the
 * session at once, which runs them when that notification comes (on the reader thread, in order).
 *
 * <p>Both protocol eras share the process, message by message: a request the {@link ModernLane}
 * claims (MCP 2026-07-28, version in {@code _meta}) is answered by it, everything else by the SDK's
 * session, except the session's tool calls {@link SessionTools} takes, which are answered here with
 * the same handlers (the session's Reactor pipeline and its conversions of the request and the
 * result are not on their path), and client notifications the session has no use for, which are
 * dropped. Modern tool calls queue and run like the session's. A {@code notifications/cancelled}
 * stops the tool call it names in either era: its request to the API is abandoned and no answer is
 * written (the SDK's session has no handler for the notification).
 */
public final class StdioServerTransport implements McpServerTransportProvider {

  private static final Logger LOG = LoggerFactory.getLogger(StdioServerTransport.class);

  /** The answer to a tool call that was read but will not run. */
  static final String SHUTTING_DOWN =
      "The server is shutting down; the call was not sent to the API. Retry it once the server has restarted.";

  /** The notification that cancels a request (the SDK names no constant for it). */
  static final String CANCELLED = "notifications/cancelled";

  /** Heap bytes a queued {@code tools/call} line holds once parsed: the text and its maps. */
  static final int REQUEST_FACTOR = 16;

  private final McpJsonMapper json;
  private final ObjectMapper streaming;
  private final JsonRpcInputFilter input;
  private final OutputStream output;
  private final CallLimiter limiter;
  private final Duration drainTimeout;
  private final ModernLane modern;
  private final SessionTools sessionTools;
  private final ThreadPoolExecutor calls;
  /** Tool calls handed to {@link #calls} and not yet finished there. */
  private final AtomicInteger callsInPool = new AtomicInteger();
  private final CountDownLatch ended = new CountDownLatch(1);
  private final CountDownLatch drained = new CountDownLatch(1);

  /** Modern tool calls read and neither answered nor cancelled, by {@link ModernCall#key}. */
  private final Map<String, ModernCall> modernCalls = new ConcurrentHashMap<>();

  /** The session's tool calls read and not yet answered (cancelled ones until their answer is dropped). */
  private final Map<String, SessionCall> sessionCalls = new ConcurrentHashMap<>();

  /** Requests read and not yet answered: id to how many with that id. Guarded by itself. */
  private final Map<Object, Integer> pending = new HashMap<>();

  private McpServerSession session;
  private volatile boolean initialized;
  /** Whether the client declared it can be asked a question ({@link SessionTools#canAsk}); set by {@code initialize}. */
  private volatile boolean clientCanAsk;
  private volatile boolean closing;
  private boolean draining;
  private boolean outputClosed;

  /**
   * @param json the SDK's JSON mapper
   * @param input the client's lines, with unreadable ones already answered
   * @param output where answers go; nothing else may write to it (the filter writes holding its lock)
   * @param limiter how many calls run at once, how long they may queue, and the memory budget
   * @param drainTimeout how long ending the session waits for unanswered requests, as a guard
   * @param modern answers the requests of MCP 2026-07-28
   * @param sessionTools the session's tool calls answered here rather than by the SDK's session
   */
  public StdioServerTransport(McpJsonMapper json, JsonRpcInputFilter input, OutputStream output,
      CallLimiter limiter, Duration drainTimeout, ModernLane modern, SessionTools sessionTools) {
    this.json = json;
    this.modern = modern;
    this.sessionTools = sessionTools;
    this.streaming = json instanceof JacksonMcpJsonMapper jackson ? jackson.getObjectMapper() : null;
    this.input = input;
    this.output = output;
    this.limiter = limiter;
    this.drainTimeout = drainTimeout;
    AtomicInteger threads = new AtomicInteger();
    // Core threads never time out: the server's answers come from them, and a PipedInputStream reader
    // (tests, embedding applications) fails once the thread that last wrote has ended. The pool starts
    // with one and grows only when calls overlap (enqueue): a pool of its full size from the start made
    // a new thread for each of the first 64 calls even when they came one at a time (JFR ThreadStart
    // "mcp-call-1" to "mcp-call-60" for 60 sequential calls; CallsStartNoThreadProcessTest).
    this.calls = new ThreadPoolExecutor(1, limiter.maxConcurrent(), 0, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), runnable -> {
          Thread thread = new Thread(runnable, "mcp-call-" + threads.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
  }

  @Override
  public void setSessionFactory(McpServerSession.Factory sessionFactory) {
    this.session = sessionFactory.create(new SessionTransport());
    Thread reader = new Thread(this::readAll, "mcp-stdio-reader");
    // Blocked reading stdin when the process ends after a SIGTERM; nothing to wait for then.
    reader.setDaemon(true);
    reader.start();
  }

  /** The versions of the handshake lane: ours, stated rather than inherited from the SDK's default. */
  @Override
  public List<String> protocolVersions() {
    return ProtocolVersions.HANDSHAKE;
  }

  /** Blocks until the session has ended: input ended and every request read was answered, or closed. */
  public void await() throws InterruptedException {
    ended.await();
  }

  /** Like {@link #await()} with a limit; whether the session has ended. */
  public boolean await(Duration timeout) throws InterruptedException {
    return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public Mono<Void> notifyClients(String method, Object params) {
    return session == null ? Mono.empty() : session.sendNotification(method, params);
  }

  /** Stops taking calls: those not started are answered as refused, running ones finish, then the session ends. */
  @Override
  public Mono<Void> closeGracefully() {
    return Mono.fromRunnable(() -> {
      closing = true;
      drain();
    });
  }

  @Override
  public void close() {
    closing = true;
    drain();
  }

  private void readAll() {
    try {
      for (JsonRpcInputFilter.Line line = input.nextLine(); line != null; line = input.nextLine()) {
        dispatch(line);
      }
    } catch (IOException e) {
      LOG.debug("Reading the input failed; treating it as its end", e);
    } catch (OutOfMemoryError e) {
      OutOfMemoryExit.exit(e);
    } finally {
      drain();
    }
  }

  private void dispatch(JsonRpcInputFilter.Line line) {
    JSONRPCMessage message = line.message();
    if (message instanceof McpSchema.JSONRPCNotification notification && CANCELLED.equals(notification.method())) {
      // The SDK's session has no handler for it: it would log a warning and cancel nothing. One naming a
      // call no longer running (it raced with the answer) is ignored, as cancellation.mdx allows.
      if (!cancelModern(notification) && !cancelSessionCall(notification)) {
        LOG.debug("A cancellation named no call in flight");
      }
      return;
    }
    JsonNode modernMessage = modernMessage(line);
    if (modernMessage != null) {
      dispatchModern(message, modernMessage, line.text().length());
      return;
    }
    if (message instanceof JSONRPCRequest request) {
      track(request.id());
      if (McpSchema.METHOD_INITIALIZE.equals(request.method())) {
        clientCanAsk = SessionTools.canAsk(capabilities(request));
      } else if (McpSchema.METHOD_TOOLS_CALL.equals(request.method())) {
        if (closing) {
          answer(request, SHUTTING_DOWN);
          return;
        }
        if (initialized) {
          SessionCall call = new SessionCall(request);
          sessionCalls.put(call.key, call);
          enqueue(request, line.text().length(), text -> {
            if (call.answering()) {
              answer(request, text);
            }
          }, call::run);
          return;
        }
      }
    } else if (message instanceof McpSchema.JSONRPCNotification notification) {
      if (!SessionTools.sessionHandles(notification.method())) {
        LOG.debug("Ignored a notification the server has no use for: {}", notification.method());
        return;
      }
      initialized = true;
    }
    // Synchronous with immediate execution, except calls sent before the session was initialized.
    session.handle(message).subscribe(null, error -> LOG.warn("Handling a message failed: {}", error.toString()));
  }

  /** The {@code capabilities} of an {@code initialize} request as JSON, or {@code null}. */
  private JsonNode capabilities(JSONRPCRequest initialize) {
    Object capabilities = initialize.params() instanceof Map<?, ?> params ? params.get("capabilities") : null;
    return capabilities == null ? null : (streaming == null ? new ObjectMapper() : streaming).valueToTree(capabilities);
  }

  /**
   * The handler that answers the session's {@code tools/call} here ({@link SessionTools}), or {@code
   * null} when the session answers it: also for arguments that are not an object, which the
   * session refuses its own way.
   */
  private ToolHandler directHandler(JSONRPCRequest request) {
    if (sessionTools == null || !(request.params() instanceof Map<?, ?> params)
        || !(params.get("name") instanceof String name)
        || (params.get("arguments") != null && !(params.get("arguments") instanceof Map<?, ?>))) {
      return null;
    }
    return sessionTools.handler(name, clientCanAsk);
  }

  /** The message as the modern lane reads it when the lane claims it; {@code null} for the SDK's. */
  private JsonNode modernMessage(JsonRpcInputFilter.Line line) {
    // Cheap test first: most lines are the SDK's, and need no second parse.
    if (modern == null || (!line.text().contains(ModernLane.PROTOCOL_VERSION)
        && !line.text().contains(ModernLane.DISCOVER))) {
      return null;
    }
    try {
      JsonNode node = streaming == null ? new ObjectMapper().readTree(line.text()) : streaming.readTree(line.text());
      return ModernLane.claims(node) ? node : null;
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * A modern request: tool calls queue for a thread like the session's and can be cancelled until
   * answered ({@link ModernCall}); the rest are answered at once.
   */
  private void dispatchModern(JSONRPCMessage message, JsonNode node, long lineBytes) {
    if (!(message instanceof JSONRPCRequest request)) {
      modern.handle(node, null, CallContext.NONE);
      return;
    }
    track(request.id());
    if (!McpSchema.METHOD_TOOLS_CALL.equals(request.method())) {
      write(modern.handle(node, null, CallContext.NONE).join().body(), request.id());
      return;
    }
    ModernCall call = new ModernCall(request.id());
    Consumer<String> refuse = text -> call.answer(modern.refused(node.get("id"), text));
    if (closing) {
      refuse.accept(SHUTTING_DOWN);
      return;
    }
    modernCalls.put(call.key, call);
    enqueue(request, lineBytes, refuse, () -> {
      if (!call.cancellation.isCancelled()) {
        // Written on the thread that completes the call, as soon as it does (see SessionCall#run).
        modern.handle(node, null, CallContext.NONE.withCancellation(call.cancellation))
            .thenAccept(answer -> call.answer(answer.body())).join();
      }
    });
  }

  /**
   * Cancels the modern tool call a {@code notifications/cancelled} names, if one is in flight:
   * 2026-07-28 over stdio, "Servers SHOULD stop work on a cancelled request as soon as practical and
   * MUST NOT send any further messages for it" (basic/transports/stdio.mdx). Its request to the API
   * is abandoned, a call still queued never starts, and no answer is written. Whether the
   * notification carries the modern {@code _meta} or not (it is optional on notifications), only its
   * {@code requestId} counts; one naming no modern call goes to the session as before.
   *
   * @return whether it named a modern call in flight
   */
  private boolean cancelModern(McpSchema.JSONRPCNotification notification) {
    String key = modern == null ? null : cancelledKey(notification);
    ModernCall call = key == null ? null : modernCalls.get(key);
    if (call == null) {
      return false;
    }
    call.cancel();
    return true;
  }

  /**
   * Cancels the session's (2025-11-25) tool call a {@code notifications/cancelled} names, if one is
   * in flight: its request to the API is abandoned (or never sent, when it has not started) and no
   * answer is written ("Receivers of a cancellation notification SHOULD ... Not send a response for
   * the cancelled request", 2025-11-25 basic/utilities/cancellation.mdx).
   *
   * @return whether it named such a call
   */
  private boolean cancelSessionCall(McpSchema.JSONRPCNotification notification) {
    String key = cancelledKey(notification);
    SessionCall call = key == null ? null : sessionCalls.get(key);
    return call != null && call.cancel();
  }

  /** The {@link ModernCall#key} of the request a {@code notifications/cancelled} names, or {@code null}. */
  private static String cancelledKey(McpSchema.JSONRPCNotification notification) {
    Object requestId = notification.params() instanceof Map<?, ?> params ? params.get("requestId") : null;
    return requestId == null ? null : ModernCall.key(requestId);
  }

  /**
   * A 2025-11-25 tool call of the session, answered here with the SDK server's handler when {@link
   * SessionTools} takes it, else by the SDK's session. Until its answer is written it can be
   * cancelled; the handler learns it from its context (through the request's transport context,
   * {@link PerRequestHeaders#CANCELLATION_KEY}, in the session) and the answer to a cancelled call
   * is dropped.
   */
  private final class SessionCall {

    final JSONRPCRequest request;
    final String key;
    private final Cancellation cancellation = Cancellation.create();
    private final AtomicBoolean settled = new AtomicBoolean();

    SessionCall(JSONRPCRequest request) {
      this.request = request;
      this.key = ModernCall.key(request.id());
    }

    /**
     * Runs the call, unless it was cancelled while queued, and returns once it is answered. The
     * answer is written as soon as the call completes, on the thread that completes it (the HTTP
     * client's, as the session's answers are), not after this thread has woken up.
     */
    void run() {
      if (cancellation.isCancelled()) {
        sessionCalls.remove(key, this);
        return;
      }
      ToolHandler handler = directHandler(request);
      if (handler == null) {
        McpTransportContext context =
            McpTransportContext.create(Map.of(PerRequestHeaders.CANCELLATION_KEY, cancellation));
        session.handle(request).contextWrite(reactor -> reactor.put(McpTransportContext.KEY, context)).block();
        return;
      }
      @SuppressWarnings("unchecked") // JSON objects are read as maps with string keys
      Map<String, Object> arguments = (Map<String, Object>) ((Map<?, ?>) request.params()).get("arguments");
      handler.call(arguments, CallContext.NONE.withCancellation(cancellation)).handle((result, failure) -> {
        if (answering()) {
          if (failure == null) {
            write(JSONRPCResponse.result(request.id(), result));
          } else {
            // Logged without the message: it may quote the call's arguments.
            LOG.warn("A tool call failed outside its handler ({})", failure.getClass().getName());
            write(JSONRPCResponse.error(request.id(), new JSONRPCResponse.JSONRPCError(
                McpSchema.ErrorCodes.INTERNAL_ERROR, "Internal error: the server failed to process this message",
                null)));
          }
        }
        return null;
      }).join();
    }

    /** Forgets the call; whether its answer is to be written (not when it was cancelled first). */
    boolean answering() {
      sessionCalls.remove(key, this);
      return settled.compareAndSet(false, true);
    }

    /** Whether this cancelled the call (not when its answer was written first). */
    boolean cancel() {
      if (!settled.compareAndSet(false, true)) {
        return false;
      }
      LOG.debug("A tool call was cancelled by the client");
      cancellation.cancel();
      untrack(request.id());
      return true;
    }
  }

  /** A modern tool call read and not yet answered: either its answer is written or it is cancelled, never both. */
  private final class ModernCall {

    final Object id;
    final String key;
    final Cancellation cancellation = Cancellation.create();
    private final AtomicBoolean settled = new AtomicBoolean();

    ModernCall(Object id) {
      this.id = id;
      this.key = key(id);
    }

    /** A JSON-RPC id as a key: numbers by their digits (an Integer here, a Long there), strings quoted. */
    static String key(Object id) {
      return id instanceof String text ? "\"" + text : String.valueOf(id);
    }

    void answer(Object body) {
      if (settled.compareAndSet(false, true)) {
        modernCalls.remove(key, this);
        write(body, id);
      }
    }

    void cancel() {
      if (settled.compareAndSet(false, true)) {
        modernCalls.remove(key, this);
        LOG.debug("A tool call was cancelled by the client");
        cancellation.cancel();
        untrack(id);
      }
    }
  }

  /**
   * Queues a tool call for a thread of its own, holding memory for its line until answered.
   *
   * @param refuse answers the call with an error text when it does not run
   * @param work runs the call and writes its answer, on the call's thread
   */
  private void enqueue(JSONRPCRequest request, long lineBytes, Consumer<String> refuse, Runnable work) {
    MemoryBudget.Account account = limiter.memory().open();
    if (!account.tryCharge(lineBytes * REQUEST_FACTOR)) {
      account.close();
      refuse.accept(limiter.noMemoryForRequest());
      return;
    }
    threadFor(callsInPool.incrementAndGet());
    try {
      calls.execute(new QueuedCall(refuse, work, account, System.nanoTime()));
    } catch (RejectedExecutionException e) {
      callsInPool.decrementAndGet();
      account.close();
      refuse.accept(SHUTTING_DOWN);
    }
  }

  /**
   * Makes the pool as large as {@code calls} queued or running, up to its maximum. Its threads only
   * ever grow to this size (its queue is unbounded), and it starts a thread only while smaller.
   */
  private void threadFor(int calls) {
    synchronized (this.calls) {
      int size = this.calls.getCorePoolSize();
      if (calls > size && size < this.calls.getMaximumPoolSize()) {
        this.calls.setCorePoolSize(Math.min(calls, this.calls.getMaximumPoolSize()));
      }
    }
  }

  /** A tool call waiting for a thread, with the memory account it holds until answered. */
  private final class QueuedCall implements Runnable {

    private final Consumer<String> refuse;
    private final Runnable work;
    private final MemoryBudget.Account account;
    private final long queuedAt;

    QueuedCall(Consumer<String> refuse, Runnable work, MemoryBudget.Account account, long queuedAt) {
      this.refuse = refuse;
      this.work = work;
      this.account = account;
      this.queuedAt = queuedAt;
    }

    @Override
    public void run() {
      MemoryBudget.Scope scope = account.enter();
      try {
        if (closing) {
          refuseNotStarted();
        } else if (System.nanoTime() - queuedAt > limiter.maxWait().toNanos()) {
          refuse.accept(limiter.queuedTooLong());
        } else {
          // The handler runs and the answer is written on this thread before the work returns.
          work.run();
        }
      } catch (OutOfMemoryError e) {
        OutOfMemoryExit.exit(e);
        refuse.accept(OutOfMemoryExit.CALL_MESSAGE);
      } catch (RuntimeException e) {
        LOG.warn("A tool call failed outside its handler: {}", e.toString());
        refuse.accept("The server failed while handling this call (" + e.getClass().getSimpleName() + ").");
      } finally {
        callsInPool.decrementAndGet();
        scope.close();
        account.close();
      }
    }

    void refuseNotStarted() {
      refuse.accept(SHUTTING_DOWN);
    }
  }

  /**
   * Waits until every request read has been answered, at most the drain timeout, then answers the
   * rest with an error and ends the session. Once closing, calls not yet started are refused first.
   * The first caller drains; later ones wait for it.
   */
  private void drain() {
    boolean first;
    synchronized (pending) {
      first = !draining;
      draining = true;
    }
    if (!first) {
      awaitDrained();
      return;
    }
    try {
      if (closing) {
        List<Runnable> notStarted = new ArrayList<>();
        calls.getQueue().drainTo(notStarted);
        for (Runnable call : notStarted) {
          QueuedCall queued = (QueuedCall) call;
          try (queued.account) {
            callsInPool.decrementAndGet();
            queued.refuseNotStarted();
          }
        }
      }
      awaitAnswered();
      calls.shutdown();
      if (session != null) {
        session.closeGracefully().subscribe(null, error -> LOG.debug("Closing the session failed", error));
      }
    } finally {
      drained.countDown();
      ended.countDown();
    }
  }

  private void awaitDrained() {
    try {
      drained.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits for the last answer; past the drain timeout, answers what is left with an error. */
  private void awaitAnswered() {
    long deadline = System.nanoTime() + drainTimeout.toNanos();
    List<Object> unanswered;
    synchronized (pending) {
      while (!pending.isEmpty()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        try {
          pending.wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      unanswered = new ArrayList<>(pending.keySet());
    }
    if (unanswered.isEmpty()) {
      return;
    }
    LOG.warn("Stopping with {} request(s) unanswered after {}; answering them with an error", unanswered.size(),
        Durations.describe(drainTimeout));
    for (Object id : unanswered) {
      write(JSONRPCResponse.error(id, new JSONRPCResponse.JSONRPCError(McpSchema.ErrorCodes.INTERNAL_ERROR,
          "The server stopped before this request finished (it waited " + Durations.describe(drainTimeout)
              + "). A call may or may not have reached the API.", null)));
    }
    synchronized (output) {
      // A late answer after this one would be a second answer to the same id.
      outputClosed = true;
    }
  }

  private void track(Object id) {
    synchronized (pending) {
      pending.merge(id, 1, Integer::sum);
    }
  }

  private void untrack(Object id) {
    synchronized (pending) {
      Integer count = pending.get(id);
      if (count == null) {
        return;
      }
      if (count == 1) {
        pending.remove(id);
      } else {
        pending.put(id, count - 1);
      }
      if (pending.isEmpty()) {
        pending.notifyAll();
      }
    }
  }

  private void answer(JSONRPCRequest request, String errorText) {
    CallToolResult result = ToolResults.error(errorText);
    write(JSONRPCResponse.result(request.id(), result));
  }

  /** Writes one of the SDK's messages (see {@link #write(Object, Object)}). */
  private void write(JSONRPCMessage message) {
    write(message, message instanceof JSONRPCResponse response ? response.id() : null);
  }

  /**
   * Writes one message as one line; an answer counts as given even when the client has gone.
   *
   * @param answered the id of the request this message answers, or {@code null} when it answers none
   */
  private void write(Object message, Object answered) {
    try {
      synchronized (output) {
        if (!outputClosed) {
          writeLine(message);
        }
      }
    } catch (IOException e) {
      synchronized (output) {
        // The client stopped reading; later answers have nowhere to go.
        outputClosed = true;
      }
      LOG.debug("Could not write to the client; it has gone", e);
    } finally {
      if (answered != null) {
        untrack(answered);
      }
    }
  }

  private void writeLine(Object message) throws IOException {
    if (streaming == null) {
      output.write(json.writeValueAsBytes(message));
    } else {
      // Jackson escapes every control character inside strings, and does not indent: one line.
      try (JsonGenerator generator = streaming.getFactory().createGenerator(new Unclosable(output), JsonEncoding.UTF8)) {
        streaming.writeValue(generator, message);
      }
    }
    output.write('\n');
    output.flush();
  }

  /** The output for one message's generator, which closes what it writes to. */
  private static final class Unclosable extends FilterOutputStream {

    Unclosable(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      out.write(bytes, offset, length);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }

  /** The session's side: answers written as they are sent. */
  private final class SessionTransport implements McpServerTransport {

    @Override
    public Mono<Void> sendMessage(JSONRPCMessage message) {
      return Mono.fromRunnable(() -> {
        SessionCall call = message instanceof JSONRPCResponse response && response.id() != null
            ? sessionCalls.get(ModernCall.key(response.id())) : null;
        if (call == null || call.answering()) {
          write(message);
        }
      });
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
      return json.convertValue(data, typeRef);
    }

    /** The transport, not the session, decides when the session ends: once every request is answered. */
    @Override
    public Mono<Void> closeGracefully() {
      return Mono.empty();
    }

    @Override
    public void close() {
      // See closeGracefully.
    }
  }
}
