package dev.openapimcp.generator.internal.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A {@code java.util.regex} pattern (one Java compiles) read into a tree whose every part knows
 * its source text when ECMA-262 ({@code u} flag) reads that text the same way, and otherwise what
 * it means. Parts with no counterpart there are refused with {@link Unsupported}.
 */
final class PatternSyntax {

  /** A part of the pattern that has no ECMA-262 counterpart; the message names it. */
  static final class Unsupported extends Exception {
    private static final long serialVersionUID = 1L;

    Unsupported(String reason) {
      super(reason, null, false, false);
    }
  }

  sealed interface Node permits Alternation, Sequence, Group, Quantified, Literal, CharSet, Assertion,
      BackReference {}

  record Alternation(List<Sequence> options) implements Node {}

  record Sequence(List<Node> items) implements Node {}

  enum GroupKind {
    CAPTURE("("), PLAIN("(?:"), AHEAD("(?="), NOT_AHEAD("(?!"), BEHIND("(?<="), NOT_BEHIND("(?<!"), ATOMIC("(?>");

    final String opening;

    GroupKind(String opening) {
      this.opening = opening;
    }
  }

  /** A group; {@code number} counts capturing groups from 1 (0 for others), {@code name} may be null. */
  record Group(GroupKind kind, String name, int number, Alternation body) implements Node {}

  /** {@code quantifier} as written ({@code *}, {@code {2,5}?}), without a possessive {@code +}. */
  record Quantified(Node atom, String quantifier, boolean possessive) implements Node {}

  /**
   * One code point.
   *
   * @param source its text when ECMA-262 reads it alike, else {@code null}
   * @param flags the Java flags in force ({@link Pattern#CASE_INSENSITIVE}, {@link Pattern#UNICODE_CASE})
   */
  record Literal(int codePoint, String source, int flags) implements Node {}

  /**
   * A class of code points: {@code [...]}, {@code .}, {@code \d}, {@code \p{...}}.
   *
   * @param source its Java text
   * @param common text ECMA-262 and Java read as the same set, or {@code null} to compute the set
   * @param flags the Java flags in force
   */
  record CharSet(String source, String common, int flags) implements Node {}

  /** A zero-width assertion, as written for both engines. */
  record Assertion(String text) implements Node {}

  /** {@code \1} (by {@code number}) or {@code \k<name>} (by {@code name}, number 0). */
  record BackReference(int number, String name) implements Node {}

  private static final int SUPPORTED_FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL;
  /** General categories both engines know by these names. */
  private static final Set<String> CATEGORIES = Set.of(
      "L", "LC", "Lu", "Ll", "Lt", "Lm", "Lo", "M", "Mn", "Mc", "Me", "N", "Nd", "Nl", "No", "P", "Pc", "Pd", "Ps",
      "Pe", "Pi", "Pf", "Po", "S", "Sm", "Sc", "Sk", "So", "Z", "Zs", "Zl", "Zp", "C", "Cc", "Cf", "Cs", "Co", "Cn");
  /** Java's binary properties ({@code \p{IsAlphabetic}}): not scripts, though spelled like them. */
  private static final Set<String> BINARY_PROPERTIES = Set.of(
      "ALPHABETIC", "ASSIGNED", "CONTROL", "EMOJI", "EMOJI_PRESENTATION", "EMOJI_MODIFIER", "EMOJI_MODIFIER_BASE",
      "EMOJI_COMPONENT", "EXTENDED_PICTOGRAPHIC", "HEXDIGIT", "HEX_DIGIT", "IDEOGRAPHIC", "JOINCONTROL",
      "JOIN_CONTROL", "LETTER", "LOWERCASE", "NONCHARACTERCODEPOINT", "NONCHARACTER_CODE_POINT", "TITLECASE",
      "PUNCTUATION", "UPPERCASE", "WHITESPACE", "WHITE_SPACE", "WORD", "ALNUM", "BLANK", "GRAPH", "PRINT", "DIGIT");
  /** Java's {@code \Z}: the end, or before a line terminator that ends the input ({@code \r\n} counting as one). */
  static final String END_BUT_FOR_TERMINATOR = "(?=(?:\\r\\n|(?<!\\r)\\n|[\\r\\x85\\u2028\\u2029])?(?![\\s\\S]))";

  private final String pattern;
  private int at;
  private int flags;
  private int groups;
  private final Set<Integer> closedGroups = new HashSet<>();
  private final Set<String> closedNames = new HashSet<>();

  private PatternSyntax(String pattern) {
    this.pattern = pattern;
  }

  /** The tree of {@code pattern}, which {@link Pattern#compile} accepts. */
  static Alternation parse(String pattern) throws Unsupported {
    PatternSyntax syntax = new PatternSyntax(pattern);
    Alternation tree = syntax.alternation();
    if (syntax.at < pattern.length()) {
      throw new Unsupported("an unmatched ')'");
    }
    return tree;
  }

  private boolean more() {
    return at < pattern.length();
  }

  private char peek() {
    return pattern.charAt(at);
  }

  private boolean lookingAt(String text) {
    return pattern.startsWith(text, at);
  }

  private Alternation alternation() throws Unsupported {
    List<Sequence> options = new ArrayList<>();
    options.add(sequence());
    while (more() && peek() == '|') {
      at++;
      options.add(sequence());
    }
    return new Alternation(options);
  }

  private Sequence sequence() throws Unsupported {
    List<Node> items = new ArrayList<>();
    while (more() && peek() != '|' && peek() != ')') {
      if (lookingAt("\\Q")) {
        quoted(items);
      } else {
        Node atom = atom();
        if (atom != null) {
          items.add(atom);
        }
      }
      if (more() && "*+?{".indexOf(peek()) >= 0) {
        if (items.isEmpty()) {
          throw new Unsupported("a quantifier with nothing before it");
        }
        items.add(quantified(items.remove(items.size() - 1)));
      }
    }
    return new Sequence(items);
  }

  /** {@code \Q...\E}: each character a literal (a quantifier after it applies to the last). */
  private void quoted(List<Node> items) {
    int end = pattern.indexOf("\\E", at + 2);
    String text = pattern.substring(at + 2, end < 0 ? pattern.length() : end);
    at = end < 0 ? pattern.length() : end + 2;
    text.codePoints().forEach(codePoint -> items.add(new Literal(codePoint, null, flags)));
  }

  private Node quantified(Node atom) throws Unsupported {
    if (atom instanceof Assertion || atom instanceof Group group && group.kind() != GroupKind.CAPTURE
        && group.kind() != GroupKind.PLAIN && group.kind() != GroupKind.ATOMIC) {
      throw new Unsupported("a quantified assertion");
    }
    int start = at;
    if (peek() == '{') {
      at = pattern.indexOf('}', at) + 1;
    } else {
      at++;
    }
    boolean possessive = false;
    if (more() && peek() == '?') {
      at++;
    } else if (more() && peek() == '+') {
      possessive = true;
      at++;
    }
    String quantifier = pattern.substring(start, possessive ? at - 1 : at);
    return new Quantified(atom, quantifier, possessive);
  }

  private Node atom() throws Unsupported {
    char c = peek();
    switch (c) {
      case '(':
        return group();
      case '[':
        return charClass();
      case '.':
        at++;
        return new CharSet(".", (flags & Pattern.DOTALL) != 0 ? "[\\s\\S]" : ".", flags);
      case '^':
      case '$':
        at++;
        return new Assertion(String.valueOf(c));
      case '\\':
        return escape();
      default:
        int codePoint = pattern.codePointAt(at);
        at += Character.charCount(codePoint);
        // Java takes a lone ] or } as itself; ECMA-262 (u flag) refuses both.
        return new Literal(codePoint, c == ']' || c == '}' ? null : Character.toString(codePoint), flags);
    }
  }

  private Node group() throws Unsupported {
    at++;
    GroupKind kind = GroupKind.CAPTURE;
    String name = null;
    int saved = flags;
    if (lookingAt("?")) {
      if (lookingAt("?:")) {
        kind = GroupKind.PLAIN;
      } else if (lookingAt("?=")) {
        kind = GroupKind.AHEAD;
      } else if (lookingAt("?!")) {
        kind = GroupKind.NOT_AHEAD;
      } else if (lookingAt("?<=")) {
        kind = GroupKind.BEHIND;
      } else if (lookingAt("?<!")) {
        kind = GroupKind.NOT_BEHIND;
      } else if (lookingAt("?>")) {
        kind = GroupKind.ATOMIC;
      } else if (lookingAt("?<")) {
        int end = pattern.indexOf('>', at);
        name = pattern.substring(at + 2, end);
        at = end + 1;
      } else {
        return flagGroup(saved);
      }
      if (name == null) {
        at += kind.opening.length() - 1;
      }
    }
    int number = kind == GroupKind.CAPTURE ? ++groups : 0;
    Alternation body = alternation();
    at++;
    flags = saved;
    if (number > 0) {
      closedGroups.add(number);
      if (name != null) {
        closedNames.add(name);
      }
    }
    return new Group(kind, name, number, body);
  }

  /** {@code (?i)} (for the rest of the enclosing group) or {@code (?i:...)}; {@code null} for the former. */
  private Node flagGroup(int saved) throws Unsupported {
    at++;
    boolean on = true;
    int changed = flags;
    while (more() && peek() != ')' && peek() != ':') {
      char flag = peek();
      int bit = switch (flag) {
        case 'i' -> Pattern.CASE_INSENSITIVE;
        case 'u' -> Pattern.UNICODE_CASE;
        case 's' -> Pattern.DOTALL;
        case 'm' -> Pattern.MULTILINE;
        case 'x' -> Pattern.COMMENTS;
        case 'd' -> Pattern.UNIX_LINES;
        case 'U' -> Pattern.UNICODE_CHARACTER_CLASS;
        default -> 0;
      };
      if (flag == '-') {
        on = false;
      } else if ((bit & SUPPORTED_FLAGS) == 0) {
        throw new Unsupported("the inline flag (?" + flag + ")");
      } else {
        changed = on ? changed | bit : changed & ~bit;
      }
      at++;
    }
    if (peek() == ')') {
      at++;
      flags = changed;
      return null;
    }
    at++;
    flags = changed;
    Alternation body = alternation();
    at++;
    flags = saved;
    return new Group(GroupKind.PLAIN, null, 0, body);
  }

  private Node escape() throws Unsupported {
    int start = at;
    at++;
    char c = peek();
    at++;
    switch (c) {
      case 't', 'n', 'r', 'f':
        return new Literal("\t\n\r\f".charAt("tnrf".indexOf(c)), pattern.substring(start, at), flags);
      case 'a':
        return new Literal(7, null, flags);
      case 'e':
        return new Literal(0x1B, null, flags);
      case '0':
        return new Literal(octal(), null, flags);
      case 'x':
        return hex(start);
      case 'u':
        return unicode(start);
      case 'c': {
        char control = peek();
        at++;
        // Java flips bit 6 (\cj is '*'); ECMA-262 takes the letter modulo 32: the same for A-Z only.
        return new Literal(control ^ 64, control >= 'A' && control <= 'Z' ? pattern.substring(start, at) : null,
            flags);
      }
      case 'N': {
        int end = pattern.indexOf('}', at);
        String name = pattern.substring(at + 1, end);
        at = end + 1;
        return new Literal(Character.codePointOf(name), null, flags);
      }
      case 'd', 'D', 'w', 'W', 's', 'S':
        return new CharSet(pattern.substring(start, at), pattern.substring(start, at), flags);
      case 'h', 'H', 'v', 'V':
        return new CharSet(pattern.substring(start, at), null, flags);
      case 'p', 'P':
        return property(start, c == 'P');
      case 'b':
        if (more() && peek() == '{') {
          throw new Unsupported("the grapheme boundary \\b{g}");
        }
        return new Assertion("\\b");
      case 'B':
        return new Assertion("\\B");
      case 'A':
        return new Assertion("^");
      case 'z':
        return new Assertion("(?![\\s\\S])");
      case 'Z':
        return new Assertion(END_BUT_FOR_TERMINATOR);
      case 'G':
        throw new Unsupported("\\G (the end of the previous match)");
      case 'R':
        throw new Unsupported("\\R (a line break sequence)");
      case 'X':
        throw new Unsupported("\\X (a grapheme cluster)");
      case 'k':
        return namedReference();
      default:
        if (c >= '1' && c <= '9') {
          return reference(c - '0');
        }
        if (Character.isLetterOrDigit(c)) {
          throw new Unsupported("the escape \\" + c);
        }
        at = start + 1;
        int codePoint = pattern.codePointAt(at);
        at += Character.charCount(codePoint);
        return new Literal(codePoint, PatternText.isSyntax(codePoint) ? pattern.substring(start, at) : null, flags);
    }
  }

  /** Java's {@code \0n}, {@code \0nn}, {@code \0mnn} (m at most 3). */
  private int octal() {
    int value = 0;
    int digits = 0;
    while (more() && digits < 3 && peek() >= '0' && peek() <= '7') {
      int next = value * 8 + (peek() - '0');
      if (next > 0377) {
        break;
      }
      value = next;
      digits++;
      at++;
    }
    return value;
  }

  private Node hex(int start) {
    if (peek() == '{') {
      int end = pattern.indexOf('}', at);
      int codePoint = Integer.parseInt(pattern.substring(at + 1, end), 16);
      at = end + 1;
      return new Literal(codePoint, null, flags);
    }
    at += 2;
    return new Literal(Integer.parseInt(pattern.substring(at - 2, at), 16), pattern.substring(start, at), flags);
  }

  /** A UTF-16 escape, or two forming a surrogate pair, which both engines read as one code point. */
  private Node unicode(int start) {
    char unit = (char) Integer.parseInt(pattern.substring(at, at + 4), 16);
    at += 4;
    if (Character.isHighSurrogate(unit) && lookingAt("\\u") && at + 6 <= pattern.length()) {
      char low = (char) Integer.parseInt(pattern.substring(at + 2, at + 6), 16);
      if (Character.isLowSurrogate(low)) {
        at += 6;
        return new Literal(Character.toCodePoint(unit, low), pattern.substring(start, at), flags);
      }
    }
    return new Literal(unit, pattern.substring(start, at), flags);
  }

  private Node property(int start, boolean negated) throws Unsupported {
    String name;
    if (peek() == '{') {
      int end = pattern.indexOf('}', at);
      name = pattern.substring(at + 1, end);
      at = end + 1;
    } else {
      name = String.valueOf(peek());
      at++;
    }
    String common = (flags & Pattern.CASE_INSENSITIVE) != 0 ? null : commonProperty(name);
    return new CharSet(pattern.substring(start, at), common == null ? null
        : (negated ? "\\P{" : "\\p{") + common + "}", flags);
  }

  /**
   * The name both engines read as the same property: a general category ({@code Lu}, also Java's
   * {@code IsLu}, {@code gc=Lu}), a script as {@code sc=Latin} (Java's {@code IsLatin},
   * {@code script=latin}), or {@code ASCII}; {@code null} for the rest (POSIX classes such as
   * {@code Alpha}, which ECMA-262 reads as Unicode properties, blocks, binary properties).
   */
  private static String commonProperty(String name) {
    if (CATEGORIES.contains(name) || name.equals("ASCII")) {
      return name;
    }
    int equals = name.indexOf('=');
    String key = equals < 0 ? "" : name.substring(0, equals).toLowerCase(Locale.ROOT);
    String value = equals < 0 ? name : name.substring(equals + 1);
    if (key.equals("gc") || key.equals("general_category")) {
      return CATEGORIES.contains(value) ? value : null;
    }
    if (key.equals("sc") || key.equals("script")) {
      return script(value);
    }
    if (key.isEmpty() && name.startsWith("Is")) {
      String rest = name.substring(2);
      if (CATEGORIES.contains(rest)) {
        return rest;
      }
      return BINARY_PROPERTIES.contains(rest.toUpperCase(Locale.ROOT)) ? null : script(rest);
    }
    return null;
  }

  /** {@code sc=} and the script's Unicode name ({@code Old_Italic}), or {@code null} when Java knows none. */
  private static String script(String name) {
    Character.UnicodeScript script;
    try {
      script = Character.UnicodeScript.forName(name);
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (script == Character.UnicodeScript.SIGNWRITING) {
      return "sc=SignWriting";
    }
    StringBuilder canonical = new StringBuilder();
    for (String word : script.name().split("_")) {
      canonical.append(canonical.length() == 0 ? "" : "_").append(word.charAt(0))
          .append(word.substring(1).toLowerCase(Locale.ROOT));
    }
    return "sc=" + canonical;
  }

  /** Java reads as many digits as name a group opened so far. */
  private Node reference(int first) throws Unsupported {
    int number = first;
    while (more() && Character.isDigit(peek()) && number * 10 + (peek() - '0') <= groups) {
      number = number * 10 + (peek() - '0');
      at++;
    }
    return checkedReference(number, null, closedGroups.contains(number));
  }

  private Node namedReference() throws Unsupported {
    int end = pattern.indexOf('>', at);
    String name = pattern.substring(at + 1, end);
    at = end + 1;
    return checkedReference(0, name, closedNames.contains(name));
  }

  private Node checkedReference(int number, String name, boolean closed) throws Unsupported {
    if (!closed) {
      // Java never matches it; ECMA-262 matches the empty string (or refuses the pattern).
      throw new Unsupported("a reference to a group not closed before it");
    }
    if ((flags & Pattern.CASE_INSENSITIVE) != 0) {
      throw new Unsupported("a case-insensitive back reference");
    }
    return new BackReference(number, name);
  }

  private Node charClass() throws Unsupported {
    int start = at;
    at = classEnd(start);
    String source = pattern.substring(start, at);
    boolean folds = (flags & Pattern.CASE_INSENSITIVE) != 0;
    return new CharSet(source, folds ? null : PatternClass.common(source), flags);
  }

  /** The index after the {@code ]} closing the class opened at {@code start}, as Java reads it. */
  private int classEnd(int start) throws Unsupported {
    int i = start + 1;
    if (i < pattern.length() && pattern.charAt(i) == '^') {
      i++;
    }
    boolean first = true;
    while (i < pattern.length()) {
      char c = pattern.charAt(i);
      if (c == '\\') {
        i = PatternClass.escapeEnd(pattern, i);
      } else if (c == '[') {
        i = classEnd(i);
      } else if (c == ']' && !first) {
        return i + 1;
      } else {
        i++;
      }
      first = false;
    }
    throw new Unsupported("an unclosed class");
  }
}
