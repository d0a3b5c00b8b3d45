package dev.openapimcp.runtime.internal.http;

import dev.openapimcp.runtime.internal.capacity.MemoryBudget;
import dev.openapimcp.runtime.internal.capacity.OutOfMemoryExit;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Counts MCP requests being answered, so shutdown can let them finish: once {@link #drain()} is
 * called new requests get 503 and {@link #awaitIdle} waits for the count to reach zero.
 *
 * <p>Only POSTs count: they carry tool calls. A GET is a session's listening stream that stays open
 * until the session closes, which shutdown does after draining.
 *
 * <p>Each POST gets an account of the memory budget for as long as it is served: the SDK writes a
 * tool call's answer on this thread before the chain returns (calls run on the servlet thread), so
 * an answer's memory is counted until it has been written. An {@link OutOfMemoryError} here ends the
 * process ({@link OutOfMemoryExit}) instead of leaving a server that no longer answers.
 */
final class InFlightRequests implements Filter {

  private final MemoryBudget memory;
  private final Object lock = new Object();
  private final AtomicBoolean draining = new AtomicBoolean();
  private int active;

  /** Without a memory budget. */
  InFlightRequests() {
    this(MemoryBudget.unlimited());
  }

  InFlightRequests(MemoryBudget memory) {
    this.memory = memory;
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest http = (HttpServletRequest) request;
    if (!"POST".equals(http.getMethod())) {
      chain.doFilter(request, response);
      return;
    }
    synchronized (lock) {
      if (draining.get()) {
        HttpServletResponse answer = (HttpServletResponse) response;
        answer.setHeader("Connection", "close");
        ErrorResponses.send(answer, HttpServletResponse.SC_SERVICE_UNAVAILABLE,
            McpEndpointFilter.hasModernHeaders(http) ? ErrorResponses.INTERNAL_ERROR : ErrorResponses.REFUSED,
            "Service unavailable: the server is shutting down");
        return;
      }
      active++;
    }
    boolean asyncFinishes = false;
    MemoryBudget.Account account = memory.open();
    MemoryBudget.Scope scope = account.enter();
    try {
      chain.doFilter(request, response);
      if (request.isAsyncStarted()) {
        // The SDK answers requests on an async context; the call is over when that completes.
        request.getAsyncContext().addListener(new Done());
        asyncFinishes = true;
      }
    } catch (OutOfMemoryError e) {
      OutOfMemoryExit.exit(e);
      throw e;
    } finally {
      scope.close();
      account.close();
      if (!asyncFinishes) {
        finished();
      }
    }
  }

  /** Refuses requests from now on. */
  void drain() {
    synchronized (lock) {
      draining.set(true);
      lock.notifyAll();
    }
  }

  /** Waits until no request is being answered; whether that happened within {@code timeout}. */
  boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (active > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        lock.wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
      }
      return true;
    }
  }

  /** Requests being answered now. */
  int active() {
    synchronized (lock) {
      return active;
    }
  }

  private void finished() {
    synchronized (lock) {
      active--;
      lock.notifyAll();
    }
  }

  /** Ends the count of one async request exactly once, however its context ends. */
  private final class Done implements AsyncListener {

    private final AtomicBoolean counted = new AtomicBoolean();

    @Override
    public void onComplete(AsyncEvent event) {
      end();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
      end();
    }

    @Override
    public void onError(AsyncEvent event) {
      end();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
      // Re-registered by the container if the request goes async again; nothing to count.
    }

    private void end() {
      if (counted.compareAndSet(false, true)) {
        finished();
      }
    }
  }
}
