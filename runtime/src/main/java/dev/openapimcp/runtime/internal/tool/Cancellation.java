package dev.openapimcp.runtime.internal.tool;

import java.util.ArrayList;
import java.util.List;

/**
 * That the client has given up on a call: over stdio a {@code notifications/cancelled} naming its
 * request, over Streamable HTTP the response stream closed (MCP 2026-07-28,
 * basic/patterns/cancellation.mdx: servers "SHOULD stop processing the cancelled request" and "free
 * associated resources"). The call path registers what stops its work, such as abandoning the API
 * request in flight, and drops the registration when that work is over.
 */
public final class Cancellation {

  /** A call nobody can cancel: the SDK's lane, the command line, tests. */
  public static final Cancellation NEVER = new Cancellation(false);

  /** What {@link #onCancel} returns: closing it forgets the action, once the work it would stop is over. */
  @FunctionalInterface
  public interface Registration extends AutoCloseable {
    @Override
    void close();
  }

  private final boolean cancellable;
  /** Guarded by this. */
  private final List<Runnable> actions = new ArrayList<>();
  /** Guarded by this. */
  private boolean cancelled;

  private Cancellation(boolean cancellable) {
    this.cancellable = cancellable;
  }

  /** A call that may be cancelled. */
  public static Cancellation create() {
    return new Cancellation(true);
  }

  /** Cancels the call: each registered action runs once, on this thread. Later calls do nothing. */
  public void cancel() {
    List<Runnable> run;
    synchronized (this) {
      if (!cancellable || cancelled) {
        return;
      }
      cancelled = true;
      run = List.copyOf(actions);
      actions.clear();
    }
    run.forEach(Runnable::run);
  }

  /** Whether the call has been cancelled. */
  public synchronized boolean isCancelled() {
    return cancelled;
  }

  /** Runs {@code action} when the call is cancelled, at once when it already is. */
  public Registration onCancel(Runnable action) {
    if (!cancellable) {
      return () -> {};
    }
    synchronized (this) {
      if (!cancelled) {
        actions.add(action);
        return () -> {
          synchronized (this) {
            actions.remove(action);
          }
        };
      }
    }
    action.run();
    return () -> {};
  }
}
