package dev.openapimcp.model;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class JsonTextsTest {

  @Test
  void whiteSpaceBetweenTokensGoesAndWhiteSpaceInStringsStays() {
    String pretty = """
        {
          "type" : "object",
          "description" : "a b\\tc \\" d \\\\",
          "enum" : [ "x y", 1, true ]
        }""";
    assertThat(JsonTexts.compact(pretty))
        .isEqualTo("{\"type\":\"object\",\"description\":\"a b\\tc \\\" d \\\\\",\"enum\":[\"x y\",1,true]}");
  }

  @Test
  void compactTextIsReturnedAsIs() {
    String compact = "{\"a\":\"b c\"}";
    assertThat(JsonTexts.compact(compact)).isSameAs(compact);
  }

  @Test
  void anEscapedBackslashEndsTheEscapeAndTheStringStillEndsAtItsQuote() {
    assertThat(JsonTexts.compact("[ \"\\\\\" , \" \" ]")).isEqualTo("[\"\\\\\",\" \"]");
  }

  @Test
  void definitionsHoldTheirSchemasCompactHoweverWritten() {
    ToolDefinition pretty = ToolDefinition.builder("t").inputSchema("{\n  \"type\": \"object\"\n}")
        .http(HttpBinding.of("GET", "/").build()).build();
    ToolDefinition compact = ToolDefinition.builder("t").inputSchema("{\"type\":\"object\"}")
        .http(HttpBinding.of("GET", "/").build()).build();
    assertThat(pretty).isEqualTo(compact);
  }

  @Test
  void anEscapedQuoteDoesNotEndTheStringButAnEscapedBackslashBeforeAQuoteDoes() {
    assertThat(JsonTexts.compact("{\"a \\\" b\" : 1}")).isEqualTo("{\"a \\\" b\":1}");
    assertThat(JsonTexts.compact("{\"a\\\\\" : \" b\"}")).isEqualTo("{\"a\\\\\":\" b\"}");
  }

  @Test
  void anUnterminatedStringKeepsEverythingAfterItsQuote() {
    String text = "{\"a\":\"b c ";
    assertThat(JsonTexts.compact(text)).isSameAs(text);
    assertThat(JsonTexts.compact("{ \"a\":\"b c \\")).isEqualTo("{\"a\":\"b c \\");
  }

  /**
   * Compact text comes back as the same string (the quick pass that finds no white space outside
   * strings) and any text comes back as a character-by-character reading removes that white space:
   * quotes, backslashes and white space are most of the alphabet, so escapes and strings that end
   * anywhere are common.
   */
  @Property(tries = 3000)
  void compactsAsACharacterByCharacterReadingDoes(
      @ForAll @StringLength(max = 40) @Chars({'"', '\\', ' ', '\t', '\n', '\r', 'a', '{', ':', ','}) String text) {
    String expected = reference(text);
    String compacted = JsonTexts.compact(text);
    assertThat(compacted).isEqualTo(expected);
    if (expected.equals(text)) {
      assertThat(compacted).isSameAs(text);
    }
  }

  /** The white space outside strings removed, reading one character at a time. */
  private static String reference(String text) {
    StringBuilder out = new StringBuilder();
    boolean inString = false;
    boolean escaped = false;
    for (char c : text.toCharArray()) {
      if (inString) {
        if (escaped) {
          escaped = false;
        } else if (c == '\\') {
          escaped = true;
        } else if (c == '"') {
          inString = false;
        }
        out.append(c);
      } else if (c == '"') {
        inString = true;
        out.append(c);
      } else if (" \t\n\r".indexOf(c) < 0) {
        out.append(c);
      }
    }
    return out.toString();
  }
}
