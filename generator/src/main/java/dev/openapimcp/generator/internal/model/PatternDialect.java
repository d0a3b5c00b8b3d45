package dev.openapimcp.generator.internal.model;

import dev.openapimcp.generator.internal.model.PatternSyntax.Alternation;
import dev.openapimcp.generator.internal.model.PatternSyntax.Assertion;
import dev.openapimcp.generator.internal.model.PatternSyntax.BackReference;
import dev.openapimcp.generator.internal.model.PatternSyntax.CharSet;
import dev.openapimcp.generator.internal.model.PatternSyntax.Group;
import dev.openapimcp.generator.internal.model.PatternSyntax.GroupKind;
import dev.openapimcp.generator.internal.model.PatternSyntax.Literal;
import dev.openapimcp.generator.internal.model.PatternSyntax.Node;
import dev.openapimcp.generator.internal.model.PatternSyntax.Quantified;
import dev.openapimcp.generator.internal.model.PatternSyntax.Sequence;
import dev.openapimcp.generator.internal.model.PatternSyntax.Unsupported;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Schema {@code pattern}s as both sides read them. Specs write Java's dialect ({@code \p{Print}},
 * {@code [a&&[^b]]}, {@code \A...\z}, {@code [\-\_]}, possessive quantifiers, {@code (?i)}): 135
 * patterns of 88 real specs, mostly AWS's, which clients validating tools against JSON Schema
 * 2020-12 compile as ECMA-262 with the {@code u} flag (Ajv then refuses the whole tool list), while
 * the server validates arguments with {@code java.util.regex}. A pattern is kept as it is when
 * both read it alike; else rewritten into the syntax both share with the same meaning; else left
 * out (the API still checks its values).
 *
 * <p>Like the patterns kept as they are, rewritten ones keep {@code $}, {@code .}, {@code \s} and
 * {@code \b}, which the engines read alike but for a line terminator ending the value, U+0085,
 * spaces beyond ASCII and (Java 17's {@code \b}) letters beyond ASCII.
 */
final class PatternDialect {

  /** Ranges a computed class may list; more (a category under case folding) and the pattern is left out. */
  static final int MAX_RANGES = 48;
  /**
   * Classes computed per spec: each takes 40 to 85 ms (every code point through Java's engine), so a
   * spec of thousands of distinct odd classes could not stall generation.
   */
  static final int MAX_COMPUTED_CLASSES = 64;

  /** {@code /^...$/flags}: a body anchored at either end (so the slashes cannot be meant), known flags. */
  private static final Pattern REGEX_LITERAL = Pattern.compile("/(\\^.*|.*(?<!\\\\)\\$)/([dgimsuy]*)", Pattern.DOTALL);

  /**
   * What becomes of a pattern.
   *
   * @param pattern the pattern to use, or {@code null} when it is left out
   * @param problem why it is left out, or {@code null}
   */
  record Translation(String pattern, String problem) {}

  /** Computed classes by flags and Java text; {@code null} for sets of more than {@link #MAX_RANGES} ranges. */
  private final Map<String, String> computed = new HashMap<>();
  private final Map<String, Translation> translated = new HashMap<>();
  private final int maxComputedClasses;

  PatternDialect() {
    this(MAX_COMPUTED_CLASSES);
  }

  PatternDialect(int maxComputedClasses) {
    this.maxComputedClasses = maxComputedClasses;
  }

  Translation translate(String pattern) {
    return translated.computeIfAbsent(pattern, this::translateOnce);
  }

  /**
   * A JavaScript regular expression literal written as the pattern ({@code /^[a-z]+$/u}): read as
   * a pattern, it wants a slash before the start of the value (or after its end), so it refuses
   * every value the API accepts. The body is the pattern meant, with the flags that change what it
   * matches as inline flags ({@code i} folds case beyond ASCII in JavaScript, so it becomes Java's
   * {@code iu}; {@code s}, {@code m}); {@code u}, {@code g}, {@code y} and {@code d} change nothing
   * for a test of the whole value. {@code null} when {@code pattern} is no
   * such literal: a pattern like {@code /users/} means the slashes.
   */
  static String regexLiteralBody(String pattern) {
    Matcher literal = REGEX_LITERAL.matcher(pattern);
    if (!literal.matches()) {
      return null;
    }
    String body = literal.group(1);
    StringBuilder flags = new StringBuilder();
    for (char flag : literal.group(2).toCharArray()) {
      String inline = flag == 'i' ? "iu" : flag == 's' || flag == 'm' ? String.valueOf(flag) : "";
      if (!inline.isEmpty() && flags.indexOf(inline) < 0) {
        flags.append(inline);
      }
    }
    return flags.length() == 0 ? body : "(?" + flags + ")" + body;
  }

  private Translation translateOnce(String pattern) {
    String body = regexLiteralBody(pattern);
    if (body != null) {
      return translateOnce(body);
    }
    try {
      Pattern.compile(pattern);
    } catch (PatternSyntaxException e) {
      return new Translation(null, "the server's java.util.regex cannot read it: " + e.getDescription());
    }
    String result;
    try {
      result = new Writer().alternation(PatternSyntax.parse(pattern));
    } catch (Unsupported e) {
      return new Translation(null, e.getMessage() + " has no ECMA-262 counterpart");
    }
    try {
      Pattern.compile(result);
    } catch (PatternSyntaxException e) {
      return new Translation(null, "its translation " + result + " is no Java pattern");
    }
    return new Translation(result, null);
  }

  /** The tree in the syntax both engines share; capturing groups renumbered for the groups it adds. */
  private final class Writer {
    private int groups;
    private final Map<Integer, Integer> renumbered = new HashMap<>();

    String alternation(Alternation alternation) throws Unsupported {
      List<String> options = new ArrayList<>();
      for (Sequence option : alternation.options()) {
        options.add(sequence(option));
      }
      return String.join("|", options);
    }

    private String sequence(Sequence sequence) throws Unsupported {
      StringBuilder out = new StringBuilder();
      List<Node> items = sequence.items();
      for (int i = 0; i < items.size(); i++) {
        String text = node(items.get(i));
        if (i > 0 && items.get(i - 1) instanceof BackReference && !text.isEmpty() && Character.isDigit(text.charAt(0))) {
          // \1 followed by 0 would read as \10.
          out.append("(?:)");
        }
        out.append(text);
      }
      return out.toString();
    }

    private String node(Node node) throws Unsupported {
      if (node instanceof Group group) {
        return group(group);
      }
      if (node instanceof Quantified quantified) {
        if (!quantified.possessive()) {
          return node(quantified.atom()) + quantified.quantifier();
        }
        // Possessive: what the quantifier takes first, and no backtracking into it.
        int number = ++groups;
        return atomic(number, node(quantified.atom()) + quantified.quantifier());
      }
      if (node instanceof Literal literal) {
        return literal(literal);
      }
      if (node instanceof CharSet set) {
        return set.common() != null ? set.common() : computed(set.source(), set.flags());
      }
      if (node instanceof Assertion assertion) {
        return assertion.text();
      }
      BackReference reference = (BackReference) node;
      return reference.name() != null ? "\\k<" + reference.name() + ">" : "\\" + renumbered.get(reference.number());
    }

    private String group(Group group) throws Unsupported {
      if (group.kind() == GroupKind.ATOMIC) {
        int number = ++groups;
        return atomic(number, alternation(group.body()));
      }
      if (group.kind() == GroupKind.CAPTURE) {
        renumbered.put(group.number(), ++groups);
        return (group.name() == null ? "(" : "(?<" + group.name() + ">") + alternation(group.body()) + ")";
      }
      return group.kind().opening + alternation(group.body()) + ")";
    }

    /**
     * An atomic group in both engines' syntax: a lookahead finds what the group would match first
     * and, being atomic itself, never tries another way; the reference then takes exactly that.
     */
    private String atomic(int number, String body) {
      return "(?:(?=(" + body + "))\\" + number + ")";
    }

    private String literal(Literal literal) throws Unsupported {
      int codePoint = literal.codePoint();
      if ((literal.flags() & Pattern.CASE_INSENSITIVE) != 0) {
        if ((literal.flags() & Pattern.UNICODE_CASE) != 0) {
          return computed(Pattern.quote(Character.toString(codePoint)), literal.flags());
        }
        if (codePoint < 128 && Character.isLetter(codePoint)) {
          // Java folds ASCII letters only, unless UNICODE_CASE.
          return "[" + (char) Character.toLowerCase(codePoint) + (char) Character.toUpperCase(codePoint) + "]";
        }
      }
      return literal.source() != null ? literal.source() : PatternText.literal(codePoint);
    }

    private String computed(String javaText, int flags) throws Unsupported {
      String key = flags + " " + javaText;
      if (!computed.containsKey(key)) {
        if (computed.size() >= maxComputedClasses) {
          throw new Unsupported("the class " + javaText + " (more than " + maxComputedClasses
              + " distinct classes to compute in one spec)");
        }
        computed.put(key, CodePointSet.matchedBy(Pattern.compile(javaText, flags)).toClass(MAX_RANGES));
      }
      String text = computed.get(key);
      if (text == null) {
        throw new Unsupported("the class " + javaText + " (more than " + MAX_RANGES + " ranges)");
      }
      return text;
    }
  }
}
