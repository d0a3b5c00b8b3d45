package dev.openapimcp.runtime.internal.upstream;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.Arrays;
import java.util.Objects;

/**
 * What the API answered, to the last attempt.
 *
 * @param status HTTP status code
 * @param headers response headers
 * @param body the body bytes, at most {@link UpstreamClient#readLimit}
 * @param truncated whether the body was longer than the read limit and has been cut
 * @param uri where the request went, or {@code null} when not known
 * @param attempts how many times the request was sent
 * @param retryNote why the failure was not retried (further), or how often it was tried, a sentence
 *     fragment; {@code null} when there is nothing to say
 */
public record UpstreamResponse(
    int status, HttpHeaders headers, byte[] body, boolean truncated, URI uri, int attempts, String retryNote) {

  public UpstreamResponse {
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(body, "body");
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1");
    }
  }

  /** The answer to a single attempt whose address does not matter. */
  public UpstreamResponse(int status, HttpHeaders headers, byte[] body, boolean truncated) {
    this(status, headers, body, truncated, null, 1, null);
  }

  /** This answer after {@code count} attempts, with {@code note} on retrying. */
  UpstreamResponse afterAttempts(int count, String note) {
    return new UpstreamResponse(status, headers, body, truncated, uri, count, note);
  }

  /** The {@code Content-Type} header, or an empty string. */
  public String contentType() {
    return headers.firstValue("Content-Type").orElse("");
  }

  /** The {@code Content-Length} header, or -1 when absent or not a number. */
  public long declaredLength() {
    try {
      return headers.firstValueAsLong("Content-Length").orElse(-1);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof UpstreamResponse that
        && status == that.status
        && truncated == that.truncated
        && attempts == that.attempts
        && headers.equals(that.headers)
        && Arrays.equals(body, that.body)
        && Objects.equals(uri, that.uri)
        && Objects.equals(retryNote, that.retryNote);
  }

  @Override
  public int hashCode() {
    return Objects.hash(status, headers, truncated, Arrays.hashCode(body), uri, attempts, retryNote);
  }

  @Override
  public String toString() {
    return "HTTP " + status + " (" + body.length + " bytes" + (truncated ? ", truncated" : "")
        + (attempts > 1 ? ", " + attempts + " attempts" : "") + ")";
  }
}
