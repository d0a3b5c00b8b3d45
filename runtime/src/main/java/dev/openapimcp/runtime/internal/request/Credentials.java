package dev.openapimcp.runtime.internal.request;

import dev.openapimcp.model.Credential;
import dev.openapimcp.runtime.internal.config.ConfigurationException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The API's credentials, read once from the environment, and how each call satisfies the
 * operation's security requirements. A header already given by {@code OPENAPI_MCP_HEADERS} counts as
 * the credential that would set it, so one variable can serve every API.
 *
 * <p>Secret values live only here and in the request; {@link #toString()} never shows them.
 */
public final class Credentials {

  private final Map<String, Credential> schemes = new LinkedHashMap<>();
  private final Map<String, String> values = new LinkedHashMap<>();
  /** Every value read, and what is sent: for {@link Secrets}. */
  private final List<String> secretValues = new ArrayList<>();

  /**
   * Reads each credential's variables from {@code environment}; blank counts as unset.
   *
   * @throws ConfigurationException naming the variable (never its value) when a value cannot be sent
   *     where its scheme puts it: a control character in a header or cookie, or a cookie delimiter
   */
  public Credentials(List<Credential> credentials, Map<String, String> environment) {
    for (Credential credential : credentials) {
      schemes.put(credential.scheme(), credential);
      String value = nonBlank(environment.get(credential.variable()));
      if (value != null) {
        check(credential, value);
      }
      if (credential.kind() == Credential.Kind.BASIC) {
        String password = nonBlank(environment.get(credential.passwordVariable()));
        if (password != null) {
          secretValues.add(password);
        }
        value = value == null || password == null ? null
            : Base64.getEncoder().encodeToString((value + ":" + password).getBytes(StandardCharsets.UTF_8));
      }
      if (value != null) {
        values.put(credential.scheme(), value);
        secretValues.add(value);
        if (credential.kind() == Credential.Kind.API_KEY_QUERY) {
          // As it appears in a URL.
          secretValues.add(PercentEncoder.encode(value));
        }
      }
    }
  }

  /** Whether the environment gave any credential (a token, an API key, a user name and password). */
  public boolean anyGiven() {
    return !values.isEmpty();
  }

  /**
   * Adds the credentials of the first alternative of {@code security} that can be met.
   *
   * @throws InvalidCallException naming the variables to set when no alternative can be met
   */
  void apply(List<List<String>> security, Map<String, String> headers, List<String> query, List<String> cookies)
      throws InvalidCallException {
    if (security.isEmpty()) {
      return;
    }
    for (List<String> alternative : security) {
      if (alternative.stream().allMatch(scheme -> satisfied(scheme, headers))) {
        for (String scheme : alternative) {
          add(scheme, headers, query, cookies);
        }
        return;
      }
    }
    List<String> ways = new ArrayList<>();
    for (List<String> alternative : security) {
      List<String> variables = new ArrayList<>();
      for (String scheme : alternative) {
        if (!satisfied(scheme, headers)) {
          variables.add(describe(scheme));
        }
      }
      ways.add(String.join(" and ", variables));
    }
    throw new InvalidCallException("This tool needs credentials: set " + String.join(", or ", ways)
        + " in the server's environment (or the header in OPENAPI_MCP_HEADERS), then restart the server.");
  }

  private boolean satisfied(String scheme, Map<String, String> headers) {
    Credential credential = schemes.get(scheme);
    if (credential == null) {
      // A scheme the generator could not map (say, mutual TLS): nothing to add, nothing to demand.
      return true;
    }
    if (values.containsKey(scheme)) {
      return true;
    }
    String header = headerName(credential);
    return header != null && headers.keySet().stream().anyMatch(header::equalsIgnoreCase);
  }

  private void add(String scheme, Map<String, String> headers, List<String> query, List<String> cookies) {
    Credential credential = schemes.get(scheme);
    String value = values.get(scheme);
    if (credential == null || value == null) {
      return;
    }
    String header = headerName(credential);
    if (header != null && headers.keySet().stream().anyMatch(header::equalsIgnoreCase)) {
      // OPENAPI_MCP_HEADERS already says how to authenticate: it wins, as for the npm server.
      return;
    }
    switch (credential.kind()) {
      case BEARER -> headers.put("Authorization", "Bearer " + value);
      case BASIC -> headers.put("Authorization", "Basic " + value);
      case API_KEY_HEADER -> headers.put(credential.parameterName(), value);
      case API_KEY_QUERY -> query.add(PercentEncoder.encode(credential.parameterName()) + "="
          + PercentEncoder.encode(value));
      case API_KEY_COOKIE -> cookies.add(credential.parameterName() + "=" + value);
    }
  }

  private static String headerName(Credential credential) {
    return switch (credential.kind()) {
      case BEARER, BASIC -> "Authorization";
      case API_KEY_HEADER -> credential.parameterName();
      case API_KEY_QUERY, API_KEY_COOKIE -> null;
    };
  }

  private String describe(String scheme) {
    Credential credential = schemes.get(scheme);
    return switch (credential.kind()) {
      case BEARER -> credential.variable() + " (bearer token)";
      case BASIC -> credential.variable() + " and " + credential.passwordVariable() + " (basic auth)";
      case API_KEY_HEADER -> credential.variable() + " (API key, sent in header " + credential.parameterName() + ")";
      case API_KEY_QUERY -> credential.variable() + " (API key, sent as query parameter "
          + credential.parameterName() + ")";
      case API_KEY_COOKIE -> credential.variable() + " (API key, sent as cookie " + credential.parameterName() + ")";
    };
  }

  /**
   * Refuses a value the HTTP client would refuse as a header, with an exception quoting it (which
   * would then be logged), or one that would add cookies of its own.
   */
  private static void check(Credential credential, String value) {
    String where = switch (credential.kind()) {
      case API_KEY_QUERY, BASIC -> null;
      case API_KEY_COOKIE -> "a cookie";
      default -> "a header";
    };
    boolean cookie = credential.kind() == Credential.Kind.API_KEY_COOKIE;
    for (int i = 0; where != null && i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < ' ' && c != '\t') || c == 0x7f || c > 0xff
          || cookie && (c == ';' || c == ',' || c == ' ' || c == '\t' || c == '"' || c == '\\')) {
        throw new ConfigurationException(credential.variable() + " holds a character that cannot be sent in "
            + where + (cookie ? " (a control character, space, quote, comma, semicolon or backslash)"
                : " (a line break or other control character)") + "; set it to the credential alone.");
      }
    }
  }

  private static String nonBlank(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  /** The credential values, as read and as sent; for masking them in text ({@link Secrets}). */
  List<String> secretValues() {
    return List.copyOf(secretValues);
  }

  /** Which schemes have a value, never the values. */
  @Override
  public String toString() {
    return "Credentials" + values.keySet();
  }
}
