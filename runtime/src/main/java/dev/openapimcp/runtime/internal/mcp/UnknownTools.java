package dev.openapimcp.runtime.internal.mcp;

import dev.openapimcp.runtime.internal.tool.PreparedTool;
import dev.openapimcp.runtime.internal.tool.ToolResults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import java.io.IOException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
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

  private static final int MATCHES = 3;

  /** Longer names are no typo of a tool name (at most 128 characters): quoted cut, matched with nothing. */
  private static final int LONGEST_NAME = 128;

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

  /** {@code Unknown tool: NAME.} and the closest names of this server's tools. */
  String answer(Object name) {
    String asked = String.valueOf(name);
    if (asked.length() > LONGEST_NAME) {
      return "Unknown tool: " + asked.substring(0, LONGEST_NAME) + "…. Ask tools/list for the tools of this server.";
    }
    List<String> close = known.stream()
        .filter(candidate -> !candidate.equals(TOOL))
        .map(candidate -> Map.entry(candidate, distance(asked, candidate)))
        .filter(entry -> entry.getValue() <= Math.max(2, asked.length() / 4) || contains(entry.getKey(), asked))
        .sorted(Comparator.comparing((Map.Entry<String, Integer> entry) -> entry.getValue())
            .thenComparing(Map.Entry::getKey))
        .limit(MATCHES)
        .map(Map.Entry::getKey)
        .toList();
    return "Unknown tool: " + asked + "." + (close.isEmpty()
        ? " Ask tools/list for the tools of this server."
        : " Did you mean " + String.join(", ", close) + "?");
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
    String s = a.toLowerCase(Locale.ROOT);
    String t = b.toLowerCase(Locale.ROOT);
    int[] previous = new int[t.length() + 1];
    int[] current = new int[t.length() + 1];
    for (int j = 0; j <= t.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= s.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= t.length(); j++) {
        int substitution = previous[j - 1] + (s.charAt(i - 1) == t.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[t.length()];
  }

  /** Whether one name holds the other, ignoring case: a name without its prefix, or with a word more. */
  private static boolean contains(String candidate, String asked) {
    String a = candidate.toLowerCase(Locale.ROOT);
    String b = asked.toLowerCase(Locale.ROOT);
    return b.length() >= 4 && (a.contains(b) || b.contains(a));
  }
}
