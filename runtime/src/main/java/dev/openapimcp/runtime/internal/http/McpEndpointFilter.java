package dev.openapimcp.runtime.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.openapimcp.model.ProtocolVersions;
import dev.openapimcp.runtime.internal.json.JsonRpcShape;
import dev.openapimcp.runtime.internal.mcp.SessionTools;
import dev.openapimcp.runtime.internal.modern.ModernLane;
import dev.openapimcp.runtime.internal.tool.CallContext;
import dev.openapimcp.runtime.internal.tool.Cancellation;
import dev.openapimcp.runtime.internal.tool.ToolHandler;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last filter before the SDK's servlet. The servlet answers what it cannot use with the
 * serialized Java exception it built the error from (its stack trace, a parser's message naming
 * SDK classes, the session id it was sent), 27 frames for a malformed body, and Tomcat with an HTML
 * page; this filter makes every such answer a JSON-RPC error of a few dozen bytes:
 *
 * <ul>
 *   <li>it refuses itself, with a precise message and the request's id when it has one, what the
 *       servlet would refuse: a body that is not JSON ({@code -32700}) or not a JSON-RPC message
 *       ({@code -32600}), a {@code Content-Type} other than JSON (415), an {@code Accept} without
 *       JSON and event streams, a missing {@code Mcp-Session-Id} (400), a body over the limit (413);
 *       a 2026-07-28 request ({@link #hasModernHeaders}) gets {@code -32600} for the media types and
 *       the size, not the legacy {@code -32000} (basic/index.mdx: codes -32000 to -32019 are legacy,
 *       "new implementations SHOULD NOT use" them), and 406 for its {@code Accept}, as the Python SDK's
 *       2026-07-28 server answers it (the revision's transport text names no status for either);
 *   <li>whatever error the servlet still answers (an unknown session, a method it does not serve, a
 *       failure inside it) is caught on its way out: the servlet's body is dropped and a fixed
 *       message for the status is sent instead.
 * </ul>
 *
 * <p>It also routes between the protocol eras: a POST the {@link ModernLane} takes (MCP 2026-07-28,
 * see {@link #isModern}) is answered here by that lane and never reaches the SDK's servlet; a GET or
 * DELETE without a session is answered 405, as 2026-07-28 has no stream and no session to end. A
 * 2025-11-25 {@code tools/call} that {@link DirectToolCalls} takes is answered here too, beside the
 * SDK's transport; the filter keeps {@link KnownSessions} in step with the sessions the servlet opens
 * and ends.
 *
 * <p>It sits behind authentication, so only authorized clients get a body read and parsed; the
 * servlet then reads the same bytes again from memory.
 */
final class McpEndpointFilter implements Filter {

  private static final Logger LOG = LoggerFactory.getLogger(McpEndpointFilter.class);

  private static final String SESSION_HEADER = "Mcp-Session-Id";

  private static final String VERSION_HEADER = "MCP-Protocol-Version";

  private static final String CANCELLED = "notifications/cancelled";

  /** One JSON value per body; Jackson's default limits (nesting depth 1000) as the SDK's reader has them. */
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

  private final boolean stateless;
  private final int maxRequestBytes;
  private final ModernLane modern;
  private final Function<HttpServletRequest, CallContext> callContext;
  private final DirectToolCalls direct;
  private final KnownSessions sessions;

  /**
   * @param modern answers MCP 2026-07-28 requests
   * @param callContext what a modern request's tool call learns from its HTTP request (token passthrough)
   * @param direct answers the 2025-11-25 tool calls it takes without the SDK
   * @param sessions the sessions the SDK opened, as this filter sees them pass (unused when stateless)
   */
  McpEndpointFilter(boolean stateless, int maxRequestBytes, ModernLane modern,
      Function<HttpServletRequest, CallContext> callContext, DirectToolCalls direct, KnownSessions sessions) {
    this.stateless = stateless;
    this.maxRequestBytes = maxRequestBytes;
    this.modern = modern;
    this.callContext = callContext;
    this.direct = direct;
    this.sessions = sessions;
  }

  @Override
  public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) servletRequest;
    HttpServletResponse response = (HttpServletResponse) servletResponse;
    HttpServletRequest forwarded = request;
    JsonNode id = null;
    JsonNode initialize = null;
    String method = request.getMethod();
    // The session id as the SDK looks it up, once; null when there is none.
    String header = request.getHeader(SESSION_HEADER);
    String session = isBlank(header) ? null : header.strip();
    if (method.equals("POST")) {
      Message message = readMessage(request, response, hasModernHeaders(request));
      if (message == null) {
        return;
      }
      if (isModern(request, message.json())) {
        serveModern(request, response, message.json());
        return;
      }
      id = message.id();
      if (message.json().path("method").asText("").equals("initialize")) {
        initialize = message.json();
      } else if (!stateless && session == null) {
        refuse(response, HttpServletResponse.SC_BAD_REQUEST, ErrorResponses.REFUSED,
            "Bad Request: the Mcp-Session-Id header is required; start a session with initialize", id);
        return;
      }
      if (serveDirectly(request, response, message.json(), session)) {
        return;
      }
      forwarded = new CachedBodyRequest(request, message.body());
    } else if ((method.equals("GET") || method.equals("DELETE")) && session == null) {
      // No session: a modern client, or a legacy one before initialize. Neither has a stream or a session to end.
      response.setHeader("Allow", "POST");
      refuse(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, JsonRpcShape.INVALID_REQUEST,
          "Method not allowed: send JSON-RPC messages with POST", null);
      return;
    } else if (!stateless && (method.equals("GET") || method.equals("DELETE")) && refuseStream(request, response)) {
      return;
    }

    ErrorCapturingResponse captured = new ErrorCapturingResponse(response);
    try {
      chain.doFilter(forwarded, captured);
    } catch (RuntimeException | ServletException e) {
      // Logged without the exception: its message may quote what the client sent.
      LOG.warn("The MCP endpoint failed on a {} request ({})", method, e.getClass().getName());
      captured.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
    }
    int status = captured.errorStatus();
    if (!stateless) {
      follow(response, method, session, initialize, status);
    }
    if (status != 0 && !response.isCommitted()) {
      response.reset();
      if (status == HttpServletResponse.SC_METHOD_NOT_ALLOWED) {
        response.setHeader("Allow", stateless ? "POST" : "GET, POST, DELETE");
      }
      ErrorResponses.send(response, status, codeFor(status), messageFor(status), id);
    }
  }

  /**
   * Answers {@code message} with {@link DirectToolCalls} when it takes it: on a stateless server any
   * call it takes (the SDK's stateless server asks no one), else a call in a session {@link
   * KnownSessions} knows, with what that session's client can be asked, and the notifications the
   * SDK has no use for, that session's {@code notifications/cancelled} among them.
   */
  private boolean serveDirectly(HttpServletRequest request, HttpServletResponse response, JsonNode message,
      String session) throws IOException {
    if (!stateless && session == null) {
      return false;
    }
    KnownSessions.Session known = stateless ? null : sessions.find(session);
    if (!stateless && known == null) {
      return false;
    }
    String method = message.path("method").asText(null);
    if (method != null && !message.has("id") && !SessionTools.sessionHandles(method)) {
      // A notification the SDK's session does nothing with but log a warning (SessionTools). A session's
      // notifications/cancelled stops a call answered here. Accepted either way, as a notification is.
      if (known != null && CANCELLED.equals(method)) {
        direct.cancel(session, message.path("params").get("requestId"));
      } else {
        LOG.debug("Ignored a notification the server has no use for: {}", method);
      }
      response.setStatus(HttpServletResponse.SC_ACCEPTED);
      return true;
    }
    ToolHandler handler = direct.handler(message, known != null && known.canAsk());
    if (handler == null) {
      return false;
    }
    direct.serve(request, response, message, handler, known == null ? null : session);
    return true;
  }

  /**
   * Keeps {@link KnownSessions} in step with the SDK's transport after it answered: the session an
   * {@code initialize} opened (its id in the response's header), one it does not know (404) or ended
   * ({@code DELETE}), one it has just seen a request of.
   */
  private void follow(HttpServletResponse response, String method, String session, JsonNode initialize,
      int errorStatus) {
    if (initialize != null) {
      String opened = response.getHeader(SESSION_HEADER);
      if (errorStatus == 0 && !isBlank(opened)) {
        sessions.opened(opened.strip(), initialize.path("params").get("capabilities"));
      }
    } else if (session != null) {
      if (errorStatus == HttpServletResponse.SC_NOT_FOUND || (method.equals("DELETE") && errorStatus == 0)) {
        sessions.ended(session);
      } else if (errorStatus == 0) {
        sessions.seenBySdk(session);
      }
    }
  }

  /**
   * The POST body checked as one JSON-RPC message, or {@code null} when it was refused.
   *
   * @param modern whether the headers say 2026-07-28, whose refusals carry no legacy code
   */
  private Message readMessage(HttpServletRequest request, HttpServletResponse response, boolean modern)
      throws IOException {
    int refused = ErrorResponses.refusal(modern);
    if (request.getContentLengthLong() > maxRequestBytes) {
      refuse(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, refused, tooLarge(), null);
      return null;
    }
    String contentType = request.getContentType();
    Charset charset = charset(request);
    if (!isJson(contentType) || charset == null) {
      refuse(response, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE, refused,
          messageFor(HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE), null);
      return null;
    }
    String accept = request.getHeader("Accept");
    if (accept == null || !accept.contains("application/json") || !accept.contains("text/event-stream")) {
      refuse(response, modern ? HttpServletResponse.SC_NOT_ACCEPTABLE : HttpServletResponse.SC_BAD_REQUEST, refused,
          (modern ? "Not Acceptable" : "Bad Request")
              + ": the Accept header must list both application/json and text/event-stream", null);
      return null;
    }
    byte[] body = readBody(request);
    if (body == null) {
      refuse(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, refused, tooLarge(), null);
      return null;
    }
    JsonNode message;
    try {
      message = JSON.readTree(new String(body, charset));
    } catch (JsonProcessingException e) {
      message = null;
    }
    if (message == null || message.isMissingNode()) {
      refuse(response, HttpServletResponse.SC_BAD_REQUEST, JsonRpcShape.PARSE_ERROR,
          "Parse error: the request body is not valid JSON", null);
      return null;
    }
    JsonNode id = JsonRpcShape.id(message);
    String problem = JsonRpcShape.problem(message, "request");
    if (problem != null) {
      refuse(response, HttpServletResponse.SC_BAD_REQUEST, JsonRpcShape.INVALID_REQUEST, "Invalid Request: " + problem,
          id);
      return null;
    }
    return new Message(body, message, id);
  }

  private record Message(byte[] body, JsonNode json, JsonNode id) {}

  /**
   * Whether a POST belongs to the modern lane: never with a session (only the SDK's handshake hands
   * those out); by its {@code MCP-Protocol-Version} header when it has one (any value but a handshake
   * version, unknown ones included, so they get the lane's -32022); else by its body ({@link
   * ModernLane#claims}), which the lane then refuses for the missing header. The rule of the protocol
   * brief (its section 2.3), a superset of the Python SDK server's header-only routing.
   */
  private boolean isModern(HttpServletRequest request, JsonNode message) {
    if (modern == null || !isBlank(request.getHeader(SESSION_HEADER))) {
      return false;
    }
    return request.getHeader(VERSION_HEADER) != null ? hasModernHeaders(request) : ModernLane.claims(message);
  }

  /**
   * Whether the headers alone say 2026-07-28: no session, and an {@code MCP-Protocol-Version} other
   * than a handshake version. What refuses a request before its body is read (authentication, the
   * media types) answers as that revision says when this holds; a modern body without the header is
   * refused by the lane for the missing header.
   */
  static boolean hasModernHeaders(HttpServletRequest request) {
    String version = request.getHeader(VERSION_HEADER);
    return version != null && isBlank(request.getHeader(SESSION_HEADER))
        && !ProtocolVersions.HANDSHAKE.contains(version.strip());
  }

  /**
   * Answers a modern request on this thread: a tool call runs here, as the SDK's servlet would run it,
   * and a long one is answered on an event stream ({@link PendingAnswer}). 2026-07-28 says "Closing
   * the SSE response stream MUST be treated by the server as cancellation of that request"
   * (basic/transports/streamable-http.mdx): the write that fails cancels the call, which abandons its
   * request to the API.
   */
  private void serveModern(HttpServletRequest request, HttpServletResponse response, JsonNode message)
      throws IOException {
    Cancellation cancellation = Cancellation.create();
    CompletableFuture<ModernLane.Answer> pending;
    try {
      pending = modern.handle(message, request::getHeader, callContext.apply(request).withCancellation(cancellation));
    } catch (RuntimeException e) {
      pending = CompletableFuture.failedFuture(e);
    }
    CompletableFuture<PendingAnswer.Answer> answer = pending.thenApply(done -> done.body() == null
        ? new PendingAnswer.Answer(HttpServletResponse.SC_ACCEPTED, null)
        : new PendingAnswer.Answer(done.status(), bytes(done.body())));
    boolean delivered = PendingAnswer.send(response, answer, why -> {
      if (!Thread.currentThread().isInterrupted()) {
        LOG.warn("The modern lane failed on a request");
      }
      ModernLane.Answer error = ModernLane.error(JsonRpcShape.id(message), ModernLane.INTERNAL_ERROR, why, null);
      return new PendingAnswer.Answer(error.status(), bytes(error.body()));
    });
    if (!delivered || Thread.currentThread().isInterrupted()) {
      LOG.debug("The client closed the stream of a request, or the server stopped waiting; cancelling its call");
      cancellation.cancel();
    }
  }

  private static byte[] bytes(JsonNode body) {
    try {
      return JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A JSON tree writes as JSON", e);
    }
  }

  /** Refuses a stateful GET (the event stream) or DELETE (end of session) the servlet cannot serve. */
  private boolean refuseStream(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String accept = request.getHeader("Accept");
    if (request.getMethod().equals("GET") && (accept == null || !accept.contains("text/event-stream"))) {
      refuse(response, HttpServletResponse.SC_BAD_REQUEST, ErrorResponses.REFUSED,
          "Bad Request: the Accept header must list text/event-stream", null);
      return true;
    }
    if (isBlank(request.getHeader(SESSION_HEADER))) {
      refuse(response, HttpServletResponse.SC_BAD_REQUEST, ErrorResponses.REFUSED,
          "Bad Request: the Mcp-Session-Id header is required", null);
      return true;
    }
    return false;
  }

  private static void refuse(HttpServletResponse response, int status, int code, String message, JsonNode id)
      throws IOException {
    LOG.debug("Refused an MCP request: HTTP {}, {}", status, message);
    ErrorResponses.send(response, status, code, message, id);
  }

  /** The whole body, or {@code null} when it is longer than the limit (the rest is not read). */
  private byte[] readBody(HttpServletRequest request) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream(Math.max(0, (int) Math.min(
        request.getContentLengthLong(), maxRequestBytes)));
    byte[] buffer = new byte[8192];
    InputStream in = request.getInputStream();
    for (int read = in.read(buffer); read != -1; read = in.read(buffer)) {
      if (body.size() + read > maxRequestBytes) {
        return null;
      }
      body.write(buffer, 0, read);
    }
    return body.toByteArray();
  }

  /** {@code application/json} with any parameters, as the SDK accepts it. */
  private static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    int semicolon = contentType.indexOf(';');
    String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
    return type.strip().toLowerCase(Locale.ROOT).equals("application/json");
  }

  /** The body's declared charset (UTF-8 when none), which the SDK decodes with too; {@code null} if unknown. */
  private static Charset charset(HttpServletRequest request) {
    String name = request.getCharacterEncoding();
    if (name == null) {
      return StandardCharsets.UTF_8;
    }
    try {
      return Charset.forName(name);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  private String tooLarge() {
    return "Payload too large: a request body may have at most " + maxRequestBytes + " bytes";
  }

  private static int codeFor(int status) {
    return switch (status) {
      case HttpServletResponse.SC_BAD_REQUEST -> JsonRpcShape.INVALID_REQUEST;
      case HttpServletResponse.SC_NOT_FOUND -> ErrorResponses.SESSION_NOT_FOUND;
      case HttpServletResponse.SC_INTERNAL_SERVER_ERROR -> ErrorResponses.INTERNAL_ERROR;
      default -> ErrorResponses.REFUSED;
    };
  }

  /** Fixed text for an error the servlet answered; what it wrote itself is never passed on. */
  private String messageFor(int status) {
    return switch (status) {
      case HttpServletResponse.SC_BAD_REQUEST -> "Bad Request: the server cannot process this message";
      // The only 404 of the endpoint: the servlet knows no session of that id.
      case HttpServletResponse.SC_NOT_FOUND ->
          "Session not found: it has ended or never existed; start a new one with initialize";
      case HttpServletResponse.SC_METHOD_NOT_ALLOWED -> "Method not allowed";
      case HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE -> tooLarge();
      case HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE ->
          "Unsupported Media Type: Content-Type must be application/json (UTF-8)";
      case HttpServletResponse.SC_INTERNAL_SERVER_ERROR -> "Internal error: the server failed to process this message";
      case HttpServletResponse.SC_SERVICE_UNAVAILABLE -> "Service unavailable: the server is shutting down";
      default -> "The request failed with HTTP status " + status;
    };
  }
}
