package dev.openapimcp.runtime.internal.upstream;

import dev.openapimcp.runtime.internal.request.OutgoingRequest;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Sends {@link OutgoingRequest}s; one {@link HttpClient} per server, created on first use. */
public final class UpstreamClient {

  /** How long to wait for a TCP (and TLS) connection. */
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** How long one call may take from sending to the last byte of the response. */
  public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

  /** Larger responses are cut; no API answer a model can use comes near this. */
  public static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

  private volatile HttpClient client;

  /** Uses {@code client}, or builds the default client on first use when it is {@code null}. */
  public UpstreamClient(HttpClient client) {
    this.client = client;
  }

  /** The client every server uses unless a test supplies its own. */
  static HttpClient defaultClient() {
    // Redirects are not followed: java.net.http would resend Authorization to wherever they point.
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(CONNECT_TIMEOUT)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  private HttpClient client() {
    HttpClient current = client;
    if (current == null) {
      synchronized (this) {
        current = client;
        if (current == null) {
          current = defaultClient();
          client = current;
        }
      }
    }
    return current;
  }

  /**
   * Sends {@code request} and reads the response.
   *
   * @throws IOException when no response arrived: connection failure or time-out ({@link
   *     HttpTimeoutException})
   * @throws InterruptedException when the calling thread was interrupted while waiting
   */
  public UpstreamResponse send(OutgoingRequest request) throws IOException, InterruptedException {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(request.uri())
            .timeout(REQUEST_TIMEOUT)
            .method(
                request.method(),
                request.body() == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(request.body()));
    for (Map.Entry<String, String> header : request.headers().entrySet()) {
      builder.header(header.getKey(), header.getValue());
    }
    CompletableFuture<HttpResponse<BoundedBodySubscriber.Body>> future =
        client().sendAsync(builder.build(), info -> new BoundedBodySubscriber(MAX_BODY_BYTES));
    try {
      // The request timeout stops at the response headers; this bound also covers a stalled body.
      HttpResponse<BoundedBodySubscriber.Body> response =
          future.get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return new UpstreamResponse(
          response.statusCode(), response.headers(), response.body().bytes(), response.body().truncated());
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
}
