package dev.openapimcp.runtime.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openapimcp.runtime.internal.json.JsonRpcShape;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The small JSON-RPC error bodies every refused MCP request is answered with, shaped as the npm
 * server's ({@code {"jsonrpc":"2.0","error":{"code":-32001,"message":"..."},"id":null}}), so a
 * client shows the reason instead of an empty page.
 */
final class ErrorResponses {

  /** JSON-RPC code for a missing or refused credential, as the npm server uses it. */
  static final int UNAUTHORIZED = -32001;

  /** JSON-RPC code for a credential that is present but wrong, as the npm server uses it. */
  static final int FORBIDDEN = -32002;

  /** JSON-RPC code for a request refused for any other reason. */
  static final int REFUSED = -32000;

  /**
   * The code of a refusal before the body is read: {@link #REFUSED} for a legacy request, and for a
   * 2026-07-28 request ({@link McpEndpointFilter#hasModernHeaders}) {@code -32600}, since that
   * revision's basic/index.mdx calls -32000 to -32019 legacy codes new implementations SHOULD NOT use.
   */
  static int refusal(HttpServletRequest request) {
    return refusal(McpEndpointFilter.hasModernHeaders(request));
  }

  /** {@link #refusal(HttpServletRequest)} for a request already known to be modern or not. */
  static int refusal(boolean modern) {
    return modern ? JsonRpcShape.INVALID_REQUEST : REFUSED;
  }

  /** JSON-RPC code for an unknown or ended session, as the TypeScript SDK uses it. */
  static final int SESSION_NOT_FOUND = -32001;

  /** JSON-RPC code for a failure inside the server. */
  static final int INTERNAL_ERROR = -32603;

  private static final ObjectMapper JSON = new ObjectMapper();

  private ErrorResponses() {}

  /**
   * Answers with {@code status} and {@code message} for no particular request ({@code "id":null}).
   * {@code message} is fixed text: it never contains anything the client sent, so no header value
   * can be echoed.
   */
  static void send(HttpServletResponse response, int status, int code, String message) throws IOException {
    send(response, status, code, message, null);
  }

  /**
   * 401 for a bearer token that is missing or not this server's, as RFC 6750 (section 3) shapes it:
   * {@code WWW-Authenticate: Bearer error="invalid_token", error_description="..."} and the body
   * {@code {"error":"invalid_token","error_description":"..."}}. {@code description} is fixed text.
   */
  static void sendInvalidToken(HttpServletResponse response, String description) throws IOException {
    response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\", error_description=\"" + description + "\"");
    ObjectNode answer = JsonNodeFactory.instance.objectNode();
    answer.put("error", "invalid_token");
    answer.put("error_description", description);
    write(response, HttpServletResponse.SC_UNAUTHORIZED, answer);
  }

  /** {@link #send(HttpServletResponse, int, int, String)} answering the request with {@code id}. */
  static void send(HttpServletResponse response, int status, int code, String message, JsonNode id)
      throws IOException {
    ObjectNode answer = JsonNodeFactory.instance.objectNode();
    answer.put("jsonrpc", "2.0");
    answer.putObject("error").put("code", code).put("message", message);
    answer.set("id", id == null ? JsonNodeFactory.instance.nullNode() : id);
    write(response, status, answer);
  }

  private static void write(HttpServletResponse response, int status, ObjectNode answer) throws IOException {
    JsonBody.write(response, status, JSON.writeValueAsBytes(answer));
  }
}
