package dev.openapimcp.runtime.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openapimcp.runtime.internal.mcp.SessionTools;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The 2025-11-25 sessions the SDK's transport handed out, as this server has seen them pass: opened
 * by an {@code initialize} the SDK answered with a session id, ended by a {@code DELETE} it accepted
 * or a request it answered 404 (it knows no such session). {@link SessionCalls} answers a known
 * session's tool calls itself, without the SDK.
 *
 * <p>The SDK drops a session that had no request and no open stream between two of its sweeps
 * ({@code HttpServletStreamableServerTransportProvider.sweepSessions}, SDK 2.1.0), and calls
 * answered here are requests it never sees. So a session counts as known ({@link #find}) only while
 * the SDK has seen one of its requests within {@link #refreshEvery}, a third of the sweep interval:
 * the next request after that goes to the SDK, which marks the session active or answers 404 for
 * one it has dropped. A session is forgotten here when the SDK has certainly dropped it (nothing seen
 * for two sweep intervals and a minute), so clients that leave without {@code DELETE} leave nothing.
 */
final class KnownSessions {

  /** What a session's {@code initialize} said of its client. */
  record Session(boolean canAsk, AtomicLong sdkSeen) {}

  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final LongSupplier nanoTime;
  private final long refreshNanos;
  private final long forgetNanos;
  private final AtomicLong lastPrune;

  /** @param sweepInterval how often the SDK's transport drops idle sessions */
  KnownSessions(Duration sweepInterval) {
    this(sweepInterval, System::nanoTime);
  }

  KnownSessions(Duration sweepInterval, LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
    this.refreshNanos = refreshEvery(sweepInterval).toNanos();
    this.forgetNanos = sweepInterval.multipliedBy(2).plusMinutes(1).toNanos();
    this.lastPrune = new AtomicLong(nanoTime.getAsLong());
  }

  /** How recently the SDK must have seen a session's request for calls to be answered without it. */
  static Duration refreshEvery(Duration sweepInterval) {
    return sweepInterval.dividedBy(3);
  }

  /**
   * The SDK opened session {@code id} for a client with these capabilities (the {@code initialize}
   * request's {@code params.capabilities}).
   */
  void opened(String id, JsonNode capabilities) {
    prune();
    sessions.put(id, new Session(SessionTools.canAsk(capabilities), new AtomicLong(nanoTime.getAsLong())));
  }

  /** The SDK answered a request of session {@code id} (so it marked the session active). */
  void seenBySdk(String id) {
    Session session = sessions.get(id);
    if (session != null) {
      session.sdkSeen().set(nanoTime.getAsLong());
    }
  }

  /** Session {@code id} has ended, or the SDK does not know it. */
  void ended(String id) {
    sessions.remove(id);
  }

  /**
   * Session {@code id} when its calls may be answered without the SDK, else {@code null}: unknown,
   * ended, or not seen by the SDK for {@link #refreshEvery} (its next request goes to the SDK).
   */
  Session find(String id) {
    Session session = sessions.get(id);
    if (session == null || nanoTime.getAsLong() - session.sdkSeen().get() >= refreshNanos) {
      return null;
    }
    return session;
  }

  /** How many sessions are known (forgotten ones excluded once pruned). */
  int size() {
    return sessions.size();
  }

  /** Forgets, at most once a minute, the sessions the SDK has certainly dropped. */
  private void prune() {
    long now = nanoTime.getAsLong();
    long last = lastPrune.get();
    if (now - last < Duration.ofMinutes(1).toNanos() || !lastPrune.compareAndSet(last, now)) {
      return;
    }
    sessions.values().removeIf(session -> now - session.sdkSeen().get() >= forgetNanos);
  }
}
