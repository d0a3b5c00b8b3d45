package dev.openapimcp.model;

import static org.assertj.core.api.Assertions.assertThat;

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
}
