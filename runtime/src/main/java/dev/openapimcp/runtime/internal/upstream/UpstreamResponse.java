package dev.openapimcp.runtime.internal.upstream;

import java.net.http.HttpHeaders;
import java.util.Objects;

/**
 * What the API answered.
 *
 * @param status HTTP status code
 * @param headers response headers
 * @param body the body bytes, at most {@link UpstreamClient#MAX_BODY_BYTES}
 * @param truncated whether the body was longer than the cap and has been cut
 */
public record UpstreamResponse(int status, HttpHeaders headers, byte[] body, boolean truncated) {

  public UpstreamResponse {
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(body, "body");
  }

  /** The {@code Content-Type} header, or an empty string. */
  public String contentType() {
    return headers.firstValue("Content-Type").orElse("");
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof UpstreamResponse that
        && status == that.status
        && truncated == that.truncated
        && headers.equals(that.headers)
        && java.util.Arrays.equals(body, that.body);
  }

  @Override
  public int hashCode() {
    return Objects.hash(status, headers, truncated, java.util.Arrays.hashCode(body));
  }

  @Override
  public String toString() {
    return "HTTP " + status + " (" + body.length + " bytes" + (truncated ? ", truncated" : "") + ")";
  }
}
