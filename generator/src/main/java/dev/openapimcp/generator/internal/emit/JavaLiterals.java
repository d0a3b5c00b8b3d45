package dev.openapimcp.generator.internal.emit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.palantir.javapoet.CodeBlock;

/**
 * Java string literals and text blocks for any text, written in printable ASCII only. Every string of the generated
 * code goes through here, never through JavaPoet's {@code $S}: JavaPoet writes U+2028, U+2029 and
 * U+0085 as they are and then breaks its output lines at them (it splits on {@code \R}), so a
 * description holding one produced an unclosed string literal ({@code HostileSpecTextTest}).
 *
 * <p>javac turns {@code \}{@code uXXXX} escapes into characters before it reads the code, so the
 * four characters that would end or change the literal there (line feed, carriage return, the
 * double quote and the backslash) are written with their ordinary escapes; everything else outside
 * printable ASCII as a Unicode escape. No character of the text can then close the literal, start
 * a comment or combine with another into an escape.
 */
final class JavaLiterals {

  /**
   * javac refuses string constants over 65,535 bytes of modified UTF-8 (where a character takes up
   * to 3 bytes); longer text is split into literals joined at run time.
   */
  private static final int MAX_CONSTANT_BYTES = 60_000;
  /** Characters per literal of a split text: at most 48,000 bytes each. */
  private static final int CHUNK_CHARS = 16_000;

  /** Numbers kept as written ({@code 1E+2} stays {@code 1E+2}): the compact text must come back unchanged. */
  private static final ObjectMapper READER = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
      .build();
  /**
   * Two spaces a level, {@code "key": value}, line feeds only: text blocks keep line breaks as line
   * feeds, and JSON text has no trailing white space that a text block would strip.
   */
  private static final ObjectWriter PRETTY = READER.writer(new DefaultPrettyPrinter(
      Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
      .withObjectIndenter(new DefaultIndenter("  ", "\n"))
      .withArrayIndenter(new DefaultIndenter("  ", "\n")));

  private JavaLiterals() {}

  /** A literal of {@code text}, or {@code null} for null; a run-time join of literals when too long. */
  static CodeBlock of(String text) {
    if (text == null) {
      return CodeBlock.of("null");
    }
    if (constantBytes(text) <= MAX_CONSTANT_BYTES) {
      return CodeBlock.of("$L", quoted(text));
    }
    CodeBlock.Builder code = CodeBlock.builder().add("$T.join(\"\"", String.class).indent().indent();
    int start = 0;
    while (start < text.length()) {
      int end = Math.min(text.length(), start + CHUNK_CHARS);
      if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
        end--;
      }
      code.add(",\n$L", quoted(text.substring(start, end)));
      start = end;
    }
    return code.add(")").unindent().unindent().build();
  }

  /**
   * A JSON document as a text block, pretty-printed so that a schema reads as a schema and a change
   * to it shows as a change of some lines; a compact literal when the pretty text is too long for
   * one constant. The model stores schemas compact, so both give the same definition.
   */
  static CodeBlock json(String json) {
    String pretty;
    try {
      pretty = PRETTY.writeValueAsString(READER.readTree(json));
    } catch (JsonProcessingException e) {
      return of(json);
    }
    if (constantBytes(pretty) > MAX_CONSTANT_BYTES || !pretty.chars().allMatch(JavaLiterals::textBlockSafe)) {
      return of(json);
    }
    StringBuilder block = new StringBuilder("\"\"\"\n");
    for (int i = 0; i < pretty.length(); i++) {
      char c = pretty.charAt(i);
      if (c == '\n') {
        block.append('\n');
      } else if (c == '\\') {
        block.append("\\\\");
      } else if (c == '"' && pretty.startsWith("\"\"\"", i)) {
        // Three quotes would end the block: the first is escaped.
        block.append("\\\"");
      } else if (c == '\r') {
        block.append("\\r");
      } else if (c == '\t') {
        block.append("\\t");
      } else if (c >= 0x20 && c < 0x7f) {
        block.append(c);
      } else {
        block.append(String.format("\\u%04x", (int) c));
      }
    }
    return CodeBlock.of("$L", block.append("\"\"\""));
  }

  /**
   * Whether {@code c} may stand in a text block, escaped or not, without javac changing the text:
   * javac reads a Unicode escape of U+2028 (or any other white space beyond ASCII) as white space
   * and strips or warns about it at the end of a line ({@code HostileSpecTextTest} found U+2028).
   */
  private static boolean textBlockSafe(int c) {
    return (c >= 0x20 && c < 0x7f) || c == '\n' || (c >= 0x80 && Character.isLetterOrDigit(c));
  }

  /** {@code text} between double quotes, escaped as the class comment says. */
  static String quoted(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c >= 0x20 && c < 0x7f) {
            out.append(c);
          } else {
            out.append(String.format("\\u%04x", (int) c));
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /** Length of {@code text} in modified UTF-8, the class file's encoding of string constants. */
  private static int constantBytes(String text) {
    int bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      bytes += c >= 0x01 && c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
    }
    return bytes;
  }
}
