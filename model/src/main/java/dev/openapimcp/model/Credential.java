package dev.openapimcp.model;

import java.util.Objects;

/**
 * One security scheme of the API and the environment variables that hold its secret.
 *
 * @param scheme the scheme's name in the spec ({@code components.securitySchemes})
 * @param kind how the secret is sent
 * @param parameterName header, query or cookie name for API keys; {@code null} otherwise
 * @param variable environment variable with the token, API key or user name
 * @param passwordVariable environment variable with the password (basic auth only), else {@code null}
 */
public record Credential(String scheme, Kind kind, String parameterName, String variable, String passwordVariable) {

  /** How a credential travels. */
  public enum Kind {
    /** {@code Authorization: Bearer <token>}. */
    BEARER,
    /** {@code Authorization: Basic base64(user:password)}. */
    BASIC,
    /** An API key in a request header. */
    API_KEY_HEADER,
    /** An API key in a query parameter. */
    API_KEY_QUERY,
    /** An API key in a cookie. */
    API_KEY_COOKIE
  }

  public Credential {
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(variable, "variable");
    if (kind == Kind.BASIC) {
      Objects.requireNonNull(passwordVariable, "passwordVariable");
    }
    if (kind != Kind.BEARER && kind != Kind.BASIC) {
      Objects.requireNonNull(parameterName, "parameterName");
    }
  }

  /** A bearer token from {@code variable}. */
  public static Credential bearer(String scheme, String variable) {
    return new Credential(scheme, Kind.BEARER, null, variable, null);
  }

  /** A user name and password from two variables. */
  public static Credential basic(String scheme, String userVariable, String passwordVariable) {
    return new Credential(scheme, Kind.BASIC, null, userVariable, passwordVariable);
  }

  /** An API key from {@code variable}, sent in the header {@code header}. */
  public static Credential apiKeyHeader(String scheme, String header, String variable) {
    return new Credential(scheme, Kind.API_KEY_HEADER, header, variable, null);
  }

  /** An API key from {@code variable}, sent as the query parameter {@code parameter}. */
  public static Credential apiKeyQuery(String scheme, String parameter, String variable) {
    return new Credential(scheme, Kind.API_KEY_QUERY, parameter, variable, null);
  }

  /** An API key from {@code variable}, sent as the cookie {@code cookie}. */
  public static Credential apiKeyCookie(String scheme, String cookie, String variable) {
    return new Credential(scheme, Kind.API_KEY_COOKIE, cookie, variable, null);
  }
}
