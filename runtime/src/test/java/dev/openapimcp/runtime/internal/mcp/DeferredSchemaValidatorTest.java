package dev.openapimcp.runtime.internal.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator.ValidationResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Ours against the SDK's validator: the same verdicts and messages, schema by schema, value by value. */
class DeferredSchemaValidatorTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final JsonSchemaValidator ours = new DeferredSchemaValidator();
  private final JsonSchemaValidator sdk = McpJsonDefaults.getSchemaValidator();

  private static Map<String, Object> object(String json) throws Exception {
    return JSON.readValue(json, new TypeReference<>() {});
  }

  private static Object value(String json) throws Exception {
    return JSON.readValue(json, Object.class);
  }

  @Test
  void verdictsAndMessagesAreTheSdksOwn() throws Exception {
    Map<String, Object> schema = object("""
        {"$id":"urn:test:page","type":"object","required":["id","parent"],"additionalProperties":false,
         "properties":{"id":{"type":"string","format":"uuid"},"size":{"type":"integer","minimum":1},
          "tags":{"type":"array","items":{"enum":["a","b"]}},"parent":{"$ref":"#/$defs/parent"}},
         "$defs":{"parent":{"type":"object","required":["type"],"properties":{"type":{"const":"page"}}}}}""");
    List<String> values = List.of(
        "{\"id\":\"59833787-2cf9-4fdf-8782-e53db20768a5\",\"parent\":{\"type\":\"page\"}}",
        "{\"id\":\"x\",\"parent\":{\"type\":\"page\"},\"size\":3,\"tags\":[\"a\",\"b\"]}",
        "{\"id\":7,\"parent\":{\"type\":\"block\"}}",
        "{\"parent\":{},\"size\":0,\"tags\":[\"c\"],\"extra\":true}",
        "{\"id\":\"x\",\"parent\":{\"type\":\"page\"},\"size\":1.5}",
        "[]",
        "\"text\"");
    int invalid = 0;
    for (String text : values) {
      ValidationResponse expected = sdk.validate(schema, value(text));
      ValidationResponse actual = ours.validate(schema, value(text));
      assertThat(actual.valid()).as(text).isEqualTo(expected.valid());
      assertThat(actual.errorMessage()).as(text).isEqualTo(expected.errorMessage());
      invalid += actual.valid() ? 0 : 1;
    }
    assertThat(invalid).isEqualTo(5);
    // A value that is a tree already is checked as it is.
    assertThat(ours.validate(schema, JSON.readTree(values.get(3))).errorMessage())
        .isEqualTo(sdk.validate(schema, value(values.get(3))).errorMessage())
        .startsWith(DeferredSchemaValidator.INVALID);
  }

  @Test
  void schemasWithoutAnIdAreKeptApartEvenWithEqualHashCodes() throws Exception {
    Map<String, Object> aa = object("{\"type\":\"object\",\"required\":[\"Aa\"]}");
    Map<String, Object> bb = object("{\"type\":\"object\",\"required\":[\"BB\"]}");
    assertThat(aa.hashCode()).isEqualTo(bb.hashCode());

    assertThat(ours.validate(aa, Map.of("Aa", 1)).valid()).isTrue();
    assertThat(ours.validate(bb, Map.of("BB", 1)).valid()).isTrue();
    assertThat(ours.validate(bb, Map.of("Aa", 1)).errorMessage()).contains("BB");
  }
}
