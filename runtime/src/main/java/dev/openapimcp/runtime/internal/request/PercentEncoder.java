package dev.openapimcp.runtime.internal.request;

import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding for URLs. {@link #encode} encodes every byte except RFC 3986 unreserved
 * characters ({@code A-Za-z0-9-._~}): stricter than {@code URLEncoder} (which writes {@code +} for
 * space and keeps {@code *}), so the result is safe in a path segment, a query name or value, and a
 * form body alike. {@link #encodePath} is for the fixed parts of a spec's path.
 */
final class PercentEncoder {

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private PercentEncoder() {}

  static String encode(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      if (!isUnreserved(text.charAt(i))) {
        out = new StringBuilder(text.length() + 16).append(text, 0, i);
        for (byte b : text.substring(i).getBytes(StandardCharsets.UTF_8)) {
          if (isUnreserved((char) b)) {
            out.append((char) b);
          } else {
            out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
          }
        }
        break;
      }
    }
    return out == null ? text : out.toString();
  }

  /**
   * The fixed text of a spec's path as it may stand in a URL: what RFC 3986 allows in a path
   * ({@code /}, unreserved and sub-delimiter characters, {@code :} and {@code @}) and existing
   * {@code %XX} escapes stay as written, since a spec that writes {@code a%20b} means the escape;
   * every other byte of the UTF-8 text is encoded ({@code [} as {@code %5B}, a {@code %} that starts no
   * escape as {@code %25}, {@code ?} and {@code #}, which would end the path, spaces, non-ASCII).
   * Without this a path such as {@code /v1/items[0]} made {@code URI.create} fail with a message quoting
   * the whole URL, API key in the query included.
   */
  static String encodePath(String path) {
    for (int i = 0; i < path.length(); i++) {
      if (!isPathCharacter(path, i)) {
        return encodePathFrom(path, i);
      }
    }
    return path;
  }

  private static String encodePathFrom(String path, int first) {
    StringBuilder out = new StringBuilder(path.length() + 16).append(path, 0, first);
    int i = first;
    while (i < path.length()) {
      if (isPathCharacter(path, i)) {
        out.append(path.charAt(i++));
        continue;
      }
      int end = i + 1;
      if (Character.isHighSurrogate(path.charAt(i)) && end < path.length()
          && Character.isLowSurrogate(path.charAt(end))) {
        end++;
      }
      for (byte b : path.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
        out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
      }
      i = end;
    }
    return out.toString();
  }

  /** Whether the character at {@code i} may stay as it is in a path: a pchar, {@code /}, or a valid escape's {@code %}. */
  private static boolean isPathCharacter(String path, int i) {
    char c = path.charAt(i);
    if (c == '%') {
      return i + 2 < path.length() && isHex(path.charAt(i + 1)) && isHex(path.charAt(i + 2));
    }
    return isUnreserved(c) || c == '/' || c == ':' || c == '@' || c == '!' || c == '$' || c == '&' || c == '\''
        || c == '(' || c == ')' || c == '*' || c == '+' || c == ',' || c == ';' || c == '=';
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static boolean isUnreserved(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '.'
        || c == '_'
        || c == '~';
  }
}
