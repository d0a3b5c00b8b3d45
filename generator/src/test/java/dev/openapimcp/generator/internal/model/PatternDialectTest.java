package dev.openapimcp.generator.internal.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Patterns in Java's dialect, as specs write them, translated for clients that compile them as
 * ECMA-262 with the {@code u} flag: each translation must accept and refuse the same strings under
 * {@code java.util.regex} (which validates arguments in the server) as the original does, and under
 * Node's {@code new RegExp(pattern, "u")} (what clients do).
 */
class PatternDialectTest {

  private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

  /**
   * Strings every pattern is tried on. They leave out what the engines read differently in patterns
   * kept as they are ({@link PatternDialect}): line terminators ending a value, U+0085, spaces beyond
   * ASCII next to {@code \s}.
   */
  private static final List<String> SAMPLES = List.of(
      "", "a", "Z", "abc", "ABC", "aBc", "0", "123", "a1_b-c", "_", "-", " ", "\t", "a b", "é", "É", "ß", "k", "K",
      "\u212A", "\u017F", "\uD83D\uDE00", "a\uD83D\uDE00b", "\uD83D", "\u0000", "\u007F", "x\u0001y", ".", "*", "[",
      "]", "{", "}", "\\", "^", "$", "|", "&", "a&&b", "arn:aws:iam::123456789012:role/x", "tag=value", "\u0660",
      "\u216B", "\u03B1", "\u03A9", "deadBEEF", "Hello, world!", "a\nb");

  /** Java-dialect patterns and strings that tell their meaning apart; each must be rewritten. */
  private static final Map<String, List<String>> TRANSLATED = new LinkedHashMap<>();

  static {
    TRANSLATED.put("^\\p{Print}*$", List.of("abc", "a\u0001", "tab\there", "~ !"));
    TRANSLATED.put("^[\\p{XDigit}]{8}$", List.of("deadBEEF", "deadbeeg", "12345678"));
    TRANSLATED.put("^\\p{XDigit}{2}(:\\p{XDigit}{2}){5}$", List.of("00:1a:2B:3c:4d:5e", "00:1a:2B:3c:4d:5g"));
    TRANSLATED.put("^[a-z&&[^aeiou]]+$", List.of("bcd", "bad", "xyz"));
    TRANSLATED.put("^[\\p{Lu}&&[A-F]]+$", List.of("ABC", "ABG", "abc"));
    TRANSLATED.put("^[a-c&&b-d]$", List.of("a", "b", "c", "d"));
    TRANSLATED.put("\\A[a-zA-Z0-9]+\\z", List.of("abc", "ab c", "abc\n", "\nabc"));
    TRANSLATED.put("^abc\\Z", List.of("abc", "abc\n", "abc\r\n", "abc\r", "abc\n\n", "abc\u2028", "abcd"));
    TRANSLATED.put("^[\\-\\_a-zA-Z0-9]+$", List.of("a-b_c", "a.b"));
    TRANSLATED.put("^[\\w\\s\\-\\.\\,\\!\\?\\'\\\"\\:\\;\\(\\)]+$", List.of("Hello, world!", "a<b", "'quoted'"));
    TRANSLATED.put("^[a-zA-Z0-9\\#\\@\\%\\&\\=\\~\\`]+$", List.of("a#b@c%d&e=f~g`", "a^b"));
    TRANSLATED.put("^\\#\\@\\%\\&\\=\\~\\`\\<\\>$", List.of("#@%&=~`<>", "#@%&=~`<"));
    TRANSLATED.put("^(?i)[a-f0-9]{4}$", List.of("ABCD", "abcd", "aBcD", "ghij"));
    TRANSLATED.put("^(?i)(arn|ARN):aws:.*$", List.of("Arn:aws:x", "aRN:AWS:", "arn:aws"));
    TRANSLATED.put("^(?i:ab)c$", List.of("ABc", "abC", "abc"));
    TRANSLATED.put("^(?-i:a)(?i)b$", List.of("aB", "AB", "ab"));
    TRANSLATED.put("^(?i)stra\u00DFe$", List.of("STRA\u00DFE", "stra\u00DFe", "STRASSE"));
    TRANSLATED.put("^(?iu)\u00E9t\u00E9$", List.of("\u00C9T\u00C9", "\u00E9t\u00E9", "ete"));
    TRANSLATED.put("^(?i)[^a]$", List.of("a", "A", "b"));
    TRANSLATED.put("^a*+a$", List.of("aaa", "a", ""));
    TRANSLATED.put("^[a-z]{2,3}+[a-z]$", List.of("abcd", "abc", "ab"));
    TRANSLATED.put("^(?>a|ab)c$", List.of("abc", "ac"));
    TRANSLATED.put("^(?>x)(\\w)\\1$", List.of("xaa", "xab"));
    TRANSLATED.put("^(a)(?>b)(c)\\2\\1$", List.of("abcca", "abcac"));
    TRANSLATED.put("^\\p{Alpha}+$", List.of("abc", "\u00E9", "a1"));
    TRANSLATED.put("^[\\p{Alnum}_-]+$", List.of("a_1-b", "a.b", "\u00E9"));
    TRANSLATED.put("^\\p{Lower}\\p{Upper}$", List.of("aB", "Ab", "\u00E9\u00C9"));
    TRANSLATED.put("^[^\\p{Cntrl}]*$", List.of("abc", "a\u0001", "\u00E9", "a\u007Fb"));
    TRANSLATED.put("^\\p{Punct}+$", List.of("!?", "a!", "\u00BF"));
    TRANSLATED.put("^\\p{Space}$", List.of(" ", "\t", "\u000B", "a"));
    TRANSLATED.put("^\\p{IsLatin}+$", List.of("abc", "\u00E9", "\u03B1"));
    TRANSLATED.put("^\\p{script=Greek}+$", List.of("\u03B1\u03A9", "abc"));
    TRANSLATED.put("^\\p{IsLu}\\p{IsLl}*$", List.of("Ab", "aB", "\u00C9\u00E9"));
    TRANSLATED.put("^\\pL\\PL$", List.of("a1", "ab", "1a"));
    TRANSLATED.put("^\\p{InGreek}+$", List.of("\u03B1\u03A9", "abc", "\u1F00"));
    TRANSLATED.put("^\\x{1F600}+$", List.of("\uD83D\uDE00\uD83D\uDE00", "\uD83D"));
    TRANSLATED.put("^[\\x{61}-\\x{63}\\x{1F600}]+$", List.of("abc\uD83D\uDE00", "abd"));
    TRANSLATED.put("^\\Qa.b\\E+$", List.of("a.bbb", "axbb", "a.b"));
    TRANSLATED.put("^a\\cjb$", List.of("a*b", "a\nb"));
    TRANSLATED.put("^\\0101\\011$", List.of("A\t", "A"));
    TRANSLATED.put("^\\e\\a$", List.of("\u001B\u0007", "ea"));
    TRANSLATED.put("(?s)^a.b$", List.of("a\nb", "axb", "a\r\nb"));
    TRANSLATED.put("^[\\w-.]+$", List.of("a-b.c", "a,b"));
    TRANSLATED.put("^[^]a]+$", List.of("bcd", "b]", "ba"));
    TRANSLATED.put("^[]a]+$", List.of("]a", "b"));
    TRANSLATED.put("^a}$", List.of("a}", "a"));
    TRANSLATED.put("^]$", List.of("]", "a"));
    TRANSLATED.put("^\\h+$", List.of("\t ", "\u00A0", "a", "\u3000"));
    TRANSLATED.put("^\\v$", List.of("\u000B", "\f", "a", "\u2029"));
    TRANSLATED.put("^\\N{LATIN SMALL LETTER A}$", List.of("a", "b"));
    TRANSLATED.put("^[a-z[0-9]]+$", List.of("a1", "a-"));
    TRANSLATED.put("^\\x41\\u00e9[\\u00e0-\\u00ff&&[^\\u00f7]]$", List.of("A\u00E9\u00E0", "A\u00E9\u00F7"));
  }

  /** Patterns both engines read alike: they stay byte for byte. */
  private static final List<String> KEPT = List.of(
      "^[a-zA-Z0-9_-]+$", "^\\d{3}-\\d{4}$", "^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*$",
      "[\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDC00-\\uDBFF\\uDFFF\\r\\n\\t]*", "^arn:aws:[a-z0-9-]+:\\d{12}$",
      "^(\\w)\\1$", "^(?<year>\\d{4})-\\k<year>$", "^\\S+@\\S+\\.\\S+$", "^[^\\x00-\\x1F\\x7F]*$", "^\\P{ASCII}+$",
      "^\\p{Lu}\\p{Ll}+$", "^[\\^\\]\\[\\\\]$", "^.{1,256}$", "^(?=.*[A-Z])(?=.*\\d).{8,}$", "^(?<!x)a$",
      "^a*?b$", "^\\cJ$", "^\\x41\\u0042$", "^[-a]+$", "^[a-]+$", "^[a-c-e]+$", "^a{2}$", "^\\/path$",
      "^[\\w.+-]+$", "\\uD83D\\uDE00", "^(a|b|)$", "^[^\\s]+$", "[\\t\\n\\f\\r]");

  /** Patterns with no counterpart: left out, with the reason. */
  private static final Map<String, String> DROPPED = new LinkedHashMap<>();

  static {
    DROPPED.put("^\\p{IsAlphabetic}+$", "more than 48 ranges");
    DROPPED.put("^(?i)\\p{Lu}+$", "more than 48 ranges");
    DROPPED.put("(?m)^a$", "the inline flag (?m)");
    DROPPED.put("(?x) a b", "the inline flag (?x)");
    DROPPED.put("\\Ga", "\\G");
    DROPPED.put("^\\R$", "\\R");
    DROPPED.put("^\\X$", "\\X");
    DROPPED.put("^(a)\\2$", "a reference to a group not closed before it");
    DROPPED.put("^(a\\1)$", "a reference to a group not closed before it");
    DROPPED.put("^(?i)(a)\\1$", "a case-insensitive back reference");
    DROPPED.put("^(?=a)*a$", "a quantified assertion");
    DROPPED.put("^\\u{1F600}$", "the server's java.util.regex cannot read it");
    DROPPED.put("^[a-$", "the server's java.util.regex cannot read it");
  }

  private final PatternDialect dialect = new PatternDialect();

  @Test
  void patternsBothEnginesReadAlikeStayAsTheyAre() {
    for (String pattern : KEPT) {
      assertThat(dialect.translate(pattern)).as(pattern).isEqualTo(new PatternDialect.Translation(pattern, null));
    }
  }

  @Test
  void patternsWithoutCounterpartAreLeftOutWithTheReason() {
    DROPPED.forEach((pattern, reason) -> {
      PatternDialect.Translation translation = dialect.translate(pattern);
      assertThat(translation.pattern()).as(pattern).isNull();
      assertThat(translation.problem()).as(pattern).contains(reason);
    });
  }

  @Test
  void translationsMeanTheSameToJava() {
    TRANSLATED.forEach((original, samples) -> {
      String translated = dialect.translate(original).pattern();
      assertThat(translated).as(original).isNotNull().isNotEqualTo(original);
      Pattern before = Pattern.compile(original);
      Pattern after = Pattern.compile(translated);
      for (String sample : samplesOf(samples)) {
        assertThat(after.matcher(sample).find()).as("%s (from %s) on %s", translated, original, visible(sample))
            .isEqualTo(before.matcher(sample).find());
      }
    });
  }

  /**
   * Node's {@code RegExp} with the {@code u} flag compiles every translated and kept pattern, and
   * matches each sample exactly when Java's original does.
   */
  @Test
  void translationsMeanTheSameToEcmaScript() throws Exception {
    List<Map<String, Object>> cases = new ArrayList<>();
    TRANSLATED.forEach((original, samples) -> cases.add(ecmaCase(original, dialect.translate(original).pattern(),
        samplesOf(samples))));
    KEPT.forEach(pattern -> cases.add(ecmaCase(pattern, pattern, SAMPLES)));
    assertThat(runNode(cases)).isEmpty();
  }

  @Test
  void aSpecsComputedClassesAreBounded() {
    PatternDialect small = new PatternDialect(2);
    assertThat(small.translate("^\\p{Alpha}[\\p{Digit}&&[^0]]$").pattern()).isEqualTo("^[A-Za-z][1-9]$");
    // Known classes cost nothing; a third one is too many.
    assertThat(small.translate("^\\p{Alpha}+-[\\p{Digit}&&[^0]]$").pattern()).isEqualTo("^[A-Za-z]+-[1-9]$");
    assertThat(small.translate("^\\p{Upper}$").problem()).contains("more than 2 distinct classes to compute");
  }

  /**
   * A JavaScript regular expression literal as the pattern ({@code /^...$/u}) refuses every value
   * read as a pattern: its body is meant, with its flags; a pattern merely starting and ending with a
   * slash means the slashes.
   */
  @Test
  void regexLiteralsBecomeTheirBody() {
    assertThat(dialect.translate("/^[a-z0-9-]+$/u").pattern()).isEqualTo("^[a-z0-9-]+$");
    assertThat(dialect.translate("/^\\d{3}/").pattern()).isEqualTo("^\\d{3}");
    assertThat(dialect.translate("/.*\\.json$/g").pattern()).isEqualTo(".*\\.json$");
    String folded = dialect.translate("/^stra\u00DFe$/i").pattern();
    assertThat(Pattern.compile(folded).matcher("STRA\u00DFE").find()).isTrue();
    assertThat(Pattern.compile(folded).matcher("strasse").find()).isFalse();
    assertThat(Pattern.compile(dialect.translate("/^a.b$/s").pattern()).matcher("a\nb").find()).isTrue();
    // Slashes meant as slashes, and an escaped dollar that anchors nothing.
    for (String kept : List.of("/users/", "/a/b", "/^", "/x\\$/", "/^a$/x")) {
      assertThat(dialect.translate(kept).pattern()).as(kept).isEqualTo(kept);
    }
  }

  private static List<String> samplesOf(List<String> specific) {
    List<String> all = new ArrayList<>(specific);
    all.addAll(SAMPLES);
    return all;
  }

  static Map<String, Object> ecmaCase(String original, String pattern, List<String> samples) {
    Pattern java = Pattern.compile(original);
    Map<String, Object> ecmaCase = new LinkedHashMap<>();
    ecmaCase.put("original", original);
    ecmaCase.put("pattern", pattern);
    ecmaCase.put("samples", samples);
    ecmaCase.put("expected", samples.stream().map(sample -> java.matcher(sample).find()).toList());
    return ecmaCase;
  }

  private static final String NODE_SCRIPT = """
      const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));
      const problems = [];
      for (const c of cases) {
        let re;
        try { re = new RegExp(c.pattern, 'u'); } catch (e) { problems.push(c.pattern + ': ' + e.message); continue; }
        c.samples.forEach((s, i) => {
          if (re.test(s) !== c.expected[i]) {
            problems.push(c.pattern + ' (from ' + c.original + ') on ' + JSON.stringify(s) + ': ' + !c.expected[i]
                + ', Java ' + c.expected[i]);
          }
        });
      }
      process.stdout.write(JSON.stringify(problems));
      """;

  /** What Node finds wrong; the test is skipped, saying so, where there is no {@code node}. */
  static List<String> runNode(List<Map<String, Object>> cases) throws Exception {
    Process node;
    try {
      node = new ProcessBuilder("node", "-e", NODE_SCRIPT).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    } catch (IOException e) {
      Assumptions.abort("No node on the PATH to compile the patterns as ECMA-262: " + e.getMessage());
      return List.of();
    }
    try (OutputStream in = node.getOutputStream()) {
      in.write(JSON.writeValueAsBytes(cases));
    }
    String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(node.waitFor(60, TimeUnit.SECONDS)).as("node finished").isTrue();
    assertThat(node.exitValue()).as("node's exit code; its output: " + out).isZero();
    return JSON.readValue(out, new TypeReference<List<String>>() {});
  }

  private static String visible(String sample) {
    StringBuilder out = new StringBuilder("\"");
    sample.chars().forEach(c -> out.append(c >= 0x20 && c < 0x7F ? String.valueOf((char) c)
        : String.format("\\u%04X", c)));
    return out.append('"').toString();
  }
}
