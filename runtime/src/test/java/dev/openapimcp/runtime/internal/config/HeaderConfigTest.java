package dev.openapimcp.runtime.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class HeaderConfigTest {

  private static final String SECRET = "ntn_SECRET123";
  private static final String MUST_BE =
      " It must be a JSON object of header names and string values such as {\"Authorization\":\"Bearer <token>\"}.";

  private static String failure(Map<String, String> environment) {
    try {
      HeaderConfig config = HeaderConfig.fromEnvironment(environment, "NOTION_TOKEN");
      throw new AssertionError("Expected a configuration error but got " + config);
    } catch (ConfigurationException e) {
      return e.getMessage();
    }
  }

  private static String headersFailure(String json) {
    String message = failure(Map.of("OPENAPI_MCP_HEADERS", json));
    // Whatever the fault, nothing of the value may be echoed.
    assertThat(message).doesNotContain(SECRET).doesNotContain("ntn_").doesNotContain("Bearer ntn");
    assertThat(message.lines()).hasSize(1);
    return message;
  }

  @Test
  void readsHeadersInOrder() {
    HeaderConfig config =
        HeaderConfig.fromEnvironment(
            Map.of("OPENAPI_MCP_HEADERS", "{\"Authorization\":\"Bearer " + SECRET + "\",\"Notion-Version\":\"2022-06-28\"}"),
            "NOTION_TOKEN");

    assertThat(config.headers())
        .containsExactly(entry("Authorization", "Bearer " + SECRET), entry("Notion-Version", "2022-06-28"));
    assertThat(config.sendsCredentials()).isTrue();
    assertThat(config.toString()).doesNotContain(SECRET);
  }

  @Test
  void tokenVariableBecomesBearerAuthorization() {
    HeaderConfig config = HeaderConfig.fromEnvironment(Map.of("NOTION_TOKEN", " " + SECRET + "\n"), "NOTION_TOKEN");

    assertThat(config.headers()).containsExactly(entry("Authorization", "Bearer " + SECRET));
  }

  @Test
  void explicitAuthorizationHeaderWinsOverTokenVariable() {
    HeaderConfig config =
        HeaderConfig.fromEnvironment(
            Map.of("OPENAPI_MCP_HEADERS", "{\"authorization\":\"Bearer from-headers\"}", "NOTION_TOKEN", "from-token"),
            "NOTION_TOKEN");

    assertThat(config.headers()).containsExactly(entry("authorization", "Bearer from-headers"));
  }

  @Test
  void tokenVariableFillsInWhenHeadersLackAuthorization() {
    HeaderConfig config =
        HeaderConfig.fromEnvironment(
            Map.of("OPENAPI_MCP_HEADERS", "{\"Notion-Version\":\"2025-09-03\"}", "NOTION_TOKEN", SECRET), "NOTION_TOKEN");

    assertThat(config.headers())
        .containsExactly(entry("Notion-Version", "2025-09-03"), entry("Authorization", "Bearer " + SECRET));
  }

  @Test
  void nothingSetMeansNoHeadersAndNoCredentials() {
    HeaderConfig config = HeaderConfig.fromEnvironment(Map.of(), "NOTION_TOKEN");

    assertThat(config.headers()).isEmpty();
    assertThat(config.sendsCredentials()).isFalse();
  }

  @Test
  void emptyObjectIsAcceptedAsDeliberatelyNoHeaders() {
    HeaderConfig config = HeaderConfig.fromEnvironment(Map.of("OPENAPI_MCP_HEADERS", " {} "), null);

    assertThat(config.headers()).isEmpty();
    assertThat(config.sendsCredentials()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\'',
      value = {
        "unquoted value | {\"Authorization\": Bearer ntn_SECRET123}"
            + " | is not valid JSON: unexpected character at line 1, column 19.",
        "trailing garbage | {\"Authorization\": \"Bearer ntn_SECRET123\"} x"
            + " | is not valid JSON: unexpected character at line 1, column 43.",
        "bare token | Bearer ntn_SECRET123 | is not valid JSON: unexpected character at line 1, column 1.",
        "array | [\"Bearer ntn_SECRET123\"] | is a JSON array, not a JSON object.",
        "string | \"Bearer ntn_SECRET123\" | is a JSON string, not a JSON object.",
        "number value | {\"Authorization\": 12345}"
            + " | has a header value that is a JSON number, not a string, at line 1, column 19.",
        "nested value | {\"a\":{\"b\":\"ntn_SECRET123\"}}"
            + " | has a header value that is a JSON object, not a string, at line 1, column 6.",
        "empty name | {\"\": \"Bearer ntn_SECRET123\"} | has an empty header name at line 1, column 2.",
        "name with space | {\"Author ization\": \"Bearer ntn_SECRET123\"}"
            + " | has a header name with a character HTTP does not allow in names at line 1, column 2.",
        "client-managed name | {\"Host\": \"ntn_SECRET123\"}"
            + " | sets a header the HTTP client manages itself"
            + " (Connection, Content-Length, Expect, Host or Upgrade) at line 1, column 2.",
        "line break in value | {\"Authorization\": \"Bearer ntn_SECRET123\\n\"}"
            + " | has a header value with a line break or other control character at line 1, column 19.",
        "duplicate name | {\"Authorization\": \"Bearer ntn_SECRET123\", \"authorization\": \"x\"}"
            + " | sets the same header twice (header names ignore case) at line 1, column 43.",
        "second object | {\"Authorization\": \"Bearer ntn_SECRET123\"} {}"
            + " | has more text after the JSON object at line 1, column 43.",
      })
  void malformedHeadersNameTheFaultAndPositionOnly(String name, String json, String fault) {
    assertThat(headersFailure(json)).isEqualTo("OPENAPI_MCP_HEADERS " + fault + MUST_BE);
  }

  @Test
  void quotesEscapedTwiceGetTheirOwnHint() {
    // What arrives when a client config escapes the JSON one time too many: {\"Authorization\": ...}
    String json = "{\\\"Authorization\\\": \\\"Bearer " + SECRET + "\\\"}";

    assertThat(headersFailure(json))
        .isEqualTo(
            "OPENAPI_MCP_HEADERS is not valid JSON: unexpected character at line 1, column 2;"
                + " the value contains \\\" where a plain \" belongs, so its quotes were escaped twice."
                + MUST_BE);
  }

  @Test
  void valueCutShortByUnescapedQuotesSaysSo() {
    // "OPENAPI_MCP_HEADERS": "{"Authorization": ...}" leaves just the opening brace.
    assertThat(headersFailure("{"))
        .isEqualTo(
            "OPENAPI_MCP_HEADERS is not valid JSON: the text ends early at line 1, column 2, which usually means"
                + " unescaped double quotes in the client's configuration cut the value short."
                + MUST_BE);
  }

  @Test
  void unclosedObjectReportsWhereTheTextEnds() {
    assertThat(headersFailure("{\"Authorization\": \"Bearer " + SECRET + "\""))
        .startsWith("OPENAPI_MCP_HEADERS is not valid JSON: the text ends early at line 1, column 41,");
  }

  @Test
  void positionsCountLinesInPrettyPrintedJson() {
    assertThat(headersFailure("{\n  \"Authorization\": \"Bearer " + SECRET + "\",\n  \"X\": [1]\n}"))
        .startsWith("OPENAPI_MCP_HEADERS has a header value that is a JSON array, not a string, at line 3, column 8.");
  }

  @Test
  void emptyHeadersVariableCountsAsUnsetAsInNpm() {
    // npm's server tests the variable for truthiness; configs carry "OPENAPI_MCP_HEADERS": "" beside a token.
    for (String empty : new String[] {"", "  "}) {
      HeaderConfig config = HeaderConfig.fromEnvironment(
          Map.of("OPENAPI_MCP_HEADERS", empty, "NOTION_TOKEN", "ntn_1"), "NOTION_TOKEN");
      assertThat(config.headers()).containsExactly(Map.entry("Authorization", "Bearer ntn_1"));
      assertThat(HeaderConfig.fromEnvironment(Map.of("OPENAPI_MCP_HEADERS", empty), "NOTION_TOKEN").sendsCredentials())
          .isFalse();
    }
  }

  @Test
  void blankTokenIsAnError() {
    assertThat(failure(Map.of("NOTION_TOKEN", " \n")))
        .isEqualTo("NOTION_TOKEN is set but empty; set it to your API token or remove it.");
  }

  @Test
  void tokenWithInnerWhitespaceIsAnErrorThatDoesNotEchoIt() {
    String message = failure(Map.of("NOTION_TOKEN", "Bearer " + SECRET));

    assertThat(message)
        .isEqualTo(
            "NOTION_TOKEN contains a space, line break or non-ASCII character;"
                + " it must hold the token alone, without \"Bearer \".")
        .doesNotContain(SECRET);
  }
}
