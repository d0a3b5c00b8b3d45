package dev.openapimcp.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openapimcp.runtime.settings.ServerSettings;
import dev.openapimcp.testing.McpHttp;
import dev.openapimcp.testing.RecordingUpstream;
import dev.openapimcp.testing.TestCatalog;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every way a request to the HTTP transport can fail, sent raw to a real server: each answer is a
 * JSON-RPC error of a few dozen bytes (with the request's id when it has one) or one line of plain
 * text, never the serialized exception (27 stack frames) or HTML page the SDK and Tomcat write.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpErrorBodiesTest {

  private static final String TOKEN = "error-bodies-token";
  private static final String JSON = "application/json";
  private static final String BOTH = "application/json, text/event-stream";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private RecordingUpstream api;
  private McpProxyServer stateful;
  private McpProxyServer stateless;

  @BeforeAll
  void start() {
    api = RecordingUpstream.start();
    stateful = server(false);
    stateless = server(true);
  }

  private McpProxyServer server(boolean withoutSessions) {
    return McpProxyServer.builder(TestCatalog.catalog())
        .environment(Map.of("BASE_URL", api.baseUrl()))
        .settings(ServerSettings.builder().transport(ServerSettings.Transport.HTTP).port(0).authToken(TOKEN)
            .stateless(withoutSessions).build())
        .build()
        .start();
  }

  @AfterAll
  void stop() {
    stateful.close();
    stateless.close();
    api.close();
  }

  private static Map<String, String> headers(String contentType, String accept, String... more) {
    Map<String, String> headers = new HashMap<>();
    headers.put("Authorization", "Bearer " + TOKEN);
    if (contentType != null) {
      headers.put("Content-Type", contentType);
    }
    if (accept != null) {
      headers.put("Accept", accept);
    }
    for (int i = 0; i < more.length; i += 2) {
      headers.put(more[i], more[i + 1]);
    }
    return headers;
  }

  /** The answer's JSON-RPC error, after checking the answer has no internals in it. */
  private static JsonNode jsonRpcError(HttpResponse<String> response, int status) throws IOException {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith(JSON));
    assertNoInternals(response.body());
    JsonNode answer = MAPPER.readTree(response.body());
    assertThat(answer.get("jsonrpc").asText()).isEqualTo("2.0");
    assertThat(answer.fieldNames()).toIterable().containsExactlyInAnyOrder("jsonrpc", "error", "id");
    assertThat(answer.get("error").fieldNames()).toIterable().containsExactly("code", "message");
    return answer;
  }

  private static void assertNoInternals(String body) {
    assertThat(body.length()).as(body).isLessThan(300);
    assertThat(body).doesNotContain("stackTrace", "Exception", "exception", "java.", "io.modelcontextprotocol",
        "jakarta", "catalina", "<html", "Tomcat", "[Source", "Cannot construct", "bogus-session");
  }

  private static void assertError(JsonNode answer, int code, String message, String id) {
    assertThat(answer.at("/error/code").asInt()).isEqualTo(code);
    assertThat(answer.at("/error/message").asText()).isEqualTo(message);
    assertThat(answer.get("id").toString()).isEqualTo(id);
  }

  @Test
  void malformedBodiesAreJsonRpcParseAndInvalidRequestErrors() throws IOException {
    for (McpProxyServer server : new McpProxyServer[] {stateful, stateless}) {
      int port = server.httpPort();
      assertError(jsonRpcError(McpHttp.request(port, "POST", headers(JSON, BOTH), "{not json"), 400),
          -32700, "Parse error: the request body is not valid JSON", "null");
      assertError(jsonRpcError(McpHttp.request(port, "POST", headers(JSON, BOTH), ""), 400),
          -32700, "Parse error: the request body is not valid JSON", "null");
      assertError(jsonRpcError(McpHttp.request(port, "POST", headers(JSON, BOTH), "{\"jsonrpc\":\"2.0\"} x"), 400),
          -32700, "Parse error: the request body is not valid JSON", "null");
      assertError(jsonRpcError(McpHttp.request(port, "POST", headers(JSON, BOTH), "[" + McpHttp.INITIALIZE + "]"), 400),
          -32600, "Invalid Request: batches (JSON arrays) are not supported; send one message per request", "null");
      assertError(jsonRpcError(McpHttp.request(port, "POST", headers(JSON, BOTH), "{\"jsonrpc\":\"2.0\",\"id\":7}"),
          400), -32600, "Invalid Request: a message needs a \"method\", or a \"result\" or \"error\" when it answers a"
          + " request", "7");
      assertError(jsonRpcError(McpHttp.request(port, "POST", headers(JSON, BOTH),
          "{\"jsonrpc\":\"1.0\",\"id\":\"abc\",\"method\":\"initialize\"}"), 400),
          -32600, "Invalid Request: \"jsonrpc\" must be \"2.0\"", "\"abc\"");
      assertError(jsonRpcError(McpHttp.request(port, "POST", headers(JSON, BOTH),
          "{\"jsonrpc\":\"2.0\",\"id\":{\"x\":1},\"method\":\"initialize\"}"), 400),
          -32600, "Invalid Request: \"id\" must be a string or an integer", "null");
      assertError(jsonRpcError(McpHttp.request(port, "POST", headers(JSON, BOTH),
          "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"initialize\",\"params\":5}"), 400),
          -32600, "Invalid Request: \"params\" must be an object", "8");
    }
    assertThat(api.requests()).isEmpty();
  }

  @Test
  void aWrongContentTypeIs415AndAWrongAccept400() throws IOException {
    for (McpProxyServer server : new McpProxyServer[] {stateful, stateless}) {
      int port = server.httpPort();
      for (String type : new String[] {"text/plain", "application/json-patch+json", null}) {
        assertError(jsonRpcError(McpHttp.request(port, "POST", headers(type, BOTH), McpHttp.INITIALIZE), 415),
            -32000, "Unsupported Media Type: Content-Type must be application/json (UTF-8)", "null");
      }
      assertError(jsonRpcError(McpHttp.request(port, "POST", headers(JSON + "; charset=bogus", BOTH), "{}"), 415),
          -32000, "Unsupported Media Type: Content-Type must be application/json (UTF-8)", "null");
      for (String accept : new String[] {"text/html", JSON, null}) {
        assertError(jsonRpcError(McpHttp.request(port, "POST", headers(JSON, accept), McpHttp.INITIALIZE), 400),
            -32000, "Bad Request: the Accept header must list both application/json and text/event-stream", "null");
      }
      // A charset parameter is fine.
      assertThat(McpHttp.request(port, "POST", headers(JSON + "; charset=utf-8", BOTH), McpHttp.INITIALIZE)
          .statusCode()).isEqualTo(200);
    }
  }

  @Test
  void sessionErrorsCarryTheRequestIdAndNeverEchoTheSessionId() throws IOException {
    int port = stateful.httpPort();
    String list = "{\"jsonrpc\":\"2.0\",\"id\":\"list-1\",\"method\":\"tools/list\"}";

    assertError(jsonRpcError(McpHttp.request(port, "POST", headers(JSON, BOTH), list), 400),
        -32000, "Bad Request: the Mcp-Session-Id header is required; start a session with initialize", "\"list-1\"");
    assertError(jsonRpcError(McpHttp.request(port, "POST", headers(JSON, BOTH, "Mcp-Session-Id", "bogus-session"), list),
        404), -32001, "Session not found: it has ended or never existed; start a new one with initialize", "\"list-1\"");
    assertError(jsonRpcError(McpHttp.request(port, "GET", headers(null, "text/event-stream"), null), 400),
        -32000, "Bad Request: the Mcp-Session-Id header is required", "null");
    assertError(jsonRpcError(McpHttp.request(port, "GET", headers(null, JSON, "Mcp-Session-Id", "x"), null), 400),
        -32000, "Bad Request: the Accept header must list text/event-stream", "null");
    assertError(jsonRpcError(McpHttp.request(port, "GET",
        headers(null, "text/event-stream", "Mcp-Session-Id", "bogus-session"), null), 404),
        -32001, "Session not found: it has ended or never existed; start a new one with initialize", "null");
    assertError(jsonRpcError(McpHttp.request(port, "DELETE", headers(null, null), null), 400),
        -32000, "Bad Request: the Mcp-Session-Id header is required", "null");
    assertError(jsonRpcError(McpHttp.request(port, "DELETE", headers(null, null, "Mcp-Session-Id", "bogus-session"),
        null), 404), -32001, "Session not found: it has ended or never existed; start a new one with initialize", "null");
  }

  @Test
  void messagesTheSdkItselfRefusesAreAnsweredWithoutItsMessage() throws IOException {
    // Valid JSON-RPC that the SDK's servlet refuses after our checks: initialize parameters of the
    // wrong types (the SDK quotes Jackson's message naming its classes), an answer to nothing.
    String badInitialize = "{\"jsonrpc\":\"2.0\",\"id\":11,\"method\":\"initialize\","
        + "\"params\":{\"protocolVersion\":{\"v\":1},\"capabilities\":[1],\"clientInfo\":7}}";
    assertError(jsonRpcError(McpHttp.request(stateful.httpPort(), "POST", headers(JSON, BOTH), badInitialize), 400),
        -32600, "Bad Request: the server cannot process this message", "11");

    String answer = "{\"jsonrpc\":\"2.0\",\"id\":12,\"result\":{}}";
    assertError(jsonRpcError(McpHttp.request(stateless.httpPort(), "POST", headers(JSON, BOTH), answer), 400),
        -32600, "Bad Request: the server cannot process this message", "12");
  }

  @Test
  void unservedMethodsAre405WithAllow() throws IOException {
    for (String method : new String[] {"PUT", "PATCH"}) {
      HttpResponse<String> response = McpHttp.request(stateful.httpPort(), method, headers(JSON, BOTH), "{}");
      assertError(jsonRpcError(response, 405), -32000, "Method not allowed", "null");
      assertThat(response.headers().firstValue("Allow")).hasValue("GET, POST, DELETE");
    }
    // Without sessions there is no event stream to GET and no session to DELETE.
    for (String method : new String[] {"GET", "DELETE", "PUT"}) {
      HttpResponse<String> response =
          McpHttp.request(stateless.httpPort(), method, headers(null, "text/event-stream"), null);
      assertError(jsonRpcError(response, 405), -32000, "Method not allowed", "null");
      assertThat(response.headers().firstValue("Allow")).hasValue("POST");
    }
  }

  @Test
  void aBodyOverTheLimitIs413AsJsonRpc() throws IOException {
    String big = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"pad\":\""
        + "x".repeat(ServerSettings.defaults().maxRequestBytes()) + "\"}}";
    assertError(jsonRpcError(McpHttp.request(stateless.httpPort(), "POST", headers(JSON, BOTH), big), 413),
        -32000, "Payload too large: a request body may have at most " + ServerSettings.defaults().maxRequestBytes()
            + " bytes", "null");
  }

  @Test
  void whatTomcatAnswersItselfIsOneLineOfPlainText() {
    int port = stateful.httpPort();
    String[][] cases = {
      {"GET /elsewhere HTTP/1.1\r\nHost: localhost", "404 Not Found"},
      {"POST /healthz HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0", "405 Method Not Allowed"},
      {"GET /mcp{} HTTP/1.1\r\nHost: localhost", "400 Bad Request"},
      {"G@T /mcp HTTP/1.1\r\nHost: localhost", "400 Bad Request"},
      {"GET /mcp HTTP/1.1\r\nHost: localhost\r\nBad Header", "400 Bad Request"},
      {"GET /%2e%2e/mcp HTTP/1.1\r\nHost: localhost", "400 Bad Request"},
      {"GET /mcp HTTP/9.9\r\nHost: localhost", "505 HTTP Version Not Supported"},
      {"POST /mcp HTTP/1.1\r\nHost: localhost\r\nContent-Length: abc", "400 Bad Request"},
      {"POST /mcp HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: gzip", "501 Not Implemented"},
      {"TRACE /mcp HTTP/1.1\r\nHost: localhost", "405 Method Not Allowed"},
    };
    for (String[] exchange : cases) {
      String answer = McpHttp.rawExchange(port, exchange[0], "");
      assertThat(McpHttp.status(answer)).as(exchange[0]).isEqualTo(Integer.parseInt(exchange[1].substring(0, 3)));
      assertThat(answer).as(exchange[0]).contains("Content-Type: text/plain;charset=UTF-8");
      assertThat(McpHttp.body(answer)).as(exchange[0]).isEqualTo(exchange[1] + "\n");
    }
    // A broken chunked body fails while the filter reads it.
    String chunked = McpHttp.rawExchange(port, "POST /mcp HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + TOKEN
        + "\r\nContent-Type: application/json\r\nAccept: " + BOTH + "\r\nTransfer-Encoding: chunked", "zz\r\n");
    assertThat(McpHttp.status(chunked)).isEqualTo(400);
    assertNoInternals(McpHttp.body(chunked));
  }
}
