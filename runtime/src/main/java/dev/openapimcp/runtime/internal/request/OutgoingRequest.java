package dev.openapimcp.runtime.internal.request;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP request ready to send.
 *
 * @param method HTTP method, upper case
 * @param uri the full URL, already percent-encoded
 * @param headers header name to value, names unique ignoring case
 * @param body the body bytes, or {@code null} for no body
 */
public record OutgoingRequest(String method, URI uri, Map<String, String> headers, byte[] body) {

  public OutgoingRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(uri, "uri");
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  /** The value of header {@code name}, ignoring case, or {@code null}. */
  public String header(String name) {
    for (Map.Entry<String, String> header : headers.entrySet()) {
      if (header.getKey().equalsIgnoreCase(name)) {
        return header.getValue();
      }
    }
    return null;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof OutgoingRequest that
        && method.equals(that.method)
        && uri.equals(that.uri)
        && headers.equals(that.headers)
        && java.util.Arrays.equals(body, that.body);
  }

  @Override
  public int hashCode() {
    return Objects.hash(method, uri, headers, java.util.Arrays.hashCode(body));
  }

  /**
   * Method, URL without its query, and header names: header values and query parameters can be
   * credentials (API keys) and must never reach a log.
   */
  @Override
  public String toString() {
    String size = body == null ? "" : " body=" + body.length + " bytes";
    String query = uri.getRawQuery() == null ? "" : "?…";
    return method + " " + uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath() + query
        + " headers=" + headers.keySet() + size;
  }
}
