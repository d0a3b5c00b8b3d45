package dev.openapimcp.runtime.internal.confirm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openapimcp.model.HttpBinding;
import dev.openapimcp.model.ToolDefinition;
import dev.openapimcp.runtime.internal.tool.CallContext;
import dev.openapimcp.runtime.internal.tool.Confirmer;
import dev.openapimcp.runtime.internal.tool.PreparedTool;
import dev.openapimcp.runtime.internal.tool.ToolHandler;
import dev.openapimcp.runtime.internal.tool.ToolResults;
import dev.openapimcp.runtime.settings.ServerSettings.Confirm;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a question before the calls {@code --confirm} names: {@link Confirm#DESTRUCTIVE} the tools
 * whose {@code destructiveHint} is true, {@link Confirm#WRITES} every tool whose {@code readOnlyHint}
 * is not. The question (tool, HTTP method, path, arguments) goes to the {@link Confirmer} of the
 * call's {@link CallContext}; only a yes lets the call through. No confirmer (the client declared no
 * elicitation) is an error result explaining the flag: the server was told to ask, and cannot.
 *
 * <p>It wraps operations before discovery does, so {@code invoke_operation} asks for them too.
 */
public final class ConfirmingTools {

  private static final Logger LOG = LoggerFactory.getLogger(ConfirmingTools.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Arguments longer than this are cut in the question; the call still sends them whole. */
  static final int MAX_ARGUMENTS_CHARS = 2000;

  private ConfirmingTools() {}

  /**
   * {@code tools}, each that {@code mode} names answering through a question first.
   *
   * @param definitions the catalog's tools, for each one's HTTP method and path
   */
  public static List<PreparedTool> wrap(List<PreparedTool> tools, List<ToolDefinition> definitions, Confirm mode) {
    if (mode == Confirm.OFF) {
      return tools;
    }
    Map<String, HttpBinding> bindings = definitions.stream()
        .collect(Collectors.toMap(ToolDefinition::name, ToolDefinition::http, (first, second) -> first));
    List<PreparedTool> wrapped = new ArrayList<>(tools.size());
    for (PreparedTool tool : tools) {
      HttpBinding binding = bindings.get(tool.tool().name());
      wrapped.add(binding != null && asks(mode, tool.tool().annotations())
          ? new PreparedTool(tool.tool(), new Confirming(tool.tool(), binding, mode, tool.handler()))
          : tool);
    }
    return List.copyOf(wrapped);
  }

  /** Whether {@code mode} asks before calls of a tool with these hints (none stated: not read-only). */
  static boolean asks(Confirm mode, McpSchema.ToolAnnotations hints) {
    return switch (mode) {
      case OFF -> false;
      case DESTRUCTIVE -> hints != null && Boolean.TRUE.equals(hints.destructiveHint());
      case WRITES -> hints == null || !Boolean.TRUE.equals(hints.readOnlyHint());
    };
  }

  /** One tool's handler behind its question. */
  private static final class Confirming implements ToolHandler {

    private final McpSchema.Tool tool;
    private final HttpBinding binding;
    private final Confirm mode;
    private final ToolHandler delegate;

    Confirming(McpSchema.Tool tool, HttpBinding binding, Confirm mode, ToolHandler delegate) {
      this.tool = tool;
      this.binding = binding;
      this.mode = mode;
      this.delegate = delegate;
    }

    @Override
    public CompletableFuture<CallToolResult> call(Map<String, Object> arguments, CallContext context) {
      Confirmer confirmer = context.confirmer();
      if (confirmer == null) {
        return ToolResults.failed("Not sent: this server asks the user before calling "
            + (mode == Confirm.DESTRUCTIVE ? "destructive tools" : "tools that change data")
            + " (--confirm " + mode.label() + "), but cannot ask this client: it declared no elicitation capability"
            + " (or it speaks 2025-11-25 to a --stateless server, which cannot send it a question). Use a client"
            + " that supports elicitation, or start the server with --confirm off.");
      }
      Confirmer.Answer answer;
      try {
        answer = confirmer.confirm(question(arguments));
      } catch (RuntimeException e) {
        LOG.warn("Asking the user to confirm {} failed: {}", tool.name(), e.toString());
        answer = Confirmer.Answer.REFUSED;
      }
      return switch (answer) {
        case CONFIRMED -> delegate.call(arguments, context);
        case REFUSED -> ToolResults.failed("Not confirmed: the user did not approve " + tool.name() + " ("
            + binding.method() + " " + binding.pathTemplate() + "); nothing was sent to the API.");
        case ASKED -> ToolResults.failed("Waiting for the user to confirm " + tool.name()
            + "; nothing was sent to the API.");
      };
    }

    /** {@code Call delete-item: DELETE /v1/items/{item_id} with {"item_id":"7"}. Send it?} */
    String question(Map<String, Object> arguments) {
      String shown;
      try {
        shown = JSON.writeValueAsString(arguments == null ? Map.of() : arguments);
      } catch (JsonProcessingException e) {
        shown = String.valueOf(arguments);
      }
      if (shown.length() > MAX_ARGUMENTS_CHARS) {
        shown = shown.substring(0, MAX_ARGUMENTS_CHARS) + "… (" + shown.length() + " characters in all)";
      }
      String title = tool.title() == null || tool.title().equals(tool.name()) ? "" : " (" + tool.title() + ")";
      return "Call " + tool.name() + title + ": " + binding.method() + " " + binding.pathTemplate() + " with "
          + shown + ". Send this request to the API?";
    }
  }
}
