package dev.openapimcp.runtime.internal.discovery;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openapimcp.runtime.internal.json.JsonText;
import dev.openapimcp.runtime.internal.tool.CallContext;
import dev.openapimcp.runtime.internal.tool.PreparedTool;
import dev.openapimcp.runtime.internal.tool.ToolResults;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Replaces one-tool-per-operation with three tools, so {@code tools/list} stays a few KB whatever
 * the API's size: {@code search_operations} (keywords, paged), {@code describe_operation} (one
 * operation's full input schema) and {@code invoke_operation} (a call, decoded and validated exactly
 * like a direct tool call). Tools named in {@code curated} stay directly listed beside them.
 */
public final class ToolDiscovery {

  static final String SEARCH = "search_operations";
  static final String DESCRIBE = "describe_operation";
  static final String INVOKE = "invoke_operation";
  static final int DEFAULT_LIMIT = 20;
  static final int MAX_LIMIT = 50;
  private static final int SUMMARY_CHARS = 160;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, PreparedTool> operations = new LinkedHashMap<>();

  private ToolDiscovery(List<PreparedTool> tools) {
    for (PreparedTool tool : tools) {
      operations.put(tool.tool().name(), tool);
    }
  }

  /**
   * The tools to list in discovery mode: the curated ones as they are (each once, in order), then the
   * three discovery tools (which reach every operation, curated or not).
   *
   * @throws IllegalArgumentException whose message is the rule a curated name breaks, {@code names
   *     x, which is not a tool of this server}, for a name the catalog does not have
   */
  public static List<PreparedTool> expose(List<PreparedTool> tools, Collection<String> curated) {
    ToolDiscovery discovery = new ToolDiscovery(tools);
    Map<String, PreparedTool> exposedByName = new LinkedHashMap<>();
    for (String name : curated) {
      PreparedTool tool = discovery.operations.get(name);
      if (tool == null) {
        throw new IllegalArgumentException("names " + name + ", which is not a tool of this server");
      }
      exposedByName.put(name, tool);
    }
    List<PreparedTool> exposed = new ArrayList<>(exposedByName.values());
    exposed.add(new PreparedTool(tool(SEARCH, "Search the API's operations",
        "Find operations of this API by keywords (matched against names, titles, descriptions and paths). "
            + "Returns names with one-line summaries, a page at a time; pass nextCursor back for more. Then use "
            + DESCRIBE + " for an operation's arguments and " + INVOKE + " to call it.",
        "{\"type\":\"object\",\"properties\":{\"query\":{\"type\":\"string\",\"description\":\"Keywords; omit to list"
            + " all\"},\"limit\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":" + MAX_LIMIT + ",\"default\":"
            + DEFAULT_LIMIT + "},\"cursor\":{\"type\":\"string\",\"description\":\"nextCursor of the previous page\"}}}",
        true), discovery::search));
    exposed.add(new PreparedTool(tool(DESCRIBE, "Describe one operation",
        "The full description, input schema and hints of one operation found with " + SEARCH + ".",
        "{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}},\"required\":[\"name\"]}", true),
        discovery::describe));
    exposed.add(new PreparedTool(tool(INVOKE, "Call one operation",
        "Call an operation by name with arguments that match the input schema " + DESCRIBE + " returned. "
            + "The arguments are validated before anything is sent.",
        "{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"},\"arguments\":{\"type\":\"object\"}},"
            + "\"required\":[\"name\"]}", false), discovery::invoke));
    return List.copyOf(exposed);
  }

  private static McpSchema.Tool tool(String name, String title, String description, String schema, boolean readOnly) {
    try {
      return McpSchema.Tool.builder(name, JsonText.parseTrustedObject(schema))
          .title(title)
          .description(description)
          .annotations(McpSchema.ToolAnnotations.builder().title(title).readOnlyHint(readOnly).build())
          .build();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("Discovery tool schema of " + name + " is not JSON", e);
    }
  }

  private CompletableFuture<CallToolResult> search(Map<String, Object> arguments, CallContext context) {
    Map<String, Object> args = arguments == null ? Map.of() : arguments;
    String query = args.get("query") instanceof String text ? text.toLowerCase(Locale.ROOT) : "";
    int limit = args.get("limit") instanceof Number number
        ? Math.max(1, Math.min(MAX_LIMIT, number.intValue())) : DEFAULT_LIMIT;
    int offset;
    try {
      offset = args.get("cursor") instanceof String cursor && !cursor.isBlank() ? Integer.parseInt(cursor) : 0;
    } catch (NumberFormatException e) {
      return ToolResults.failed("cursor: not a cursor this server gave out; omit it to start over.");
    }
    List<String> words = query.isBlank() ? List.of() : List.of(query.trim().split("\\s+"));
    List<Map<String, Object>> matches = new ArrayList<>();
    for (PreparedTool operation : operations.values()) {
      McpSchema.Tool tool = operation.tool();
      String haystack = (tool.name() + " " + tool.title() + " " + tool.description()).toLowerCase(Locale.ROOT);
      if (words.stream().allMatch(haystack::contains)) {
        Map<String, Object> match = new LinkedHashMap<>();
        match.put("name", tool.name());
        match.put("summary", summary(tool));
        matches.add(match);
      }
    }
    Map<String, Object> page = new LinkedHashMap<>();
    int end = Math.min(matches.size(), offset + limit);
    page.put("operations", offset >= matches.size() ? List.of() : matches.subList(offset, end));
    page.put("total", matches.size());
    if (end < matches.size()) {
      page.put("nextCursor", String.valueOf(end));
    }
    return json(page);
  }

  private CompletableFuture<CallToolResult> describe(Map<String, Object> arguments, CallContext context) {
    PreparedTool operation = operation(arguments);
    if (operation == null) {
      return unknown(arguments);
    }
    McpSchema.Tool tool = operation.tool();
    Map<String, Object> description = new LinkedHashMap<>();
    description.put("name", tool.name());
    description.put("title", tool.title());
    description.put("description", tool.description());
    description.put("inputSchema", tool.inputSchema());
    description.put("annotations", tool.annotations());
    return json(description);
  }

  private CompletableFuture<CallToolResult> invoke(Map<String, Object> arguments, CallContext context) {
    PreparedTool operation = operation(arguments);
    if (operation == null) {
      return unknown(arguments);
    }
    Object callArguments = arguments.get("arguments");
    if (callArguments instanceof String text) {
      callArguments = JsonText.parse(text).orElse(text);
    }
    if (callArguments != null && !(callArguments instanceof Map<?, ?>)) {
      return ToolResults.failed("arguments: expected an object with the operation's arguments.");
    }
    @SuppressWarnings("unchecked") // JSON objects arrive as maps with string keys.
    Map<String, Object> forward = (Map<String, Object>) callArguments;
    return operation.handler().call(forward, context);
  }

  private PreparedTool operation(Map<String, Object> arguments) {
    return arguments != null && arguments.get("name") instanceof String name ? operations.get(name) : null;
  }

  private static CompletableFuture<CallToolResult> unknown(Map<String, Object> arguments) {
    Object name = arguments == null ? null : arguments.get("name");
    return ToolResults.failed("name: no operation called " + name + "; use " + SEARCH + " to find one.");
  }

  private static String summary(McpSchema.Tool tool) {
    String text = tool.title() != null ? tool.title() : tool.description() == null ? "" : tool.description();
    return text.length() <= SUMMARY_CHARS ? text : text.substring(0, SUMMARY_CHARS - 1) + "…";
  }

  private static CompletableFuture<CallToolResult> json(Object value) {
    try {
      return CompletableFuture.completedFuture(CallToolResult.builder()
          .addTextContent(JSON.writeValueAsString(value))
          .isError(false)
          .build());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return ToolResults.failed("The server could not write its answer (" + e.getOriginalMessage() + ").");
    }
  }
}
