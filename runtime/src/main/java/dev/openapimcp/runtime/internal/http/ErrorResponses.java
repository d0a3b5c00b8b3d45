package dev.openapimcp.runtime.internal.http;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The small JSON-RPC error bodies the guards answer with, shaped as the npm server's ({@code
 * {"jsonrpc":"2.0","error":{"code":-32001,"message":"..."},"id":null}}), so a client shows the
 * reason instead of an empty page.
 */
final class ErrorResponses {

  /** JSON-RPC code for a missing or refused credential, as the npm server uses it. */
  static final int UNAUTHORIZED = -32001;

  /** JSON-RPC code for a credential that is present but wrong, as the npm server uses it. */
  static final int FORBIDDEN = -32002;

  /** JSON-RPC code for a request refused for any other reason. */
  static final int REFUSED = -32000;

  private ErrorResponses() {}

  /**
   * Answers with {@code status} and {@code message}. {@code message} is fixed text: it never
   * contains anything the client sent, so no header value can be echoed.
   */
  static void send(HttpServletResponse response, int status, int code, String message) throws IOException {
    byte[] body =
        ("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":" + code + ",\"message\":\"" + message + "\"},\"id\":null}")
            .getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
