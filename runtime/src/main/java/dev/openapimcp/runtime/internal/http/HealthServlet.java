package dev.openapimcp.runtime.internal.http;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Liveness without authentication: {@code GET /healthz} answers {@code 200 ok}; {@code GET /health}
 * answers the npm server's JSON, so health checks written for it keep working.
 */
final class HealthServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    boolean npmShape = request.getServletPath().equals(HttpTransportServer.NPM_HEALTH_PATH);
    String body = npmShape
        ? "{\"status\":\"healthy\",\"transport\":\"http\",\"port\":" + request.getLocalPort() + "}"
        : "ok";
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType(npmShape ? "application/json" : "text/plain");
    response.setCharacterEncoding("UTF-8");
    response.setHeader("Cache-Control", "no-store");
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }
}
