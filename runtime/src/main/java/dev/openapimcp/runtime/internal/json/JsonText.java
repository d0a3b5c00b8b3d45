package dev.openapimcp.runtime.internal.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/** Parses and prints JSON as plain Java values ({@code Map}, {@code List}, {@code String}, ...). */
public final class JsonText {

  /** Deeper documents are refused; real API payloads and tool arguments stay far below this. */
  public static final int MAX_NESTING_DEPTH = 64;

  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

  private static final ObjectMapper MAPPER =
      new ObjectMapper(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
                  .build())
          // Trailing text after a value means the text was not one JSON value.
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** For trusted text built into the server (tool schemas): Jackson's own generous limits. */
  private static final ObjectMapper TRUSTED_MAPPER = new ObjectMapper();

  private JsonText() {}

  /** The value of {@code text}, or empty when it is not one JSON value within the depth bound. */
  public static Optional<Object> parse(String text) {
    try {
      return Optional.ofNullable(MAPPER.readValue(text, Object.class));
    } catch (JsonProcessingException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * The JSON object in UTF-8 {@code json} as a tree, or empty when it is not one JSON object within
   * the depth bound (or not UTF-8): read without decoding the text first.
   */
  public static Optional<ObjectNode> parseObject(byte[] json) {
    try {
      return MAPPER.readTree(json) instanceof ObjectNode object ? Optional.of(object) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The JSON object in {@code text} as a tree, or empty when it is not one JSON object within the depth bound. */
  public static Optional<ObjectNode> parseObject(String text) {
    try {
      return MAPPER.readTree(text) instanceof ObjectNode object ? Optional.of(object) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * The JSON object in trusted {@code text} (a schema compiled into the server); throws with the
   * parser's message, which quotes the text, when it is not one.
   */
  public static Map<String, Object> parseTrustedObject(String text) throws JsonProcessingException {
    return TRUSTED_MAPPER.readValue(text, OBJECT);
  }

  /** Whether {@code text} starts like a JSON object or array: worth trying to parse. */
  public static boolean looksLikeJson(String text) {
    String start = text.stripLeading();
    return start.startsWith("{") || start.startsWith("[");
  }

  /** {@code value} as compact JSON text. */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      // Values here come from parsed JSON, so they always serialise.
      throw new UncheckedIOException(e);
    }
  }

  /** {@code value} as compact JSON in UTF-8. */
  public static byte[] writeBytes(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
