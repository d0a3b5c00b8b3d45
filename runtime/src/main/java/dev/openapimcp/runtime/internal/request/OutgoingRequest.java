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
 * @param body the body bytes, or {@code null} for no body (or a multipart body)
 * @param multipart a {@code multipart/form-data} body streamed from its parts, or {@code null}; its
 *     files are open until {@link #close()}
 */
public record OutgoingRequest(
    String method, URI uri, Map<String, String> headers, byte[] body, MultipartBody multipart)
    implements AutoCloseable {

  public OutgoingRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(uri, "uri");
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    if (body != null && multipart != null) {
      throw new IllegalArgumentException("A request has bytes or a multipart body, not both.");
    }
  }

  /** A request with {@code body} bytes or none. */
  public OutgoingRequest(String method, URI uri, Map<String, String> headers, byte[] body) {
    this(method, uri, headers, body, null);
  }

  /** Closes the files of a multipart body, once the request has been sent for the last time. */
  @Override
  public void close() {
    if (multipart != null) {
      multipart.close();
    }
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
        && java.util.Arrays.equals(body, that.body)
        && Objects.equals(multipart, that.multipart);
  }

  @Override
  public int hashCode() {
    return Objects.hash(method, uri, headers, java.util.Arrays.hashCode(body), multipart);
  }

  /**
   * Method, URL without its query, and header names: header values and query parameters can be
   * credentials (API keys) and must never reach a log.
   */
  @Override
  public String toString() {
    String size = body == null ? "" : " body=" + body.length + " bytes";
    String parts = multipart == null ? "" : " multipart=" + multipart.parts().size() + " parts";
    String query = uri.getRawQuery() == null ? "" : "?…";
    return method + " " + uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath() + query
        + " headers=" + headers.keySet() + size + parts;
  }
}
