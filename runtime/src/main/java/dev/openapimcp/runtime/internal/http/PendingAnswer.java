package dev.openapimcp.runtime.internal.http;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Sends the answer to a POST whose call runs on: one ready within {@link #STREAM_AFTER} goes out
 * whole as {@code application/json}; a longer one on an event stream, a comment every {@link
 * #PING_EVERY} until the answer, then the answer as the stream's one event. The comments keep
 * clients and proxies that give up on a silent connection waiting, and they are the transport's
 * only way to learn that the client has gone: Tomcat tells a request nothing of a closed
 * connection while it neither reads nor writes (tried with Tomcat 11.0.27), so the write that fails
 * says so. The Python SDK's server streams a slow answer the same way (after 15 s).
 */
final class PendingAnswer {

  /** How long an answer may take and still go out as {@code application/json}. */
  static final Duration STREAM_AFTER = Duration.ofSeconds(2);

  /**
   * How often a streamed answer's stream carries a comment while the call runs: a closed stream is
   * noticed at the second write after it closed (the first only draws the peer's reset).
   */
  static final Duration PING_EVERY = Duration.ofSeconds(2);

  private static final byte[] PING = ": ping\n\n".getBytes(StandardCharsets.US_ASCII);

  /**
   * What a finished call sends.
   *
   * @param status the HTTP status when the answer goes out whole (a streamed one is 200)
   * @param body the JSON-RPC message, or {@code null} for none: a bare status when it goes out
   *     whole, or with {@link #NONE} an event stream that ends without an event
   */
  record Answer(int status, byte[] body) {}

  /** No response at all, for a request that must not get one (a cancelled call): an event stream without an event. */
  static final Answer NONE = new Answer(HttpServletResponse.SC_OK, null);

  private PendingAnswer() {}

  /**
   * Sends what {@code pending} completes with.
   *
   * @param failed the answer to send, given why, when this thread is interrupted while waiting or
   *     {@code pending} fails (the interrupt stays set for the caller to see)
   * @return {@code false} when the client closed the stream before the answer was written
   */
  static boolean send(HttpServletResponse response, CompletableFuture<Answer> pending,
      Function<String, Answer> failed) throws IOException {
    Answer answer = await(pending, STREAM_AFTER, failed);
    if (answer != null && answer != NONE) {
      if (answer.body() == null) {
        response.setStatus(answer.status());
      } else {
        JsonBody.write(response, answer.status(), answer.body());
      }
      return true;
    }
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType("text/event-stream");
    response.setCharacterEncoding("UTF-8");
    response.setHeader("Cache-Control", "no-cache");
    // Spec: "servers SHOULD include the X-Accel-Buffering: no header" on an event stream.
    response.setHeader("X-Accel-Buffering", "no");
    OutputStream out = response.getOutputStream();
    try {
      while (answer == null) {
        out.write(PING);
        response.flushBuffer();
        answer = await(pending, PING_EVERY, failed);
      }
      if (answer.body() != null) {
        out.write("event: message\ndata: ".getBytes(StandardCharsets.UTF_8));
        out.write(answer.body());
        out.write("\n\n".getBytes(StandardCharsets.UTF_8));
      }
      response.flushBuffer();
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** {@code pending}'s answer, or {@code null} while it has not come within {@code wait}. */
  private static Answer await(CompletableFuture<Answer> pending, Duration wait, Function<String, Answer> failed) {
    try {
      return pending.get(wait.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failed.apply("Internal error: the server stopped waiting for this call");
    } catch (ExecutionException | RuntimeException e) {
      return failed.apply("Internal error: the server failed to process this message");
    }
  }
}
