package dev.openapimcp.runtime.internal.request;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The credential values a server sends, so that text leaving it can be cleaned of them: error
 * texts for the model (an API may quote the key it refused), messages of exceptions that get logged.
 * {@link #toString()} never shows them.
 *
 * <p>Credentials are the values of the API's security schemes, the token variable, the headers of
 * {@code OPENAPI_MCP_HEADERS} whose names say they carry one ({@code Authorization}, {@code Cookie},
 * names with {@code key}, {@code token}, {@code secret}, ...; not, say, {@code Notion-Version}), and
 * a token an HTTP client passed through for its own call ({@link #plus}).
 */
public final class Secrets {

  /** Shorter values are not masked: a value of a few characters would mask ordinary words. */
  static final int MIN_LENGTH = 4;

  private static final String MASK = "***";

  private static final Pattern SECRET_HEADER = Pattern.compile(
      "authorization|proxy-authorization|cookie|.*(key|token|secret|auth|session|password|passwd|signature"
          + "|credential|private).*");

  /** A URL in free text: scheme, then everything up to white space or a quote. */
  private static final Pattern URL = Pattern.compile("(?i)\\b[a-z][a-z0-9+.-]*://[^\\s\"'<>]*");

  private static final Secrets NONE = new Secrets(List.of());

  private final List<String> values;

  private Secrets(List<String> values) {
    this.values = values;
  }

  /** No known secrets: {@link #mask} changes nothing. */
  public static Secrets none() {
    return NONE;
  }

  /**
   * The secrets among {@code headers} (by header name, see the class comment) and {@code
   * credentials}' values.
   */
  public static Secrets of(Map<String, String> headers, Credentials credentials) {
    Set<String> found = new LinkedHashSet<>(credentials.secretValues());
    addHeaders(headers, found);
    return from(found);
  }

  /** These secrets and those among {@code headers}, such as a token passed through for one call. */
  public Secrets plus(Map<String, String> headers) {
    if (headers.isEmpty()) {
      return this;
    }
    Set<String> found = new LinkedHashSet<>(values);
    addHeaders(headers, found);
    return from(found);
  }

  private static Secrets from(Set<String> found) {
    List<String> usable = new ArrayList<>();
    for (String value : found) {
      if (value.length() >= MIN_LENGTH) {
        usable.add(value);
      }
    }
    // Longest first, so a token is masked whole before any shorter secret inside it.
    usable.sort(Comparator.comparingInt(String::length).reversed());
    return usable.isEmpty() ? NONE : new Secrets(List.copyOf(usable));
  }

  private static void addHeaders(Map<String, String> headers, Set<String> found) {
    for (Map.Entry<String, String> header : headers.entrySet()) {
      if (SECRET_HEADER.matcher(header.getKey().toLowerCase(Locale.ROOT)).matches()) {
        String value = header.getValue().strip();
        found.add(value);
        // "Bearer <token>", "Basic <credentials>": the token alone may be quoted too.
        int space = value.indexOf(' ');
        if (space > 0) {
          found.add(value.substring(space + 1).strip());
        }
      }
    }
  }

  /** {@code text} with every known secret replaced by {@code ***}. */
  public String mask(String text) {
    if (text == null || values.isEmpty()) {
      return text;
    }
    String masked = text;
    for (String value : values) {
      if (masked.contains(value)) {
        masked = masked.replace(value, MASK);
      }
    }
    return masked;
  }

  /**
   * {@code text} with the user info, query and fragment of every URL in it replaced by {@code ***}:
   * for exception messages, which quote URLs (a query may hold an API key) and get logged or shown.
   */
  public static String withoutUrlSecrets(String text) {
    if (text == null || !text.contains("://")) {
      return text;
    }
    Matcher urls = URL.matcher(text);
    StringBuilder out = new StringBuilder();
    while (urls.find()) {
      urls.appendReplacement(out, Matcher.quoteReplacement(cleanUrl(urls.group())));
    }
    urls.appendTail(out);
    return out.toString();
  }

  /** Scheme, host, port and path of {@code url}; what follows is masked. */
  private static String cleanUrl(String url) {
    int authority = url.indexOf("://") + 3;
    int pathStart = indexOfAny(url, "/?#", authority);
    String host = url.substring(authority, pathStart);
    int at = host.lastIndexOf('@');
    String cleaned = url.substring(0, authority) + (at < 0 ? host : MASK + "@" + host.substring(at + 1));
    int queryStart = indexOfAny(url, "?#", pathStart);
    cleaned += url.substring(pathStart, queryStart);
    return queryStart < url.length() ? cleaned + url.charAt(queryStart) + MASK : cleaned;
  }

  private static int indexOfAny(String text, String characters, int from) {
    for (int i = from; i < text.length(); i++) {
      if (characters.indexOf(text.charAt(i)) >= 0) {
        return i;
      }
    }
    return text.length();
  }

  /** How many secrets, never which. */
  @Override
  public String toString() {
    return "Secrets[" + values.size() + "]";
  }
}
