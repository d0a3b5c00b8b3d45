package dev.openapimcp.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SharedDefinitionsTest {

  private final SharedDefinitions definitions = new SharedDefinitions(4)
      .define("Page", "{\"type\": \"object\", \"properties\": {\"parent\": {\"$ref\": \"#/$defs/Parent\"}}}", "Parent")
      .define("Parent", "{\"anyOf\": [{\"$ref\": \"#/$defs/Page\"}, {\"type\": \"string\"}]}", "Page")
      .define("Alone", "{\"type\": \"string\"}");

  @Test
  void aSchemaGetsEveryDefinitionItReachesOnceSortedByNameAsItsLastMember() {
    assertThat(definitions.schema("{\"type\":\"object\",\"properties\":{\"p\":{\"$ref\":\"#/$defs/Page\"}}}", "Page"))
        .isEqualTo("{\"type\":\"object\",\"properties\":{\"p\":{\"$ref\":\"#/$defs/Page\"}},\"$defs\":{"
            + "\"Page\":{\"type\":\"object\",\"properties\":{\"parent\":{\"$ref\":\"#/$defs/Parent\"}}},"
            + "\"Parent\":{\"anyOf\":[{\"$ref\":\"#/$defs/Page\"},{\"type\":\"string\"}]}}}");
    assertThat(definitions.schema("{ \"type\" : \"object\" }")).isEqualTo("{\"type\":\"object\"}");
    assertThat(definitions.schema("{}", "Alone")).isEqualTo("{\"$defs\":{\"Alone\":{\"type\":\"string\"}}}");
  }

  @Test
  void unknownOrTwiceDefinedNamesAreRefused() {
    assertThatThrownBy(() -> definitions.schema("{}", "Missing"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("No definition 'Missing'");
    assertThatThrownBy(() -> definitions.define("Alone", "{}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("Definition 'Alone' is defined twice");
    assertThat(definitions.size()).isEqualTo(3);
  }
}
