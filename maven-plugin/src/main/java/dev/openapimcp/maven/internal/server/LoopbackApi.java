package dev.openapimcp.maven.internal.server;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A stand-in for the API during the training run, on a free loopback port: every request gets
 * {@code 200 {}}, so a training call goes through request building, the HTTP client and result
 * mapping (and those classes into the archive) without a real API or credentials.
 */
final class LoopbackApi implements AutoCloseable {

  private static final byte[] BODY = "{}".getBytes(StandardCharsets.UTF_8);

  private final HttpServer server;

  private LoopbackApi(HttpServer server) {
    this.server = server;
  }

  static LoopbackApi start() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, BODY.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(BODY);
      }
    });
    server.start();
    return new LoopbackApi(server);
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
