package dev.openapimcp.runtime.server;

import static dev.openapimcp.runtime.server.ModernLaneStdioTest.modern;
import static dev.openapimcp.runtime.server.ModernLaneStdioTest.resultOf;
import static dev.openapimcp.runtime.server.ModernLaneStdioTest.toolNames;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openapimcp.model.ProtocolVersions;
import dev.openapimcp.runtime.settings.ServerSettings;
import dev.openapimcp.runtime.testing.StdioPipes;
import dev.openapimcp.testing.JsonRpcLines;
import dev.openapimcp.testing.McpHttp;
import dev.openapimcp.testing.RecordingUpstream;
import dev.openapimcp.testing.TestCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Cancellation in MCP 2026-07-28 (basic/patterns/cancellation.mdx): over stdio a {@code
 * notifications/cancelled} naming the request, over Streamable HTTP the client closing the response
 * stream; in a 2025-11-25 session over Streamable HTTP, the session's {@code notifications/cancelled}. Either way the request to the API is abandoned (the API sees its connection closed, long
 * before any time-out), over stdio nothing more is sent for the request ("MUST NOT send any further
 * messages for it"), and the server keeps serving.
 */
class ModernCancellationTest {

  private static final String MODERN = ProtocolVersions.MCP_2026_07_28;
  /** A hang guard, far below the request time-out the servers are given, so only a cancellation passes. */
  private static final long GUARD_SECONDS = 60;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HangingApi api = new HangingApi();
  private JsonRpcLines stdio;
  private McpProxyServer http;

  @AfterEach
  void stop() throws IOException {
    if (stdio != null) {
      stdio.close();
    }
    if (http != null) {
      http.close();
    }
    api.close();
  }

  private McpProxyServer.Builder server(ServerSettings.Builder settings) {
    return McpProxyServer.builder(TestCatalog.catalog())
        .environment(Map.of("BASE_URL", "http://127.0.0.1:" + api.port()))
        .settings(settings.requestTimeout(Duration.ofSeconds(600)).build());
  }

  @Test
  void overStdioACancelledCallAbandonsItsApiRequestAndIsNeverAnswered() throws Exception {
    stdio = StdioPipes.start(server(ServerSettings.builder()));
    stdio.sendRaw(JSON.writeValueAsString(Map.of("jsonrpc", "2.0", "id", 41, "method", "tools/call",
        "params", modern(Map.of("name", "get-item", "arguments", Map.of("item_id", "slow"))))));
    assertThat(api.received.await(GUARD_SECONDS, TimeUnit.SECONDS)).as("the call reached the API").isTrue();

    stdio.notify("notifications/cancelled", Map.of("requestId", 41, "reason", "the user pressed stop"));

    assertThat(api.closed.await(GUARD_SECONDS, TimeUnit.SECONDS)).as("the API saw the connection closed").isTrue();
    assertThat(toolNames(resultOf(stdio.request("tools/list", modern(Map.of()))))).contains("get-item");
    stdio.endInput();
    assertThat(stdio.awaitEnd(Duration.ofSeconds(GUARD_SECONDS))).isTrue();
    assertThat(stdio.lines()).noneSatisfy(line -> assertThat(JsonRpcLines.parse(line)).containsEntry("id", 41));
  }

  /**
   * 2025-11-25 over stdio, the lane of Claude Desktop and Claude Code: the same. Before, the SDK's
   * session logged a warning for the notification ("No handler registered") and the call ran on.
   */
  @Test
  void overStdioA2025CallCancelledAbandonsItsApiRequestAndIsNeverAnswered() throws Exception {
    stdio = StdioPipes.start(server(ServerSettings.builder()));
    stdio.initialize();
    stdio.sendRequest(41, "tools/call", Map.of("name", "get-item", "arguments", Map.of("item_id", "slow")));
    assertThat(api.received.await(GUARD_SECONDS, TimeUnit.SECONDS)).as("the call reached the API").isTrue();

    stdio.notify("notifications/cancelled", Map.of("requestId", 41, "reason", "the user pressed stop"));

    assertThat(api.closed.await(GUARD_SECONDS, TimeUnit.SECONDS)).as("the API saw the connection closed").isTrue();
    assertThat(toolNames(resultOf(stdio.request("tools/list", Map.of())))).contains("get-item");
    stdio.endInput();
    assertThat(stdio.awaitEnd(Duration.ofSeconds(GUARD_SECONDS))).isTrue();
    assertThat(stdio.lines()).noneSatisfy(line -> assertThat(JsonRpcLines.parse(line)).containsEntry("id", 41));
  }

  @Test
  void overHttpClosingTheStreamCancelsTheCall() throws Exception {
    http = server(ServerSettings.builder().transport(ServerSettings.Transport.HTTP).port(0)
        .unsafeDisableAuth().stateless(true)).build().start();
    String body = JSON.writeValueAsString(Map.of("jsonrpc", "2.0", "id", 42, "method", "tools/call",
        "params", modern(Map.of("name", "get-item", "arguments", Map.of("item_id", "slow")))));
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    try (Socket client = new Socket(InetAddress.getLoopbackAddress(), http.httpPort())) {
      OutputStream out = client.getOutputStream();
      out.write(("POST /mcp HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
          + "Accept: application/json, text/event-stream\r\nMCP-Protocol-Version: " + MODERN + "\r\n"
          + "Mcp-Method: tools/call\r\nMcp-Name: get-item\r\nContent-Length: " + bytes.length + "\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.write(bytes);
      out.flush();
      assertThat(api.received.await(GUARD_SECONDS, TimeUnit.SECONDS)).as("the call reached the API").isTrue();
    }

    assertThat(api.closed.await(GUARD_SECONDS, TimeUnit.SECONDS)).as("the API saw the connection closed").isTrue();
    HttpResponse<String> next = McpHttp.post(http.httpPort(), Map.of("MCP-Protocol-Version", MODERN,
        "Mcp-Method", "tools/call", "Mcp-Name", "get-item"), JSON.writeValueAsString(Map.of("jsonrpc", "2.0",
        "id", 43, "method", "tools/call", "params", modern(Map.of("name", "get-item",
            "arguments", Map.of("item_id", "fast"))))));
    assertThat(next.statusCode()).isEqualTo(200);
    assertThat(next.body()).contains("\"id\":43", "\"isError\":false");
  }

  /**
   * 2025-11-25 over Streamable HTTP: a session's {@code notifications/cancelled} naming a call still
   * running abandons its request to the API, and the call's POST ends with an event stream carrying
   * no response ("SHOULD ... Not send a response for the cancelled request"). Before, the SDK's
   * session logged a warning ("No handler registered for notification method") and the call ran on.
   */
  @Test
  void overHttpA2025SessionsCancelledCallAbandonsItsApiRequestAndGetsNoResponse() throws Exception {
    http = server(ServerSettings.builder().transport(ServerSettings.Transport.HTTP).port(0).unsafeDisableAuth())
        .build().start();
    HttpResponse<String> initialize = McpHttp.post(http.httpPort(), Map.of(), McpHttp.INITIALIZE);
    Map<String, String> session = Map.of("Mcp-Session-Id", initialize.headers().firstValue("Mcp-Session-Id")
        .orElseThrow(), "MCP-Protocol-Version", "2025-11-25");
    assertThat(McpHttp.post(http.httpPort(), session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}")
        .statusCode()).isEqualTo(202);
    CompletableFuture<HttpResponse<String>> call = CompletableFuture.supplyAsync(() -> McpHttp.post(http.httpPort(),
        session, "{\"jsonrpc\":\"2.0\",\"id\":\"call-7\",\"method\":\"tools/call\",\"params\":{\"name\":\"get-item\","
            + "\"arguments\":{\"item_id\":\"slow\"}}}"));
    assertThat(api.received.await(GUARD_SECONDS, TimeUnit.SECONDS)).as("the call reached the API").isTrue();

    HttpResponse<String> cancelled = McpHttp.post(http.httpPort(), session, "{\"jsonrpc\":\"2.0\",\"method\":"
        + "\"notifications/cancelled\",\"params\":{\"requestId\":\"call-7\",\"reason\":\"the user pressed stop\"}}");

    assertThat(cancelled.statusCode()).isEqualTo(202);
    assertThat(api.closed.await(GUARD_SECONDS, TimeUnit.SECONDS)).as("the API saw the connection closed").isTrue();
    HttpResponse<String> ended = call.get(GUARD_SECONDS, TimeUnit.SECONDS);
    assertThat(ended.statusCode()).isEqualTo(200);
    assertThat(ended.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("text/event-stream"));
    assertThat(ended.body()).isEmpty();
    HttpResponse<String> next = McpHttp.post(http.httpPort(), session, "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":"
        + "\"tools/call\",\"params\":{\"name\":\"get-item\",\"arguments\":{\"item_id\":\"fast\"}}}");
    assertThat(next.body()).contains("\"id\":8", "\"isError\":false");
  }

  @Test
  void overHttpAnAnswerThatTakesLongArrivesAsTheStreamsOneEvent() throws Exception {
    try (RecordingUpstream slow = RecordingUpstream.start()) {
      // Longer than the 2 s an answer may take as application/json: the answer comes on a stream.
      slow.respond(RecordingUpstream.Response.json(200, "{\"object\":\"item\",\"id\":\"late\"}")
          .after(Duration.ofSeconds(5)));
      http = McpProxyServer.builder(TestCatalog.catalog())
          .environment(Map.of("BASE_URL", slow.baseUrl()))
          .settings(ServerSettings.builder().transport(ServerSettings.Transport.HTTP).port(0).unsafeDisableAuth()
              .stateless(true).build())
          .build().start();

      HttpResponse<String> response = McpHttp.post(http.httpPort(), Map.of("MCP-Protocol-Version", MODERN,
          "Mcp-Method", "tools/call", "Mcp-Name", "get-item"), JSON.writeValueAsString(Map.of("jsonrpc", "2.0",
          "id", 44, "method", "tools/call", "params", modern(Map.of("name", "get-item",
              "arguments", Map.of("item_id", "late"))))));

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
          type -> assertThat(type).startsWith("text/event-stream"));
      assertThat(response.headers().firstValue("X-Accel-Buffering")).hasValue("no");
      String[] events = response.body().split("\n\n");
      assertThat(events[0]).isEqualTo(": ping");
      String last = events[events.length - 1];
      assertThat(last).startsWith("event: message\ndata: ");
      Map<String, Object> answer = JsonRpcLines.parse(last.substring(last.indexOf("data: ") + 6));
      assertThat(answer).containsEntry("id", 44);
      assertThat(resultOf(answer)).containsEntry("resultType", "complete").containsEntry("isError", false)
          .containsEntry("structuredContent", Map.of("object", "item", "id", "late"));
      assertThat(slow.onlyRequest().path()).isEqualTo("/v1/items/late");
    }
  }

  /**
   * An API whose first request never gets an answer: it records that the request arrived and that
   * its connection was closed by the caller. Later requests get {@code 200 {}} at once.
   */
  private static final class HangingApi implements AutoCloseable {

    final CountDownLatch received = new CountDownLatch(1);
    final CountDownLatch closed = new CountDownLatch(1);
    private final ServerSocket socket;
    private final Thread acceptor;

    HangingApi() {
      try {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      acceptor = new Thread(this::acceptAll, "hanging-api");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    private void acceptAll() {
      boolean first = true;
      while (!socket.isClosed()) {
        try {
          Socket connection = socket.accept();
          boolean hang = first;
          first = false;
          Thread handler = new Thread(() -> serve(connection, hang), "hanging-api-connection");
          handler.setDaemon(true);
          handler.start();
        } catch (IOException e) {
          return;
        }
      }
    }

    private void serve(Socket connection, boolean hang) {
      try (connection) {
        InputStream in = connection.getInputStream();
        readHead(in);
        if (hang) {
          received.countDown();
          // Nothing is sent; the read ends only when the caller closes the connection.
          while (in.read() != -1) {
            // Discard.
          }
          closed.countDown();
          return;
        }
        connection.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
            + "Content-Length: 2\r\nConnection: close\r\n\r\n{}").getBytes(StandardCharsets.US_ASCII));
      } catch (IOException e) {
        closed.countDown();
      }
    }

    /** Reads up to the blank line that ends a request's head (a GET has no body). */
    private static void readHead(InputStream in) throws IOException {
      int matched = 0;
      byte[] end = {'\r', '\n', '\r', '\n'};
      for (int b = in.read(); b != -1; b = in.read()) {
        matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        if (matched == end.length) {
          return;
        }
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
