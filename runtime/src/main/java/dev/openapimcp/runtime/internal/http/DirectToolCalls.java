package dev.openapimcp.runtime.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openapimcp.runtime.internal.mcp.SessionTools;
import dev.openapimcp.runtime.internal.tool.CallContext;
import dev.openapimcp.runtime.internal.tool.Cancellation;
import dev.openapimcp.runtime.internal.tool.ToolHandler;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers MCP 2025-11-25 {@code tools/call} requests on Streamable HTTP itself, with the tool
 * handlers the SDK's server has, so that a call does not pass through the SDK's transport and
 * session: the servlet's session lookup, Reactor pipeline and event stream. Measured with {@code
 * bench/run.sh} (16 clients calling without pause, 2-CPU VM): the SDK's lane carried 749 calls/s
 * where the same calls as 2026-07-28 requests, which never reach the SDK, carried 1,368.
 *
 * <p>It takes only what the SDK would answer the same way: a request (not a notification) of a tool
 * this server has, with an object or no {@code arguments}, in a session the SDK opened and still
 * has ({@link KnownSessions}) or on a stateless server. It leaves to the SDK a call that may need to
 * ask the user ({@code --confirm} on, and a client that declared form elicitation): that question is
 * a request to the client on the session's event stream. The answer is the JSON-RPC response the
 * SDK would send, written by the SDK's JSON mapper, as {@code application/json} when the call is done
 * within two seconds, else as the one event of an event stream that carries a comment every two
 * seconds until then ({@link PendingAnswer}; the transport lets a server answer a request either
 * way, and every client must read both). The SDK's servlet sent nothing, not even its headers,
 * until the call was done.
 *
 * <p>Like the SDK's servlet it answers on the request's thread; a call is bounded by its own limits
 * (queue wait, rate limit, retries, request timeout). Unlike the SDK's
 * session (2.1.0, which has no handler for it), a session's {@code notifications/cancelled} stops a
 * call answered here ({@link #cancel}).
 */
final class DirectToolCalls {

  private static final Logger LOG = LoggerFactory.getLogger(DirectToolCalls.class);

  private static final String TOOLS_CALL = "tools/call";
  private static final TypeRef<Map<String, Object>> OBJECT = new TypeRef<>() {};

  private final SessionTools tools;
  /** The calls of sessions being answered here, by {@link #key}. */
  private final Map<String, Cancellation> running = new ConcurrentHashMap<>();
  private final Function<HttpServletRequest, CallContext> callContext;
  /** The SDK server's mapper: arguments read and answers written exactly as the SDK does. */
  private final McpJsonMapper mapper = McpJsonDefaults.getMapper();

  /**
   * @param tools the calls taken from the SDK
   * @param callContext what a call learns from its HTTP request (token passthrough), as the SDK's
   *     context extractor gives it
   */
  DirectToolCalls(SessionTools tools, Function<HttpServletRequest, CallContext> callContext) {
    this.tools = tools;
    this.callContext = callContext;
  }

  /**
   * The handler of {@code message} when this answers it, else {@code null} (the SDK answers).
   *
   * @param canAsk whether the session's client can be asked a question ({@link SessionTools#canAsk})
   */
  ToolHandler handler(JsonNode message, boolean canAsk) {
    JsonNode id = message.get("id");
    if (!TOOLS_CALL.equals(message.path("method").asText(null)) || id == null
        || !(id.isTextual() || id.isIntegralNumber())) {
      return null;
    }
    JsonNode params = message.get("params");
    if (params == null || !params.isObject()) {
      return null;
    }
    JsonNode name = params.get("name");
    JsonNode arguments = params.get("arguments");
    if (name == null || !name.isTextual()
        || (arguments != null && !arguments.isNull() && !arguments.isObject())) {
      return null;
    }
    return tools.handler(name.asText(), canAsk);
  }

  /**
   * Runs the call of {@code message} (which {@link #handler} took) and sends its JSON-RPC response
   * ({@link PendingAnswer}: whole when it is ready within two seconds, else on an event stream).
   *
   * @param session the session the call belongs to, whose {@code notifications/cancelled} can
   *     cancel it ({@link #cancel}); {@code null} on a stateless server
   */
  void serve(HttpServletRequest request, HttpServletResponse response, JsonNode message, ToolHandler handler,
      String session) throws IOException {
    Object id = mapper.convertValue(message.get("id"), Object.class);
    JsonNode arguments = message.get("params").get("arguments");
    Map<String, Object> values = arguments == null || arguments.isNull() ? null : mapper.convertValue(arguments, OBJECT);
    Cancellation cancellation = session == null ? Cancellation.NEVER : Cancellation.create();
    String key = session == null ? null : key(session, message.get("id"));
    if (key != null) {
      running.put(key, cancellation);
    }
    try {
      CompletableFuture<CallToolResult> call;
      try {
        call = handler.call(values, callContext.apply(request).withCancellation(cancellation));
      } catch (RuntimeException e) {
        call = CompletableFuture.failedFuture(e);
      }
      CompletableFuture<PendingAnswer.Answer> answer = call.handle((result, failure) -> {
        if (cancellation.isCancelled()) {
          // 2025-11-25 (basic/utilities/cancellation.mdx): receivers "SHOULD ... Not send a response for the
          // cancelled request". The POST still needs an end: an event stream that carries no event.
          return PendingAnswer.NONE;
        }
        if (failure != null) {
          // Logged without the message: it may quote the call's arguments.
          LOG.warn("A tool call failed outside its handler ({})", failure.getClass().getName());
          return whole(failed(id, "Internal error: the server failed to process this message"));
        }
        return whole(new McpSchema.JSONRPCResponse(McpSchema.JSONRPC_VERSION, id, result, null));
      });
      if (!PendingAnswer.send(response, answer, why -> whole(failed(id, why)))) {
        // 2025-11-25: a closed stream is not a cancellation; the call runs on, its answer has nowhere to go.
        LOG.debug("The client left before the answer to a tool call");
      }
    } finally {
      if (key != null) {
        running.remove(key, cancellation);
      }
    }
  }

  /** {@code response} as the whole answer: 200 and its JSON, written by the SDK's mapper. */
  private PendingAnswer.Answer whole(McpSchema.JSONRPCResponse response) {
    try {
      return new PendingAnswer.Answer(HttpServletResponse.SC_OK, mapper.writeValueAsBytes(response));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Cancels the call of {@code session} that a {@code notifications/cancelled} names by its {@code
   * requestId}, if one is running here: its request to the API is abandoned and no response is sent
   * for it. Whether one was.
   */
  boolean cancel(String session, JsonNode requestId) {
    Cancellation cancellation = requestId == null ? null : running.get(key(session, requestId));
    if (cancellation == null) {
      return false;
    }
    cancellation.cancel();
    return true;
  }

  /** A call's key: its session, and its id as JSON text (so {@code 5} and {@code "5"} differ). */
  private static String key(String session, JsonNode id) {
    return session + '\n' + id;
  }

  private static McpSchema.JSONRPCResponse failed(Object id, String message) {
    return new McpSchema.JSONRPCResponse(McpSchema.JSONRPC_VERSION, id, null,
        new McpSchema.JSONRPCResponse.JSONRPCError(McpSchema.ErrorCodes.INTERNAL_ERROR, message, null));
  }
}
