package dev.openapimcp.generator.internal.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Map;

/**
 * The {@code x-mcp} extension: {@code false} leaves an operation, a path item or the whole spec
 * out; an object adjusts a tool ({@code name}, {@code title}, {@code description}, hints) or, at
 * the root, the server ({@code rateLimit}).
 */
final class McpExtension {

  static final String NAME = "x-mcp";

  private final ObjectMapper mapper;

  McpExtension(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** Whether {@code extensions} say {@code x-mcp: false}. */
  static boolean excludes(Map<String, Object> extensions) {
    return extensions != null && Boolean.FALSE.equals(extensions.get(NAME));
  }

  /** The {@code x-mcp} object among {@code extensions}, or an empty object. */
  JsonNode of(Map<String, Object> extensions) {
    Object value = extensions == null ? null : extensions.get(NAME);
    JsonNode node = value == null ? null : mapper.valueToTree(value);
    return node != null && node.isObject() ? node : JsonNodeFactory.instance.objectNode();
  }
}
