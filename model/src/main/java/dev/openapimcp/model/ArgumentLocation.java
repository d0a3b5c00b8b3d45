package dev.openapimcp.model;

/** Where one tool argument goes in the HTTP request. */
public enum ArgumentLocation {
  /** A path template variable, percent-encoded as one segment. */
  PATH,
  /** A query parameter, serialised by its {@link ParameterStyle}. */
  QUERY,
  /** A request header. */
  HEADER,
  /** A cookie in the {@code Cookie} header. */
  COOKIE,
  /** A top-level property of a JSON object request body. */
  BODY_PROPERTY,
  /** The whole request body (a body that is not a JSON object, or a non-JSON media type). */
  BODY
}
