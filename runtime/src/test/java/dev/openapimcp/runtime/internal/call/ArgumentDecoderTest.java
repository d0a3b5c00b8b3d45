package dev.openapimcp.runtime.internal.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openapimcp.runtime.internal.json.JsonText;
import dev.openapimcp.runtime.internal.request.InvalidCallException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArgumentDecoderTest {

  private static final String SCHEMA =
      """
      {"type":"object","properties":{
        "children":{"type":"array","items":{"$ref":"#/$defs/block"}},
        "parent":{"$ref":"#/$defs/parent"},
        "filter":{"type":"object","properties":{"and":{"type":"array","items":{"type":"object"}}}},
        "title":{"type":"string"},
        "maybe_text":{"anyOf":[{"type":"string"},{"type":"object"}]},
        "no_string_branch":{"oneOf":[{"type":"object"},{"type":"array"}]},
        "nullable_object":{"type":["object","null"]},
        "untyped":{},
        "mode":{"enum":["a","b"]},
        "count":{"type":"integer"},
        "sort":{"anyOf":[{"type":"object","properties":{"direction":{"type":"string"}}},
                         {"type":"string","contentMediaType":"application/json"}]}
      },
      "$defs":{
        "block":{"type":"object","properties":{"paragraph":{"$ref":"#/$defs/paragraph"}}},
        "paragraph":{"type":"object","properties":{"rich_text":{"type":"array"}}},
        "parent":{"anyOf":[{"$ref":"#/$defs/page_parent"},{"$ref":"#/$defs/database_parent"}]},
        "page_parent":{"type":"object","properties":{"page_id":{"type":"string"}}},
        "database_parent":{"type":"object","properties":{"database_id":{"type":"string"}}}
      }}""";

  private final ArgumentDecoder decoder = new ArgumentDecoder(schema(SCHEMA));

  @SuppressWarnings("unchecked")
  private static Map<String, Object> schema(String json) {
    return (Map<String, Object>) JsonText.parse(json).orElseThrow();
  }

  @Test
  void stringifiedArrayIsDecoded() throws Exception {
    Map<String, Object> decoded = decoder.decode(Map.of("children", "[{\"type\":\"paragraph\"}]"));

    assertThat(decoded).containsEntry("children", List.of(Map.of("type", "paragraph")));
  }

  @Test
  void stringifiedObjectBehindRefIntoAnyOfWithoutStringBranchIsDecoded() throws Exception {
    Map<String, Object> decoded = decoder.decode(Map.of("parent", " {\"page_id\":\"p1\"} "));

    assertThat(decoded).containsEntry("parent", Map.of("page_id", "p1"));
  }

  @Test
  void oneOfWithoutStringAndNullableObjectAreDecoded() throws Exception {
    Map<String, Object> decoded =
        decoder.decode(Map.of("no_string_branch", "[1,2]", "nullable_object", "{\"a\":true}"));

    assertThat(decoded).containsEntry("no_string_branch", List.of(1, 2)).containsEntry("nullable_object", Map.of("a", true));
  }

  @Test
  void nestedStringifiedValuesAreDecodedThroughItemsAndRefs() throws Exception {
    Map<String, Object> decoded =
        decoder.decode(
            Map.of(
                "children", List.of(Map.of("paragraph", "{\"rich_text\":\"[]\"}")),
                "filter", Map.of("and", List.of("{\"property\":\"Done\"}"))));

    assertThat(decoded)
        .containsEntry("children", List.of(Map.of("paragraph", Map.of("rich_text", List.of()))))
        .containsEntry("filter", Map.of("and", List.of(Map.of("property", "Done"))));
  }

  @Test
  void propertiesThatAcceptStringsAreLeftAlone() throws Exception {
    Map<String, Object> arguments =
        Map.of("title", "{\"looks\":\"like json\"}", "maybe_text", "[1]", "untyped", "{}", "mode", "[\"a\"]");

    assertThat(decoder.decode(arguments)).isEqualTo(arguments);
  }

  @Test
  void textThatIsNotJsonOrNotStructureIsLeftForValidationToReport() throws Exception {
    Map<String, Object> arguments = Map.of("parent", "page p1", "count", "five");

    assertThat(decoder.decode(arguments)).isEqualTo(arguments);
  }

  @Test
  void textThatStartsLikeJsonButDoesNotParseIsAnInvalidCallNamingTheField() {
    // No mode can build an object from it: refused before validation, whatever --validation says.
    assertThatThrownBy(() -> decoder.decode(Map.of("children", "[{\"type\":")))
        .isInstanceOf(InvalidCallException.class)
        .hasMessageStartingWith("children: expected an object or array; got JSON text that does not parse");
    assertThatThrownBy(() -> decoder.decode(Map.of("filter", "{} trailing")))
        .isInstanceOf(InvalidCallException.class)
        .hasMessageStartingWith("filter: expected an object or array; got JSON text that does not parse");
  }

  @Test
  void nestingBeyondTheBoundIsNotDecoded() throws Exception {
    String deep = "[".repeat(JsonText.MAX_NESTING_DEPTH + 1) + "]".repeat(JsonText.MAX_NESTING_DEPTH + 1);
    String fine = "[".repeat(10) + "]".repeat(10);

    assertThatThrownBy(() -> decoder.decode(Map.of("children", deep)))
        .isInstanceOf(InvalidCallException.class)
        .hasMessageContaining("children: expected an object or array; got JSON text that does not parse (or nests"
            + " deeper than " + JsonText.MAX_NESTING_DEPTH + " levels)");
    assertThat(decoder.decode(Map.of("children", fine)).get("children")).isInstanceOf(List.class);
  }

  @Test
  void unknownArgumentsPassThrough() throws Exception {
    assertThat(decoder.decode(Map.of("other", "[1]"))).containsEntry("other", "[1]");
  }

  @Test
  void refCyclesDoNotLoop() throws Exception {
    ArgumentDecoder cyclic =
        new ArgumentDecoder(
            schema(
                """
                {"type":"object","properties":{"a":{"$ref":"#/$defs/x"}},
                 "$defs":{"x":{"$ref":"#/$defs/y"},"y":{"$ref":"#/$defs/x"}}}"""));

    assertThat(cyclic.decode(Map.of("a", "[1]"))).containsEntry("a", "[1]");
  }

  @Test
  void jsonTextBranchIsDecodedAndNonJsonTextThereIsRejectedByName() throws Exception {
    assertThat(decoder.decode(Map.of("sort", "{\"direction\":\"ascending\"}")))
        .isEqualTo(Map.of("sort", Map.of("direction", "ascending")));
    assertThat(decoder.decode(Map.of("sort", Map.of("direction", "ascending"))))
        .isEqualTo(Map.of("sort", Map.of("direction", "ascending")));
    assertThatThrownBy(() -> decoder.decode(Map.of("sort", "by date")))
        .isInstanceOf(InvalidCallException.class)
        .hasMessage("sort: expected an object or array, or JSON text of one; got text that is not JSON");
  }

  @Test
  void quotedScalarsBecomeTheNumbersAndBooleansTheSchemaWants() throws Exception {
    ArgumentDecoder scalars = new ArgumentDecoder(schema("""
        {"type":"object","properties":{"count":{"type":"integer"},"ratio":{"type":"number"},
         "flag":{"type":["boolean","null"]},"name":{"type":"string"}}}"""));

    assertThat(scalars.decode(Map.of("count", "25", "ratio", "0.5", "flag", "true", "name", "25")))
        .isEqualTo(Map.of("count", 25L, "ratio", new java.math.BigDecimal("0.5"), "flag", true, "name", "25"));
    // Not a number: left as text, so validation names the field.
    assertThat(scalars.decode(Map.of("count", "many"))).isEqualTo(Map.of("count", "many"));
  }
}
