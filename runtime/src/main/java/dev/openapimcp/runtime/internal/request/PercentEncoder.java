package dev.openapimcp.runtime.internal.request;

import java.nio.charset.StandardCharsets;

/**
 * Percent-encodes every byte except RFC 3986 unreserved characters ({@code A-Za-z0-9-._~}). Stricter
 * than {@code URLEncoder} (which writes {@code +} for space and keeps {@code *}), so the result is
 * safe in a path segment, a query name or value, and a form body alike.
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
