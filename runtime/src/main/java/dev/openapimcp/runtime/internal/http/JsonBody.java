package dev.openapimcp.runtime.internal.http;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** A whole JSON answer written at once: the status, {@code application/json} in UTF-8, its length and the bytes. */
final class JsonBody {

  private JsonBody() {}

  static void write(HttpServletResponse response, int status, byte[] body) throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
