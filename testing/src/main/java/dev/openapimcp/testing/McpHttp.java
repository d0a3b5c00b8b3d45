package dev.openapimcp.testing;

import dev.openapimcp.model.ProtocolVersions;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Talks to an MCP server's Streamable HTTP endpoint: through the SDK's own client, or with raw
 * requests for what a well-behaved client never sends (a foreign {@code Host}, no token).
 */
public final class McpHttp {

  /** A JSON-RPC {@code initialize} request body. */
  public static final String INITIALIZE =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\""
          + ProtocolVersions.CLIENT + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}";

  private static final HttpClient RAW = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private McpHttp() {}

  /**
   * An initialized SDK client for {@code http://127.0.0.1:<port>/mcp} sending {@code headers} with
   * every request.
   */
  public static McpSyncClient connect(int port, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder();
    headers.forEach(request::header);
    HttpClientStreamableHttpTransport transport =
        HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + port)
            .endpoint("/mcp")
            .requestBuilder(request)
            .build();
    McpSyncClient client =
        McpClient.sync(transport)
            .requestTimeout(Duration.ofSeconds(30))
            .initializationTimeout(Duration.ofSeconds(30))
            .build();
    client.initialize();
    return client;
  }

  /**
   * {@code POST /mcp} of {@code body} with the MCP {@code Accept} and JSON content type plus {@code
   * headers}; a header repeats when its value holds several lines.
   */
  public static HttpResponse<String> post(int port, Map<String, String> headers, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/mcp"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    addHeaders(request, headers);
    return send(request.build());
  }

  /** {@code method /mcp} with exactly {@code headers} (no defaults) and {@code body}, or none when {@code null}. */
  public static HttpResponse<String> request(int port, String method, Map<String, String> headers, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/mcp"))
            .timeout(Duration.ofSeconds(30))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    addHeaders(request, headers);
    return send(request.build());
  }

  private static void addHeaders(HttpRequest.Builder request, Map<String, String> headers) {
    headers.forEach((name, values) -> {
      for (String value : values.split("\n")) {
        request.header(name, value);
      }
    });
  }

  /** {@code GET path} without any extra header. */
  public static HttpResponse<String> get(int port, String path) {
    return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build());
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return RAW.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /**
   * Sends {@code head} (request line and headers, CRLF separated, without the blank line that ends
   * them) and {@code body} over a plain socket, and returns the status code. {@code java.net.http}
   * will not send a {@code Host} of our choosing, which is what a DNS-rebinding page does.
   */
  public static int rawStatus(int port, String head, String body) {
    // Only the status line: a refused request may leave the server waiting for a body never sent.
    return status(exchange(port, head, body, in -> {
      StringBuilder statusLine = new StringBuilder();
      for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
        statusLine.append((char) c);
      }
      return statusLine.toString();
    }));
  }

  /** The status code of a raw answer: {@code HTTP/1.1 421 } or {@code HTTP/1.1 421 Misdirected Request}. */
  public static int status(String answer) {
    return Integer.parseInt(answer.split("\r?\n", 2)[0].split(" ")[1].strip());
  }

  /** The body of a raw answer: what follows the blank line. */
  public static String body(String answer) {
    return answer.substring(answer.indexOf("\r\n\r\n") + 4);
  }

  /** Like {@link #rawStatus}, returning the whole answer as text (ISO-8859-1 keeps every byte). */
  public static String rawExchange(int port, String head, String body) {
    return exchange(port, head, body, in -> new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
  }

  private interface AnswerReader {
    String read(InputStream in) throws IOException;
  }

  private static String exchange(int port, String head, String body, AnswerReader reader) {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write((head + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
      out.flush();
      return reader.read(socket.getInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
