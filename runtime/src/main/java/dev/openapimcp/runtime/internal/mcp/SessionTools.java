package dev.openapimcp.runtime.internal.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openapimcp.runtime.internal.tool.PreparedTool;
import dev.openapimcp.runtime.internal.tool.ToolHandler;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which 2025-11-25 {@code tools/call} requests of a session a transport answers itself, with the
 * handlers the SDK's server has, rather than handing them to the SDK's session: those the session
 * would answer the same way. A call of a tool this server has, unless some calls ask the user first
 * ({@code --confirm} is not {@code off}) and the session's client can be asked: that question is a
 * request to the client, which only the SDK's session can send and match with its answer. Unknown
 * tools stay with the SDK too (its error, with the closest names, is {@code UnknownTools}').
 *
 * <p>Measured with {@code bench/run.sh} (2-CPU VM): over Streamable HTTP the SDK's lane carried 749
 * calls/s where the same calls answered without it carried 1,368.
 */
public final class SessionTools {

  /**
   * The one client notification the SDK's session is given. For any other it has no handler for it
   * logs a warning ("No handler registered for notification method") and does nothing; for {@code
   * notifications/roots/list_changed} (Claude Code declares {@code roots}) it sends the client a
   * {@code roots/list} request, then logs a warning that no one consumes roots (SDK 2.1.0, {@code
   * McpAsyncServer.prepareNotificationHandlers}): this server uses no roots.
   */
  private static final String SDK_NOTIFICATION = "notifications/initialized";

  private final Map<String, ToolHandler> handlers = new HashMap<>();
  private final boolean confirms;

  /**
   * @param tools the tools the SDK's server answers, listed and unlisted
   * @param confirms whether some calls ask the user first ({@code --confirm} is not {@code off})
   */
  public SessionTools(List<PreparedTool> tools, boolean confirms) {
    for (PreparedTool tool : tools) {
      handlers.putIfAbsent(tool.tool().name(), tool.handler());
    }
    this.confirms = confirms;
  }

  /**
   * The handler that answers a call of the tool {@code name} as the session would, or {@code null}
   * when the session answers it.
   *
   * @param canAsk whether the session's client can be asked a question ({@link #canAsk})
   */
  public ToolHandler handler(String name, boolean canAsk) {
    return confirms && canAsk ? null : handlers.get(name);
  }

  /**
   * Whether a client with these capabilities (an {@code initialize} request's {@code capabilities})
   * can be asked a form question, as {@link SdkServers#confirmer} decides it: it declared {@code
   * elicitation}, and not URL mode alone (no mode named means form mode, client/elicitation.mdx).
   */
  public static boolean canAsk(JsonNode capabilities) {
    JsonNode elicitation = capabilities == null ? null : capabilities.get("elicitation");
    if (elicitation == null || !elicitation.isObject()) {
      return false;
    }
    return elicitation.has("form") || !elicitation.has("url");
  }

  /**
   * Whether the SDK's session does anything with a client notification of this method. One it does
   * not is read and dropped by the transport (a notification is never answered), not handed to the
   * session to be logged as a warning: {@code notifications/roots/list_changed}, {@code
   * notifications/progress}, one a later revision adds, or a {@code tools/call} sent without an id.
   */
  public static boolean sessionHandles(String notification) {
    return SDK_NOTIFICATION.equals(notification);
  }
}
