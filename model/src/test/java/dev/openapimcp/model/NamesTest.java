package dev.openapimcp.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NamesTest {

  @Test
  void toolNamesAreLettersDigitsUnderscoresAndHyphensUpToSixtyFour() {
    assertThat(Names.isToolName("API-post-page_2")).isTrue();
    assertThat(Names.isToolName("a".repeat(64))).isTrue();
    assertThat(Names.isToolName("a".repeat(65))).isFalse();
    assertThat(Names.isToolName("")).isFalse();
    assertThat(Names.isToolName("get.item")).isFalse();
    assertThat(Names.isToolName(null)).isFalse();
    assertThat(Names.hasToolNameCharacters("a".repeat(65))).isTrue();
    assertThat(Names.hasToolNameCharacters("pets/{id}")).isFalse();
    // The patterns appear in messages to users as they are written.
    assertThat(Names.TOOL_NAME).hasToString("^[A-Za-z0-9_-]{1,64}$");
  }

  @Test
  void propertyNamesMayAlsoHoldDots() {
    assertThat(Names.isPropertyName("filter.status")).isTrue();
    assertThat(Names.isPropertyName("filter[status]")).isFalse();
    assertThat(Names.isPropertyName("a".repeat(65))).isFalse();
    assertThat(Names.NOT_PROPERTY_NAME_CHARACTERS.matcher("filter[status]").replaceAll("_"))
        .isEqualTo("filter_status_");
    assertThat(Names.PROPERTY_NAME).hasToString("^[a-zA-Z0-9_.-]{1,64}$");
  }

  @Test
  void aToolDefinitionRefusesANameStrictClientsWouldRefuse() {
    assertThatThrownBy(() -> ToolDefinition.builder("get item").http(HttpBinding.of("GET", "/items").build()).build())
        .hasMessage("Tool name 'get item' does not match ^[A-Za-z0-9_-]{1,64}$");
  }
}
