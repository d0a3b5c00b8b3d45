package dev.openapimcp.bench;

import dev.openapimcp.model.ProtocolVersions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * One MCP session over Streamable HTTP: POST /mcp with JSON-RPC, answers as JSON or as an SSE stream.
 * As MCP 2026-07-28 ({@code modern}) there is no session: each request carries the protocol version
 * in a header and in its {@code _meta}, and our server answers it in its own lane, not the SDK's.
 */
final class HttpMcpSession {

  private final HttpClient client;
  private final URI endpoint;
  private final String authToken;
  private final boolean modern;
  private String sessionId;
  private int nextId = 1;

  HttpMcpSession(HttpClient client, URI endpoint, String authToken, boolean modern) {
    this.client = client;
    this.endpoint = endpoint;
    this.authToken = authToken;
    this.modern = modern;
  }

  void initialize() throws IOException, InterruptedException {
    if (modern) {
      return;
    }
    HttpResponse<String> response = post(request("initialize", StdioServer.INITIALIZE_PARAMS));
    Optional<String> id = response.headers().firstValue("mcp-session-id");
    if (response.statusCode() != 200 || id.isEmpty()) {
      throw new IOException("initialize answered " + response.statusCode() + " without a session: "
          + StdioServer.abbreviate(response.body()));
    }
    sessionId = id.get();
    answer(response, 1);
    HttpResponse<String> initialized = post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    if (initialized.statusCode() / 100 != 2) {
      throw new IOException("notifications/initialized answered " + initialized.statusCode());
    }
  }

  /** Calls a tool and returns the JSON-RPC answer. */
  String callTool(String name, String argumentsJson) throws IOException, InterruptedException {
    int id = nextId;
    String meta = modern ? ",\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"" + ProtocolVersions.MCP_2026_07_28
        + "\",\"io.modelcontextprotocol/clientInfo\":{\"name\":\"bench\",\"version\":\"1\"},"
        + "\"io.modelcontextprotocol/clientCapabilities\":{}}" : "";
    HttpResponse<String> response = post(request("tools/call",
        "{\"name\":\"" + name + "\",\"arguments\":" + argumentsJson + meta + "}"), name);
    if (response.statusCode() != 200) {
      throw new IOException("tools/call answered " + response.statusCode() + ": "
          + StdioServer.abbreviate(response.body()));
    }
    String answer = answer(response, id);
    if (modern && !answer.contains("\"resultType\":\"complete\"")) {
      throw new IOException("tools/call " + name + " (2026-07-28) failed: " + StdioServer.abbreviate(answer));
    }
    return answer;
  }

  private String request(String method, String paramsJson) {
    int id = nextId++;
    return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + paramsJson + "}";
  }

  private HttpResponse<String> post(String json) throws IOException, InterruptedException {
    return post(json, null);
  }

  /** POSTs {@code json}; {@code tool} names the tool a modern {@code tools/call} calls. */
  private HttpResponse<String> post(String json, String tool) throws IOException, InterruptedException {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(endpoint)
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .header("Authorization", "Bearer " + authToken)
            .POST(HttpRequest.BodyPublishers.ofString(json));
    if (modern) {
      builder.header("MCP-Protocol-Version", ProtocolVersions.MCP_2026_07_28)
          .header("Mcp-Method", "tools/call")
          .header("Mcp-Name", tool);
    } else if (sessionId != null) {
      builder.header("Mcp-Session-Id", sessionId);
      builder.header("MCP-Protocol-Version", ProtocolVersions.CLIENT);
    }
    return client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The JSON-RPC answer with {@code id}, from a JSON body or from the data lines of an SSE body. */
  private static String answer(HttpResponse<String> response, int id) throws IOException {
    String body = response.body();
    String contentType = response.headers().firstValue("content-type").orElse("");
    if (!contentType.startsWith("text/event-stream")) {
      return body;
    }
    String idField = "\"id\":" + id;
    for (String line : body.split("\n")) {
      if (line.startsWith("data:") && line.contains(idField)) {
        return line.substring(5).trim();
      }
    }
    throw new IOException("no answer with id " + id + " in the event stream: " + StdioServer.abbreviate(body));
  }
}
