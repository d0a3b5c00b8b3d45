package dev.openapimcp.runtime.internal.resource;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A URI template of RFC 6570 level 1 ({@code {name}} expressions only) read backwards: which values
 * a URI gives its variables. A simple expansion percent-encodes everything but unreserved
 * characters, so a value is one path segment's worth of characters, decoded here; a URI whose value
 * would hold a {@code /}, {@code ?} or {@code #} unencoded does not match.
 */
final class UriTemplate {

  private static final Pattern EXPRESSION = Pattern.compile("\\{([^}]+)}");

  private final List<String> variables;
  private final Pattern pattern;

  UriTemplate(String template, List<String> variables) {
    this.variables = List.copyOf(variables);
    StringBuilder regex = new StringBuilder();
    Matcher matcher = EXPRESSION.matcher(template);
    int end = 0;
    while (matcher.find()) {
      regex.append(Pattern.quote(template.substring(end, matcher.start()))).append("([^/?#]+)");
      end = matcher.end();
    }
    regex.append(Pattern.quote(template.substring(end)));
    this.pattern = Pattern.compile(regex.toString());
  }

  /**
   * The variables' values in {@code uri}, decoded, or {@code null} when it does not match (or a
   * value is not UTF-8 text once decoded).
   */
  Map<String, Object> match(String uri) {
    Matcher matcher = pattern.matcher(uri);
    if (!matcher.matches()) {
      return null;
    }
    Map<String, Object> values = new LinkedHashMap<>();
    for (int i = 0; i < variables.size(); i++) {
      String value = decode(matcher.group(i + 1));
      if (value == null) {
        return null;
      }
      values.put(variables.get(i), value);
    }
    return values;
  }

  /** Percent-decodes {@code text} ({@code +} stays a plus, as in any URI path), or {@code null} when malformed. */
  static String decode(String text) {
    if (text.indexOf('%') < 0) {
      return text;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
    int i = 0;
    while (i < text.length()) {
      if (text.charAt(i) != '%') {
        int codePoint = text.codePointAt(i);
        bytes.writeBytes(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
        i += Character.charCount(codePoint);
        continue;
      }
      int high = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
      int low = i + 2 < text.length() ? Character.digit(text.charAt(i + 2), 16) : -1;
      if (high < 0 || low < 0) {
        return null;
      }
      bytes.write(high * 16 + low);
      i += 3;
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
