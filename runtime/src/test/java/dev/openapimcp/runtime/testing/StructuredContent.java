package dev.openapimcp.runtime.testing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.Map;

/**
 * A result's structured content as plain Java values, as a client reads it off the wire: the call
 * path keeps it as the JSON tree it was parsed into, checked and written.
 */
public final class StructuredContent {

  private static final ObjectMapper JSON = new ObjectMapper();

  private StructuredContent() {}

  /** The structured content as a map, or {@code null} when there is none. */
  public static Map<String, Object> asMap(CallToolResult result) {
    Object content = result.structuredContent();
    return content == null ? null : JSON.convertValue(content, new TypeReference<>() {});
  }
}
