package dev.openapimcp.runtime.internal.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openapimcp.runtime.internal.json.JsonText;
import io.modelcontextprotocol.json.McpJsonDefaults;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArgumentValidatorTest {

  @SuppressWarnings("unchecked")
  private final ArgumentValidator validator =
      new ArgumentValidator(
          "API-query",
          (Map<String, Object>)
              JsonText.parse(
                      """
                      {"type":"object","properties":{
                        "filter":{"$ref":"#/$defs/filter"},
                        "page_size":{"type":"integer","maximum":100},
                        "children":{"type":"array","items":{"type":"object",
                          "properties":{"type":{"type":"string"}},"required":["type"]}},
                        "kind":{"enum":["a","b, c"]}},
                       "required":["page_size"],"additionalProperties":false,
                       "$defs":{"filter":{"type":"object",
                         "properties":{"property":{"type":"string"}},"required":["property"]}}}""")
                  .orElseThrow(),
          McpJsonDefaults.getSchemaValidator());

  @Test
  void validArgumentsPass() {
    assertThat(validator.check(Map.of("page_size", 10, "filter", Map.of("property", "Done")))).isEmpty();
  }

  @Test
  void eachErrorNamesTheFieldPathAndTheRule() {
    assertThat(
            validator.check(
                Map.of(
                    "page_size", 500,
                    "filter", Map.of("property", 5),
                    "children", List.of(Map.of("type", "p"), Map.of()))))
        .hasValueSatisfying(
            message ->
                assertThat(message)
                    .startsWith("Invalid arguments for API-query: ")
                    .contains("filter.property: integer found, string expected")
                    .contains("page_size: must have a maximum value of 100")
                    .contains("children[1]: required property 'type' not found")
                    .endsWith("."));
  }

  @Test
  void rootErrorsKeepTheirOwnWording() {
    assertThat(validator.check(Map.of("extra", 1)))
        .hasValueSatisfying(
            message ->
                assertThat(message)
                    .contains("required property 'page_size' not found")
                    .contains("property 'extra' is not defined in the schema"));
  }

  @Test
  void messagesWithCommasStayWhole() {
    assertThat(validator.check(Map.of("page_size", 1, "kind", "z")))
        .hasValue("Invalid arguments for API-query: kind: does not have a value in the enumeration [\"a\", \"b, c\"].");
  }

  @Test
  void fieldPathsFromJsonPointers() {
    assertThat(ArgumentValidator.fieldPath("/children/0/rich_text/12/text")).isEqualTo("children[0].rich_text[12].text");
    assertThat(ArgumentValidator.fieldPath("/a~1b/c~0d")).isEqualTo("a/b.c~d");
    assertThat(ArgumentValidator.fieldPath("")).isEmpty();
  }

  /**
   * The SDK's validator keys the schemas it compiled by their hash code alone, and "Aa" and "BB" have
   * the same one: two tools whose schemas differ only there shared one compiled schema, so a valid
   * call of the second was refused for lacking the first's property.
   */
  @Test
  void schemasWithEqualHashCodesAreCheckedEachAgainstItsOwn() throws Exception {
    String aa = "{\"type\":\"object\",\"properties\":{\"Aa\":{\"type\":\"string\"}},\"required\":[\"Aa\"]}";
    String bb = aa.replace("Aa", "BB");
    assertThat(JsonText.parseTrustedObject(aa).hashCode()).isEqualTo(JsonText.parseTrustedObject(bb).hashCode());
    ArgumentValidator first = new ArgumentValidator("first", CatalogTools.parse(null, "input", aa),
        McpJsonDefaults.getSchemaValidator());
    ArgumentValidator second = new ArgumentValidator("second", CatalogTools.parse(null, "input", bb),
        McpJsonDefaults.getSchemaValidator());

    assertThat(first.check(Map.of("Aa", "x"))).isEmpty();
    assertThat(second.check(Map.of("BB", "x"))).isEmpty();
    assertThat(second.check(Map.of("Aa", "x"))).get(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("BB");
  }
}
