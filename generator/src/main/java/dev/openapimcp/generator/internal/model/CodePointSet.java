package dev.openapimcp.generator.internal.model;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A set of code points as sorted ranges, taken from what a {@code java.util.regex} character class
 * matches, and written back as a class both {@code java.util.regex} and ECMA-262 (with the
 * {@code u} flag) read as the same set.
 */
final class CodePointSet {

  private static final int MAX_CODE_POINT = Character.MAX_CODE_POINT;

  /** Inclusive bounds, {@code lo0, hi0, lo1, hi1, ...}, ascending and not touching. */
  private final int[] bounds;

  private CodePointSet(int[] bounds) {
    this.bounds = bounds;
  }

  /** A reusable one-code-point text, so a scan allocates nothing per code point. */
  private static final class OneCodePoint implements CharSequence {
    private final char[] chars = new char[2];
    private int length;

    void set(int codePoint) {
      length = Character.toChars(codePoint, chars, 0);
    }

    @Override
    public int length() {
      return length;
    }

    @Override
    public char charAt(int index) {
      return chars[index];
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new String(chars, start, end - start);
    }

    @Override
    public String toString() {
      return new String(chars, 0, length);
    }
  }

  /**
   * The code points {@code atom} (a pattern matching one code point) matches, asking Java's own
   * engine for each of the 1,114,112 (40 to 85 ms; the set is then exactly what Java means, case
   * folding, POSIX classes and intersections included).
   */
  static CodePointSet matchedBy(Pattern atom) {
    Matcher matcher = atom.matcher("");
    OneCodePoint text = new OneCodePoint();
    List<Integer> bounds = new ArrayList<>();
    boolean inside = false;
    for (int codePoint = 0; codePoint <= MAX_CODE_POINT; codePoint++) {
      text.set(codePoint);
      boolean matches = matcher.reset(text).matches();
      if (matches != inside) {
        bounds.add(matches ? codePoint : codePoint - 1);
        inside = matches;
      }
    }
    if (inside) {
      bounds.add(MAX_CODE_POINT);
    }
    return new CodePointSet(bounds.stream().mapToInt(Integer::intValue).toArray());
  }

  private int ranges() {
    return bounds.length / 2;
  }

  private CodePointSet complement() {
    List<Integer> out = new ArrayList<>();
    int next = 0;
    for (int i = 0; i < bounds.length; i += 2) {
      if (bounds[i] > next) {
        out.add(next);
        out.add(bounds[i] - 1);
      }
      next = bounds[i + 1] + 1;
    }
    if (next <= MAX_CODE_POINT) {
      out.add(next);
      out.add(MAX_CODE_POINT);
    }
    return new CodePointSet(out.stream().mapToInt(Integer::intValue).toArray());
  }

  /**
   * The set as a character class, listing it or its complement, whichever is shorter; {@code null}
   * when that takes more than {@code maxRanges} ranges.
   */
  String toClass(int maxRanges) {
    if (ranges() == 0) {
      return "[^\\s\\S]";
    }
    CodePointSet complement = complement();
    if (complement.ranges() == 0) {
      return "[\\s\\S]";
    }
    boolean negate = complement.ranges() < ranges();
    CodePointSet listed = negate ? complement : this;
    if (listed.ranges() > maxRanges) {
      return null;
    }
    return "[" + (negate ? "^" : "") + listed.items() + "]";
  }

  /**
   * The ranges as class items. Ranges starting with a low surrogate come first: after a lone high
   * surrogate, both engines would read the pair of escapes as one supplementary code point.
   */
  private String items() {
    StringBuilder lowSurrogates = new StringBuilder();
    StringBuilder rest = new StringBuilder();
    for (int i = 0; i < bounds.length; i += 2) {
      int lo = bounds[i];
      int hi = bounds[i + 1];
      StringBuilder into = lo <= Character.MAX_VALUE && Character.isLowSurrogate((char) lo) ? lowSurrogates : rest;
      into.append(PatternText.inClass(lo));
      if (hi > lo + 1) {
        into.append('-');
      }
      if (hi > lo) {
        into.append(PatternText.inClass(hi));
      }
    }
    return lowSurrogates.append(rest).toString();
  }
}
