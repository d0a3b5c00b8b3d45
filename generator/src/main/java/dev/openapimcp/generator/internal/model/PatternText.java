package dev.openapimcp.generator.internal.model;

import java.util.Locale;

/** Code points written so that {@code java.util.regex} and ECMA-262 ({@code u} flag) read them alike. */
final class PatternText {

  /** ECMA-262's SyntaxCharacter and {@code /}: the characters it lets a backslash escape. */
  private static final String SYNTAX = "^$\\.*+?()[]{}|/";

  private PatternText() {}

  /** Whether ECMA-262 takes {@code \c} for this character ({@code u} flag: only syntax characters). */
  static boolean isSyntax(int codePoint) {
    return codePoint < 128 && SYNTAX.indexOf(codePoint) >= 0;
  }

  /** {@code codePoint} as a literal outside a class. */
  static String literal(int codePoint) {
    if (isSyntax(codePoint)) {
      return "\\" + (char) codePoint;
    }
    return printable(codePoint) ? String.valueOf((char) codePoint) : escaped(codePoint);
  }

  /**
   * {@code codePoint} inside a class: besides the syntax characters, {@code -} is escaped, and
   * {@code &} is written as {@code \x26} so that two never read as Java's intersection.
   */
  static String inClass(int codePoint) {
    if (codePoint == '-' || isSyntax(codePoint)) {
      return "\\" + (char) codePoint;
    }
    if (codePoint == '&') {
      return "\\x26";
    }
    return printable(codePoint) ? String.valueOf((char) codePoint) : escaped(codePoint);
  }

  private static boolean printable(int codePoint) {
    return codePoint >= 0x20 && codePoint < 0x7F;
  }

  /** {@code \xHH}, a UTF-16 escape, or for a supplementary code point its surrogate pair as two escapes. */
  private static String escaped(int codePoint) {
    if (codePoint < 0x100) {
      return String.format(Locale.ROOT, "\\x%02X", codePoint);
    }
    if (codePoint <= Character.MAX_VALUE) {
      return String.format(Locale.ROOT, "\\u%04X", codePoint);
    }
    return escaped(Character.highSurrogate(codePoint)) + escaped(Character.lowSurrogate(codePoint));
  }
}
