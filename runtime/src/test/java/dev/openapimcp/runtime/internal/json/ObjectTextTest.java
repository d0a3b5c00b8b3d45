package dev.openapimcp.runtime.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObjectTextTest {

  private static final String SCHEMA = "{\"type\":\"object\",\"properties\":{\"z\":{\"type\":\"string\","
      + "\"description\":\"caf\\u00e9 \\\"quoted\\\" \\u2028\"},\"a\":{\"type\":\"integer\",\"maximum\":1e3}},"
      + "\"required\":[\"z\"]}";

  @Test
  void readsAsTheMapTheTextHoldsInItsOrder() throws Exception {
    ObjectText text = ObjectText.of(SCHEMA);

    assertThat(text).isEqualTo(JsonText.parseTrustedObject(SCHEMA));
    assertThat(text.hashCode()).isEqualTo(JsonText.parseTrustedObject(SCHEMA).hashCode()).isEqualTo(text.hashCode());
    assertThat(JsonText.parseTrustedObject(SCHEMA)).isEqualTo(text);
    assertThat(text.keySet()).containsExactly("type", "properties", "required");
    assertThat(List.copyOf(((Map<?, ?>) text.get("properties")).keySet())).isEqualTo(List.of("z", "a"));
    assertThat(text.containsKey("required")).isTrue();
    assertThat(text.get("missing")).isNull();
    assertThat(text.text()).isSameAs(SCHEMA);
  }

  @Test
  void cannotBeChanged() throws Exception {
    ObjectText text = ObjectText.of(SCHEMA);

    assertThatThrownBy(() -> text.put("type", "array")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> text.remove("type")).isInstanceOf(UnsupportedOperationException.class);
    assertThat(text.get("type")).isEqualTo("object");
  }

  @Test
  void refusesTextThatIsNotOneJsonObject() {
    for (String bad : List.of("[]", "\"object\"", "{\"type\":", "{\"a\":1} {}", "{\"a\":1}]", "", "{'a':1}")) {
      assertThatThrownBy(() -> ObjectText.of(bad)).as(bad).isInstanceOf(JsonProcessingException.class);
    }
  }

  @Test
  void toolsListCarriesTheSchemaAsTheSdkWroteItFromTheMap() throws Exception {
    McpSchema.Tool fromMap = McpSchema.Tool.builder("t", JsonText.parseTrustedObject(SCHEMA)).build();
    McpSchema.Tool fromText = McpSchema.Tool.builder("t", ObjectText.of(SCHEMA)).build();
    var mapper = McpJsonDefaults.getMapper();

    String written = mapper.writeValueAsString(McpSchema.ListToolsResult.builder(List.of(fromText)).build());

    ObjectMapper json = new ObjectMapper();
    String fromMapWritten = mapper.writeValueAsString(McpSchema.ListToolsResult.builder(List.of(fromMap)).build());
    assertThat(json.readTree(written)).isEqualTo(json.readTree(fromMapWritten));
    assertThat(written).contains(SCHEMA);
  }

  @Test
  void becomesAnObjectTreeWhereJacksonBuildsATree() throws Exception {
    ObjectMapper json = new ObjectMapper();

    JsonNode tree = json.valueToTree(ObjectText.of(SCHEMA));

    assertThat(tree.isObject()).isTrue();
    assertThat(tree).isEqualTo(json.readTree(SCHEMA));
  }

  @Test
  void theSdkValidatorChecksArgumentsAgainstIt() throws Exception {
    JsonSchemaValidator validator = McpJsonDefaults.getSchemaValidator();
    ObjectText schema = ObjectText.of(SCHEMA);

    assertThat(validator.validate(schema, Map.of("z", "text", "a", 7)).valid()).isTrue();
    assertThat(validator.validate(schema, Map.of("a", 7)).valid()).isFalse();
    assertThat(validator.validate(schema, Map.of("z", "text", "a", 7000)).valid()).isFalse();
  }
}
