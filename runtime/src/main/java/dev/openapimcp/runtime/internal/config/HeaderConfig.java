package dev.openapimcp.runtime.internal.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The headers every call sends, from {@code OPENAPI_MCP_HEADERS} (a JSON object of header name to
 * string value) and the catalog's token variable (such as {@code NOTION_TOKEN}).
 *
 * <p>{@code OPENAPI_MCP_HEADERS} comes first. The token variable adds {@code Authorization: Bearer
 * <token>} only when no {@code Authorization} header came from {@code OPENAPI_MCP_HEADERS}, so people
 * who set both keep the explicit header.
 */
public final class HeaderConfig {

  /** The variable holding extra headers as JSON. */
  public static final String HEADERS_VARIABLE = "OPENAPI_MCP_HEADERS";

  /** Shown in every message about {@code OPENAPI_MCP_HEADERS}, so the fix is on screen. */
  static final String EXAMPLE = "{\"Authorization\":\"Bearer <token>\"}";

  /** Headers {@code java.net.http} refuses to let callers set. */
  private static final Set<String> CLIENT_MANAGED =
      Set.of("connection", "content-length", "expect", "host", "upgrade");

  private static final JsonFactory JSON = new JsonFactory();

  private final Map<String, String> headers;
  private final boolean sendsCredentials;

  private HeaderConfig(Map<String, String> headers, boolean sendsCredentials) {
    this.headers = Collections.unmodifiableMap(headers);
    this.sendsCredentials = sendsCredentials;
  }

  /**
   * Reads the headers from {@code environment}.
   *
   * @param tokenVariable the catalog's token variable, or {@code null} when the API has none
   * @throws ConfigurationException when a variable is set but unusable
   */
  public static HeaderConfig fromEnvironment(Map<String, String> environment, String tokenVariable) {
    Map<String, String> headers = new LinkedHashMap<>();
    String json = environment.get(HEADERS_VARIABLE);
    // Empty counts as unset, as in npm @notionhq/notion-mcp-server (an empty string is falsy there):
    // configs often carry "OPENAPI_MCP_HEADERS": "" beside a token variable.
    if (json != null && json.isBlank()) {
      json = null;
    }
    if (json != null) {
      headers.putAll(parseHeaders(json));
    }
    boolean hasAuthorization = headers.keySet().stream().anyMatch("authorization"::equalsIgnoreCase);
    String token = tokenVariable == null ? null : environment.get(tokenVariable);
    if (!hasAuthorization && token != null) {
      headers.put("Authorization", "Bearer " + checkToken(tokenVariable, token));
      hasAuthorization = true;
    }
    return new HeaderConfig(headers, json != null || hasAuthorization);
  }

  /** Header name to value, in the order given; names are unique ignoring case. */
  public Map<String, String> headers() {
    return headers;
  }

  /**
   * Whether any credential source was configured; {@code false} means calls go out without
   * authentication, which deserves a warning at start.
   */
  public boolean sendsCredentials() {
    return sendsCredentials;
  }

  @Override
  public String toString() {
    // Values are secrets: only the names may ever be printed.
    return "HeaderConfig" + headers.keySet();
  }

  /**
   * Parses the value of {@code OPENAPI_MCP_HEADERS}. Jackson's own messages quote the input, so
   * every message here is built from the position alone.
   */
  static Map<String, String> parseHeaders(String json) {
    if (json.isBlank()) {
      throw fault("is set but empty");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    Map<String, String> seen = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    try (JsonParser parser = JSON.createParser(json)) {
      JsonToken root = parser.nextToken();
      if (root != JsonToken.START_OBJECT) {
        throw fault("is " + describe(root) + ", not a JSON object");
      }
      for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
        if (token != JsonToken.FIELD_NAME) {
          // Jackson reports a cut-off object itself; this only guards the loop.
          throw fault("ends before the JSON object is closed", parser.currentLocation());
        }
        String name = parser.currentName();
        JsonLocation nameAt = parser.currentTokenLocation();
        checkName(name, nameAt);
        if (seen.put(name, name) != null) {
          throw fault("sets the same header twice (header names ignore case)", nameAt);
        }
        JsonToken value = parser.nextToken();
        if (value != JsonToken.VALUE_STRING) {
          throw fault(
              "has a header value that is " + describe(value) + ", not a string,", parser.currentTokenLocation());
        }
        String text = parser.getText();
        if (!isValidHeaderValue(text)) {
          throw fault(
              "has a header value with a line break or other control character", parser.currentTokenLocation());
        }
        headers.put(name, text);
      }
      if (parser.nextToken() != null) {
        throw fault("has more text after the JSON object", parser.currentTokenLocation());
      }
    } catch (JsonEOFException e) {
      throw new ConfigurationException(
          HEADERS_VARIABLE
              + " is not valid JSON: the text ends early at "
              + position(e.getLocation())
              + ", which usually means unescaped double quotes in the client's configuration cut the value short."
              + mustBe());
    } catch (StreamReadException e) {
      String hint =
          json.contains("\\\"")
              ? "; the value contains \\\" where a plain \" belongs, so its quotes were escaped twice"
              : "";
      throw new ConfigurationException(
          HEADERS_VARIABLE
              + " is not valid JSON: unexpected character at "
              + position(e.getLocation())
              + hint
              + "."
              + mustBe());
    } catch (IOException e) {
      // Reading a String does no I/O; keep the promise of a message without the value anyway.
      throw new ConfigurationException(HEADERS_VARIABLE + " could not be read." + mustBe());
    }
    return headers;
  }

  private static void checkName(String name, JsonLocation at) {
    if (name.isEmpty()) {
      throw fault("has an empty header name", at);
    }
    for (int i = 0; i < name.length(); i++) {
      if (!isTokenChar(name.charAt(i))) {
        throw fault("has a header name with a character HTTP does not allow in names", at);
      }
    }
    if (CLIENT_MANAGED.contains(name.toLowerCase(Locale.ROOT))) {
      throw fault(
          "sets a header the HTTP client manages itself (Connection, Content-Length, Expect, Host or Upgrade)", at);
    }
  }

  private static String checkToken(String variable, String token) {
    String trimmed = token.strip();
    if (trimmed.isEmpty()) {
      throw new ConfigurationException(variable + " is set but empty; set it to your API token or remove it.");
    }
    for (int i = 0; i < trimmed.length(); i++) {
      char c = trimmed.charAt(i);
      if (c <= ' ' || c >= 0x7f) {
        throw new ConfigurationException(
            variable
                + " contains a space, line break or non-ASCII character;"
                + " it must hold the token alone, without \"Bearer \".");
      }
    }
    return trimmed;
  }

  /** RFC 9110 {@code tchar}. */
  static boolean isTokenChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
  }

  /** What {@code java.net.http} accepts as a header value: no control characters except tab. */
  public static boolean isValidHeaderValue(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < ' ' && c != '\t') || c == 0x7f || c > 0xff) {
        return false;
      }
    }
    return true;
  }

  private static String describe(JsonToken token) {
    if (token == null) {
      return "missing";
    }
    return switch (token) {
      case START_ARRAY -> "a JSON array";
      case START_OBJECT -> "a JSON object";
      case VALUE_STRING -> "a JSON string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a JSON number";
      case VALUE_TRUE, VALUE_FALSE -> "a JSON boolean";
      case VALUE_NULL -> "null";
      default -> "not a JSON value";
    };
  }

  private static ConfigurationException fault(String what) {
    return new ConfigurationException(HEADERS_VARIABLE + " " + what + "." + mustBe());
  }

  private static ConfigurationException fault(String what, JsonLocation at) {
    return new ConfigurationException(HEADERS_VARIABLE + " " + what + " at " + position(at) + "." + mustBe());
  }

  private static String position(JsonLocation at) {
    return "line " + at.getLineNr() + ", column " + at.getColumnNr();
  }

  private static String mustBe() {
    return " It must be a JSON object of header names and string values such as " + EXAMPLE + ".";
  }
}
