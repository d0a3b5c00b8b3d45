package dev.openapimcp.generator.internal.model;

/**
 * A {@code java.util.regex} character class written so that ECMA-262 ({@code u} flag) reads it as
 * the same set, item by item, when that is possible without knowing the set: literals, ranges of
 * literals, {@code \d \w \s} and their negations, categories both know. Nested classes,
 * intersections ({@code &&}), POSIX and other Java-only properties, and dashes next to a class
 * escape are left to {@link CodePointSet}.
 */
final class PatternClass {

  /** One item: a code point ({@code codePoint >= 0}) or a class escape, and its text for both engines. */
  private record Item(int codePoint, String text, int end) {
    boolean single() {
      return codePoint >= 0;
    }
  }

  private PatternClass() {}

  /** {@code source} (a whole class, {@code [...]}) as both engines read it alike, or {@code null}. */
  static String common(String source) {
    StringBuilder out = new StringBuilder("[");
    int last = source.length() - 1;
    int i = 1;
    if (source.charAt(i) == '^') {
      out.append('^');
      i++;
    }
    int first = i;
    boolean afterRange = false;
    while (i < last) {
      Item left = item(source, i, i == first);
      if (left == null) {
        return null;
      }
      i = left.end();
      if (left.single() && i < last - 1 && source.charAt(i) == '-') {
        Item right = item(source, i + 1, false);
        if (right == null || !right.single()) {
          return null;
        }
        out.append(left.text()).append('-').append(right.text());
        i = right.end();
        afterRange = true;
        continue;
      }
      if (left.codePoint() == '-' && left.text().equals("-") && !(left.end() == first + 1 || i == last || afterRange)) {
        // A dash between two items: which of them it joins is where the engines may differ.
        return null;
      }
      if (!left.single() && i < last && source.charAt(i) == '-') {
        // [\w-a]: Java takes the dash as itself, ECMA-262 refuses the pattern.
        return null;
      }
      out.append(left.text());
      afterRange = false;
    }
    return out.append(']').toString();
  }

  /** The item at {@code i}, or {@code null} when the class needs its set computed. */
  private static Item item(String source, int i, boolean first) {
    char c = source.charAt(i);
    if (c == '[' || c == '&' && source.charAt(i + 1) == '&') {
      return null;
    }
    if (c != '\\') {
      int codePoint = source.codePointAt(i);
      int end = i + Character.charCount(codePoint);
      // A ] first is Java's literal and ECMA-262's empty class.
      String text = c == ']' && first ? "\\]" : source.substring(i, end);
      return new Item(codePoint, text, end);
    }
    char e = source.charAt(i + 1);
    int end = escapeEnd(source, i);
    String text = source.substring(i, end);
    switch (e) {
      case 'd', 'D', 'w', 'W', 's', 'S':
        return new Item(-1, text, end);
      case 't':
        return new Item('\t', text, end);
      case 'n':
        return new Item('\n', text, end);
      case 'r':
        return new Item('\r', text, end);
      case 'f':
        return new Item('\f', text, end);
      case 'x':
        return text.length() == 4 ? new Item(Integer.parseInt(text.substring(2), 16), text, end) : null;
      case 'u': {
        char unit = (char) Integer.parseInt(text.substring(2), 16);
        if (Character.isHighSurrogate(unit) && source.startsWith("\\u", end) && end + 6 <= source.length()) {
          char low = (char) Integer.parseInt(source.substring(end + 2, end + 6), 16);
          if (Character.isLowSurrogate(low)) {
            // Both engines read an escaped surrogate pair as one code point.
            return new Item(Character.toCodePoint(unit, low), source.substring(i, end + 6), end + 6);
          }
        }
        return new Item(unit, text, end);
      }
      case 'p', 'P':
        return categoryItem(text, end);
      default:
        if (Character.isLetterOrDigit(e)) {
          return null;
        }
        int codePoint = source.codePointAt(i + 1);
        // Besides syntax characters, ECMA-262 lets a class escape only '-'.
        return new Item(codePoint, codePoint == '-' || PatternText.isSyntax(codePoint) ? text
            : PatternText.inClass(codePoint), end);
    }
  }

  private static Item categoryItem(String text, int end) {
    String name = text.length() > 3 && text.charAt(2) == '{' ? text.substring(3, text.length() - 1) : null;
    return name != null && (name.equals("ASCII") || name.matches("L[ultmoC]?|M[nce]?|N[dlo]?|P[cdseifo]?|S[mcko]?"
        + "|Z[slp]?|C[cfson]?")) ? new Item(-1, text, end) : null;
  }

  /** The index after the escape starting with the backslash at {@code i}. */
  static int escapeEnd(String pattern, int i) {
    char e = i + 1 < pattern.length() ? pattern.charAt(i + 1) : '\\';
    if (e == 'Q') {
      int end = pattern.indexOf("\\E", i + 2);
      return end < 0 ? pattern.length() : end + 2;
    }
    if ((e == 'p' || e == 'P' || e == 'x' || e == 'N') && i + 2 < pattern.length() && pattern.charAt(i + 2) == '{') {
      return pattern.indexOf('}', i + 2) + 1;
    }
    if (e == 'p' || e == 'P' || e == 'c') {
      return i + 3;
    }
    if (e == 'x') {
      return i + 4;
    }
    if (e == 'u') {
      return i + 6;
    }
    if (e == '0') {
      int end = i + 2;
      while (end < pattern.length() && end < i + 5 && pattern.charAt(end) >= '0' && pattern.charAt(end) <= '7') {
        end++;
      }
      return end;
    }
    return i + 1 + Character.charCount(pattern.codePointAt(i + 1));
  }
}
