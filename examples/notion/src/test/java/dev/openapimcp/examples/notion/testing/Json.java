package dev.openapimcp.examples.notion.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

/** One shared Jackson mapper and the few JSON conversions the tests use. */
public final class Json {

  public static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  /** {@code text} parsed; fails the test when it is not JSON. */
  public static JsonNode parse(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new AssertionError("Not JSON: " + text, e);
    }
  }

  /** {@code text} parsed, or empty when it is not JSON (or is blank). */
  public static Optional<JsonNode> tryParse(String text) {
    try {
      JsonNode node = MAPPER.readTree(text);
      return node == null || node.isMissingNode() ? Optional.empty() : Optional.of(node);
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  /** A request body as JSON, {@code null} when no body was sent. */
  public static JsonNode body(String text) {
    return text.isEmpty() ? null : parse(text);
  }

  /** Any value (such as an SDK map) as a JSON tree. */
  public static JsonNode tree(Object value) {
    return MAPPER.valueToTree(value);
  }
}
