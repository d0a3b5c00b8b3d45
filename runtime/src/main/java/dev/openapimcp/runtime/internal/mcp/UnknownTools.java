package dev.openapimcp.runtime.internal.mcp;

import dev.openapimcp.runtime.internal.tool.CloseMatches;
import dev.openapimcp.runtime.internal.tool.PreparedTool;
import dev.openapimcp.runtime.internal.tool.ToolResults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Answers a call of a tool this server does not have with an {@code isError} result naming it and
 * up to three close matches, where the SDK answers a JSON-RPC error whose message is the constant
 * {@code Unknown tool: invalid_tool_name} (issue 12), which many clients never show the model.
 *
 * <p>The SDK looks a call's tool up by exact name after converting the request with the server's
 * JSON mapper; {@link #mapper} converts a call of an unknown name into a call of {@link #TOOL}, a
 * tool the list filter hides, whose handler gives the answer. Nothing else of the request changes.
 */
final class UnknownTools {

  /** The hidden tool unknown names are answered by. */
  static final String TOOL = "openapi-mcp.unknown-tool";

  private final Set<String> known;

  UnknownTools(Set<String> known) {
    this.known = Set.copyOf(known);
  }

  /** The hidden tool: its handler answers with {@link #answer}. */
  PreparedTool tool() {
    McpSchema.Tool tool = McpSchema.Tool.builder(TOOL, Map.of("type", "object")).description("Unknown tools.").build();
    return new PreparedTool(tool, (arguments, context) ->
        ToolResults.failed(answer(arguments == null ? null : arguments.get("name"))));
  }

  /** {@code Unknown tool: NAME.} and the closest names of this server's tools ({@link CloseMatches}). */
  String answer(Object name) {
    return CloseMatches.unknownTool(String.valueOf(name), known.stream().filter(tool -> !tool.equals(TOOL)).toList());
  }

  /** The server's mapper, turning a call of an unknown tool into a call of {@link #TOOL}. */
  McpJsonMapper mapper(McpJsonMapper delegate) {
    return new McpJsonMapper() {
      @Override
      public <T> T readValue(String content, Class<T> type) throws IOException {
        return delegate.readValue(content, type);
      }

      @Override
      public <T> T readValue(byte[] content, Class<T> type) throws IOException {
        return delegate.readValue(content, type);
      }

      @Override
      public <T> T readValue(String content, TypeRef<T> type) throws IOException {
        return delegate.readValue(content, type);
      }

      @Override
      public <T> T readValue(byte[] content, TypeRef<T> type) throws IOException {
        return delegate.readValue(content, type);
      }

      @Override
      public <T> T convertValue(Object value, Class<T> type) {
        return redirected(delegate.convertValue(value, type));
      }

      @Override
      public <T> T convertValue(Object value, TypeRef<T> type) {
        return redirected(delegate.convertValue(value, type));
      }

      @Override
      public String writeValueAsString(Object value) throws IOException {
        return delegate.writeValueAsString(value);
      }

      @Override
      public byte[] writeValueAsBytes(Object value) throws IOException {
        return delegate.writeValueAsBytes(value);
      }
    };
  }

  private <T> T redirected(T converted) {
    if (converted instanceof CallToolRequest call && !known.contains(call.name())) {
      Map<String, Object> arguments = new HashMap<>();
      arguments.put("name", call.name());
      @SuppressWarnings("unchecked") // A CallToolRequest stands for the CallToolRequest asked for.
      T redirected = (T) new CallToolRequest(TOOL, arguments, call.meta());
      return redirected;
    }
    return converted;
  }

  /** Levenshtein distance, ignoring case. */
  static int distance(String a, String b) {
    return CloseMatches.distance(a, b);
  }
}
